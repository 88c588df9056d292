using System;
using System.Linq;
using Generated.Kernels;
using Xunit;
using Kernel = Generated.Kernels.GemmKernel<Generated.Kernels.Simd512, System.Runtime.Intrinsics.Vector512<float>>;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The grouping of rows into register tiles by their zeros (<see cref="SparseRowOrder"/>): the order is a stable sort
/// by nonzero count, each row's masks say exactly which steps are not zero, the forward product really skips the steps
/// of tiles that only the grouping makes all zero (B is NaN there), C keeps every bit, and a split by columns keeps the
/// skipping panels whole.
/// </summary>
public sealed unsafe class SparseRowOrderTests
{
    [Theory]
    [InlineData(8, 16)]
    [InlineData(128, 128)]
    [InlineData(36, 37)]
    [InlineData(4, 0)]
    public void Rows_are_ordered_by_nonzero_count_and_ties_keep_their_order(int rows, int kCount)
    {
        if (!NonzeroSteps.Supported)
        {
            return;
        }

        int lda = kCount + 5;
        var a = new float[(rows * lda) + 1];
        var rng = new Rng(rows + kCount);
        for (int row = 0; row < rows; row++)
        {
            // A share of zeros per row, so counts differ and some repeat; negative zeros are zero, NaN is not.
            double zeros = rng.NextDouble();
            for (int p = 0; p < kCount; p++)
            {
                double draw = rng.NextDouble();
                a[(row * lda) + p] = draw < zeros ? (draw < zeros / 4 ? -0f : 0f) : (float)draw;
            }

            // Past the block: never counted.
            a[(row * lda) + kCount] = 1f;
        }

        if (kCount > 3)
        {
            a[3] = float.NaN;
        }

        int[] counts = Enumerable.Range(0, rows)
            .Select(row => Enumerable.Range(0, kCount).Count(p => a[(row * lda) + p] is var v && (v != 0f || float.IsNaN(v))))
            .ToArray();
        int[] expected = Enumerable.Range(0, rows).OrderBy(row => counts[row]).ToArray(); // OrderBy is stable

        var order = new int[rows];
        var keys = new int[rows];
        var histogram = new int[kCount + 1];
        Array.Fill(histogram, 99); // the sort clears what it uses
        int maskStride = NonzeroSteps.MasksFor(kCount) + 1; // one spare mask per row, which must stay untouched
        var masks = new ushort[rows * maskStride];
        Array.Fill(masks, (ushort)0xBEEF);
        fixed (float* pa = a)
        fixed (int* po = order, pk = keys, ph = histogram)
        fixed (ushort* pm = masks)
        {
            SparseRowOrder.Sort(pa, lda, rows, kCount, po, pk, ph, pm, maskStride);
        }

        Assert.Equal(expected, order);
        Assert.Equal(counts, keys);
        for (int row = 0; row < rows; row++)
        {
            // Bit e of mask c says whether step 16c + e is not zero; bits past the block are clear.
            for (int p = 0; p < NonzeroSteps.MasksFor(kCount) * 16; p++)
            {
                bool listed = (masks[(row * maskStride) + (p / 16)] & (1 << (p % 16))) != 0;
                bool nonzero = p < kCount && a[(row * lda) + p] is var v && (v != 0f || float.IsNaN(v));
                Assert.True(listed == nonzero, $"row {row}, step {p}: mask says {listed}");
            }

            Assert.Equal(0xBEEF, masks[(row * maskStride) + maskStride - 1]);
        }
    }

    /// <summary>
    /// Every fourth sample is dense and the others are zero at inputs [8, 24): in batch order every tile holds a dense
    /// row and skips nothing there, grouped by their counts the sparse rows fill tiles of their own that skip those
    /// inputs. The columns of W for them are then made NaN: the dense rows' outputs turn NaN as they must, and every
    /// sparse row keeps each bit of its unpoisoned output. Shapes: one and two workers split by columns into whole
    /// panels, a batch of 130 whose last two rows are left over from the tiles, and 256 samples by 64 outputs, split
    /// by rows, whose second band (from row 128) must be sorted from its own rows (the dense rows move with the band).
    /// </summary>
    [Theory]
    [InlineData(1, 128, 128)]
    [InlineData(2, 128, 128)]
    [InlineData(2, 130, 256)]
    [InlineData(2, 256, 64)]
    public void Forward_groups_rows_by_zeros_and_skips_what_only_the_group_leaves_out(int threads, int batch, int outputs)
    {
        if (SimdSelection.Best != SimdLevel.Avx512 || !NonzeroSteps.Supported)
        {
            return;
        }

        (float[] x, float[] w, float[] bias) = DarkBand(batch, outputs);
        float[] plain = Forward(threads, skips: false, x, w, bias, batch, outputs);
        float[] clean = Forward(threads, skips: true, x, w, bias, batch, outputs);
        Assert.Equal(plain, clean);

        Poison(w, outputs);
        float[] poisoned = Forward(threads, skips: true, x, w, bias, batch, outputs);
        AssertSparseRowsKeepTheirBits(clean, poisoned, batch, outputs);
    }

    /// <summary>
    /// Shares skewed by a fifth, so that 16-column bands would split 256 columns 144/112 and end each band in narrow
    /// panels that take every step: the skipping product still gives each worker whole 64-column panels, so every
    /// sparse row skips the poisoned inputs in every column.
    /// </summary>
    [Fact]
    public void Skewed_shares_keep_whole_panels_so_every_column_skips()
    {
        if (SimdSelection.Best != SimdLevel.Avx512 || !NonzeroSteps.Supported)
        {
            return;
        }

        const int Batch = 128, Outputs = 256;
        (float[] x, float[] w, float[] bias) = DarkBand(Batch, Outputs);
        using var pool = new WorkerPool(2);
        var job = new GemmJob(SimdLevel.Avx512, 2);
        for (int i = 0; i < 300; i++)
        {
            // The worker takes a fifth longer for its share, as the pool would report it.
            job.Shares.BeginJob();
            (int start, int end) = job.Shares.Partition(4096, 0, 2, 16);
            (int workerStart, int workerEnd) = job.Shares.Partition(4096, 1, 2, 16);
            job.Shares.Observe(0, [(end - start) * 1000L, (workerEnd - workerStart) * 1200L]);
        }

        Assert.NotEqual((0, Outputs / 2), job.Shares.Partition(Outputs, 0, 2, 16));
        float[] clean = Product(pool, job, x, w, bias, Batch, Outputs);
        Poison(w, Outputs);
        float[] poisoned = Product(pool, job, x, w, bias, Batch, Outputs);
        AssertSparseRowsKeepTheirBits(clean, poisoned, Batch, Outputs);
    }

    [Fact]
    public void Zero_share_counts_zeros_in_the_sampled_rows_whole_blocks()
    {
        if (!NonzeroSteps.Supported)
        {
            return;
        }

        const int Inputs = 36; // two whole blocks of sixteen; the last four inputs are not sampled
        var x = new float[3 * Inputs];
        Array.Fill(x, 1f);
        Array.Clear(x, 0, 5);                 // row 0: five zeros
        Array.Fill(x, -0f, Inputs + 10, 12);  // row 1: twelve negative zeros
        x[Inputs + 33] = 0f;                  // row 1: in the unsampled tail
        x[(2 * Inputs) + 3] = float.NaN;      // row 2: NaN is not zero, and row 2 is not sampled
        Array.Clear(x, (2 * Inputs) + 4, 20);
        fixed (float* px = x)
        {
            Assert.Equal(17.0 / 64, KernelEngine.ZeroShare(px, 2, Inputs));
            Assert.Equal(0, KernelEngine.ZeroShare(px, 2, 15)); // no whole block
        }
    }

    /// <summary>
    /// The forward product lists its steps for inputs with many zeros and runs the plain product on dense ones, where
    /// counting, grouping and listing would only cost time.
    /// </summary>
    [Fact]
    public void Forward_lists_steps_for_sparse_inputs_and_not_for_dense_ones()
    {
        const int Batch = 64;
        (float[] sparse, _, _) = DarkBand(Batch, 64);
        float[] dense = SeededValues.Uniform(Batch * Inputs, 84);
        using var engine = new KernelEngine(1, 0);
        fixed (float* ps = sparse, pd = dense)
        {
            bool skips = SimdSelection.Best == SimdLevel.Avx512 && NonzeroSteps.Supported;
            Assert.Equal(skips, engine.SkipsZeroStepsOf(ps, Batch, Inputs));
            Assert.False(engine.SkipsZeroStepsOf(pd, Batch, Inputs));
            engine.SkipsZeroSteps = false;
            Assert.False(engine.SkipsZeroStepsOf(ps, Batch, Inputs));
        }
    }

    /// <summary>
    /// One worker's list buffer: the counts, the lists, the row order, its keys and histogram and the rows' masks end to
    /// end with nothing overlapping, the histogram long enough for every count of a K block (0..128), the masks for every
    /// row of a whole block, and the transpose scratch after them on a 64-byte line (the buffer starts on one).
    /// </summary>
    [Fact]
    public void The_list_buffer_regions_follow_each_other_and_the_scratch_starts_on_a_cache_line()
    {
        const int RowsPerTile = 4;
        Assert.Equal(Kernel.MaxListedTiles + (Kernel.MaxListedTiles * Kernel.ListStride), Kernel.OrderOffset);
        Assert.True(Kernel.ListStride >= Kernel.PanelKBlock, "a list holds a whole K block");
        Assert.Equal(Kernel.OrderOffset + (Kernel.MaxListedTiles * RowsPerTile), Kernel.KeysOffset);
        Assert.Equal(Kernel.KeysOffset + (Kernel.MaxListedTiles * RowsPerTile), Kernel.HistogramOffset);
        Assert.True(Kernel.HistogramLength >= Kernel.PanelKBlock + 1, "one bucket per count 0..PanelKBlock");
        Assert.Equal(Kernel.HistogramOffset + Kernel.HistogramLength, Kernel.MasksOffset);
        Assert.True(Kernel.MasksPerRow * 16 >= Kernel.PanelKBlock, "a row's masks cover a whole K block");
        Assert.Equal(Kernel.MaxListedTiles * RowsPerTile * Kernel.MasksPerRow * sizeof(ushort), Kernel.MasksLength * sizeof(int));
        Assert.Equal(Kernel.MasksOffset + Kernel.MasksLength + Kernel.TransposeScratchLength, Kernel.StepListLength);
        Assert.Equal(0, (Kernel.StepListLength - Kernel.TransposeScratchLength) * sizeof(int) % 64);
    }

    [Theory]
    [InlineData(256, 2, true, 64)] // the MLP's first layer: two whole panels each
    [InlineData(784, 2, true, 16)] // 784 is no whole number of panels per worker: single vectors
    [InlineData(192, 2, true, 16)] // three panels would split 2/1
    [InlineData(256, 2, false, 16)] // no step lists, nothing to keep whole
    public void Products_that_skip_split_columns_into_whole_panels_where_they_divide_evenly(int columns, int workers, bool skips, int expected)
    {
        var product = new GemmArguments { M = 128, N = columns, K = 784, SkipZeroA = skips };
        int alignment = GemmJob.ColumnAlignment(product, SimdLevel.Avx512, workers);
        Assert.Equal(NonzeroSteps.Supported ? expected : 16, alignment);
        Assert.Equal(16, GemmJob.ColumnAlignment(product, SimdLevel.Avx2, workers));
    }

    private const int Inputs = 40, FirstDark = 8, EndDark = 24;

    /// <summary>Dense rows: one in four, at a phase that moves every 128 rows, so each band of 128 sorts its own rows.</summary>
    private static bool IsDense(int row) => row % 4 == row / 128 % 4;

    /// <summary>x with the sparse rows zero at inputs [FirstDark, EndDark), and a weight and bias.</summary>
    private static (float[] X, float[] W, float[] Bias) DarkBand(int batch, int outputs)
    {
        float[] x = SeededValues.Uniform(batch * Inputs, 81), w = SeededValues.Uniform(outputs * Inputs, 82), bias = SeededValues.Uniform(outputs, 83);
        for (int row = 0; row < batch; row++)
        {
            if (!IsDense(row))
            {
                Array.Clear(x, (row * Inputs) + FirstDark, EndDark - FirstDark);
            }
        }

        return (x, w, bias);
    }

    /// <summary>NaN in every output's weights for the inputs only the sparse rows' tiles skip.</summary>
    private static void Poison(float[] w, int outputs)
    {
        for (int o = 0; o < outputs; o++)
        {
            Array.Fill(w, float.NaN, (o * Inputs) + FirstDark, EndDark - FirstDark);
        }
    }

    private static void AssertSparseRowsKeepTheirBits(float[] clean, float[] poisoned, int batch, int outputs)
    {
        for (int row = 0; row < batch; row++)
        {
            var expected = new ArraySegment<float>(clean, row * outputs, outputs);
            var actual = new ArraySegment<float>(poisoned, row * outputs, outputs);
            if (IsDense(row) || row >= batch / 4 * 4)
            {
                // Dense rows, and left-over rows (which take every step), meet the NaN columns.
                Assert.All(actual, value => Assert.True(float.IsNaN(value)));
            }
            else
            {
                Assert.Equal(expected, actual);
            }
        }
    }

    private static float[] Product(WorkerPool pool, GemmJob job, float[] x, float[] w, float[] bias, int batch, int outputs)
    {
        var y = new float[batch * outputs];
        fixed (float* px = x, pw = w, pb = bias, py = y)
        {
            job.Run(pool, new GemmArguments
            {
                A = px, Lda = Inputs, B = pw, Ldb = Inputs, TransposedB = true, C = py, Ldc = outputs,
                M = batch, N = outputs, K = Inputs, Bias = pb, Activation = Activation.Linear, SkipZeroA = true,
            });
        }

        return y;
    }

    private static float[] Forward(int threads, bool skips, float[] x, float[] w, float[] bias, int batch, int outputs)
    {
        using var engine = new KernelEngine(threads, 0) { SkipsZeroSteps = skips };
        var y = new float[batch * outputs];
        engine.DenseForward(x, w, bias, y, batch, x.Length / batch, outputs, Activation.Linear, 0f);
        return y;
    }
}
