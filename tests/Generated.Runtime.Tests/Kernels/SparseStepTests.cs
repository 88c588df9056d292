using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Products that skip the K steps where a whole register tile of A is zero (<see cref="NonzeroSteps"/>,
/// <c>GemmArguments.SkipZeroA</c>) and the transposed weight gradient built on them: the lists hold exactly the other
/// steps, skipped steps really are never read (B is NaN there), and every product gives the bits of the same engine
/// with skipping off, for zero patterns that leave whole tiles, parts of tiles or nothing to skip. Skipping runs only
/// on AVX-512; elsewhere these tests compare the plain path with itself.
/// </summary>
public sealed unsafe class SparseStepTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    [InlineData(128)]
    [InlineData(131)]
    public void Lists_hold_exactly_the_steps_where_some_row_is_not_zero(int kCount)
    {
        if (!NonzeroSteps.Supported)
        {
            return;
        }

        int lda = kCount + 3;
        var a = new float[4 * lda];
        var rng = new Rng(kCount + 1);
        for (int r = 0; r < 4; r++)
        {
            for (int p = 0; p < kCount; p++)
            {
                // Mostly zeros, in every combination of rows; negative zeros count as zero, NaN does not.
                double draw = rng.NextDouble();
                a[(r * lda) + p] = draw < 0.8 ? (draw < 0.1 ? -0f : 0f) : (float)draw;
            }
        }

        if (kCount > 5)
        {
            a[(2 * lda) + 5] = float.NaN;
        }

        var expected = new List<int>();
        for (int p = 0; p < kCount; p++)
        {
            bool any = false;
            for (int r = 0; r < 4; r++)
            {
                float value = a[(r * lda) + p];
                any |= value != 0f || float.IsNaN(value);
            }

            if (any)
            {
                expected.Add(p);
            }
        }

        // Nothing may be written past kCount: the lists of a worker's row tiles sit end to end. The list is built twice:
        // from the rows, and from the masks their count wrote.
        const int Canary = -7;
        var fromRows = new int[kCount + 16];
        var fromMasks = new int[kCount + 16];
        Array.Fill(fromRows, Canary);
        Array.Fill(fromMasks, Canary);
        int masksPerRow = NonzeroSteps.MasksFor(kCount);
        var masks = new ushort[(4 * masksPerRow) + 1];
        int rowsCount, masksCount;
        fixed (float* pa = a)
        fixed (int* pr = fromRows, pm = fromMasks)
        fixed (ushort* pk = masks)
        {
            rowsCount = NonzeroSteps.Build(pa, pa + lda, pa + (2 * lda), pa + (3 * lda), kCount, pr);
            for (int r = 0; r < 4; r++)
            {
                int nonzero = NonzeroSteps.CountAndMask(pa + (r * lda), kCount, pk + (r * masksPerRow));
                Assert.Equal(NonzeroSteps.CountNonzero(pa + (r * lda), kCount), nonzero);
            }

            masksCount = NonzeroSteps.BuildFromMasks(pk, pk + masksPerRow, pk + (2 * masksPerRow), pk + (3 * masksPerRow), kCount, pm);
        }

        Assert.Equal(expected, fromRows[..rowsCount]);
        Assert.All(fromRows[kCount..], value => Assert.Equal(Canary, value));
        Assert.Equal(expected, fromMasks[..masksCount]);
        Assert.All(fromMasks[kCount..], value => Assert.Equal(Canary, value));
    }

    [Fact]
    public void Transposed_tiles_store_each_column_in_its_row_and_load_it_back()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        const int Ldc = 7;
        var c = new float[(16 * Ldc) + 4];
        var rows = new float[64];
        var back = new float[64];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = i + 1;
        }

        fixed (float* pc = c, pr = rows, pb = back)
        {
            TransposedTile.Store(
                Vector512.Load(pr), Vector512.Load(pr + 16),
                Vector512.Load(pr + 32), Vector512.Load(pr + 48), pc, Ldc);
            for (int j = 0; j < 16; j++)
            {
                for (int r = 0; r < Ldc; r++)
                {
                    // Row r's element j lands at c[j·ldc + r]; the other three floats of each row of C are left alone.
                    Assert.Equal(r < 4 ? rows[(r * 16) + j] : 0f, c[(j * Ldc) + r]);
                }
            }

            TransposedTile.Load(pc, Ldc, pb);
        }

        Assert.Equal(rows, back);
    }

    /// <summary>
    /// The forward product with skipping on and off. Shapes: the MLP's first layer split by columns over two workers
    /// (seven K blocks, the last ragged), leftover rows beside narrower panels, bands of 32 columns (two-vector tiles,
    /// which take no lists), bands of 64, a band taller than one worker's lists (two sub-bands), and a split by rows. Where every tile is
    /// a full 4-row, 64-column one, the columns of W that only all-zero tiles of x meet are then made NaN: a step that
    /// was not skipped would poison its rows, and with skipping the outputs keep every bit.
    /// </summary>
    [Theory]
    [InlineData(2, 128, 784, 256, true)]
    [InlineData(1, 13, 300, 100, false)]
    [InlineData(2, 64, 20, 64, false)]
    [InlineData(2, 64, 20, 128, true)]
    [InlineData(1, 1032, 40, 64, true)]
    [InlineData(2, 256, 40, 64, true)] // more samples than outputs: split by rows, the second band starting at row 128
    public void Forward_skips_the_steps_of_all_zero_tiles_and_keeps_every_other_bit(int threads, int batch, int inputs, int outputs, bool everyTileListed)
    {
        float[] x = Sparse(batch * inputs, inputs, seed: 51), w = SeededValues.Uniform(outputs * inputs, 52), bias = SeededValues.Uniform(outputs, 53);
        // Inputs zero in every sample: no tile needs them.
        for (int row = 0; row < batch; row++)
        {
            x[(row * inputs) + 3] = 0f;
            x[(row * inputs) + inputs - 1] = -0f;
        }

        float[] plain = Forward(threads, skips: false, x, w, bias, batch, inputs, outputs, out float[] plainPre);
        float[] skipped = Forward(threads, skips: true, x, w, bias, batch, inputs, outputs, out float[] skippedPre);
        Assert.Equal(plain, skipped);
        Assert.Equal(plainPre, skippedPre);

        if (!SkipsOnThisMachine || !everyTileListed)
        {
            return;
        }

        for (int o = 0; o < outputs; o++)
        {
            w[(o * inputs) + 3] = float.NaN;
            w[(o * inputs) + inputs - 1] = float.NaN;
        }

        float[] poisoned = Forward(threads, skips: true, x, w, bias, batch, inputs, outputs, out float[] poisonedPre);
        Assert.Equal(plain, poisoned);
        Assert.Equal(plainPre, poisonedPre);
    }

    /// <summary>
    /// The weight gradient through xᵀ·dz with step lists and transposed stores, against the same engine's plain dzᵀ·x:
    /// the same bits for the MLP's first layer on one and two workers, a batch of two K blocks (the second block loads
    /// the transposed C back), ragged K, and more row tiles than one worker keeps lists for. A sample whose inputs are all
    /// zero gets a NaN gradient row, which only the skipping path never reads.
    /// </summary>
    [Theory]
    [InlineData(1, 128, 784, 256)]
    [InlineData(2, 128, 784, 256)]
    [InlineData(2, 200, 64, 128)]
    [InlineData(1, 37, 20, 64)]
    [InlineData(2, 32, 1040, 64)]
    [InlineData(1, 32, 1040, 64)] // 260 row tiles on one worker: two sub-bands of transposed stores
    public void Weight_gradient_skips_all_zero_inputs_and_keeps_every_other_bit(int threads, int batch, int inputs, int outputs)
    {
        float[] x = Sparse(batch * inputs, inputs, seed: 61), w = SeededValues.Uniform(outputs * inputs, 62), dy = SeededValues.Uniform(batch * outputs, 63);
        fixed (float* px = x)
        {
            // The engine takes the transposed form only for inputs this sparse; otherwise the test would compare the plain form with itself.
            Assert.True(
                KernelEngine.ZeroGroupShare(px, KernelEngine.SampledRows, inputs) >= KernelEngine.SparseInputShare,
                "the test's inputs must be sparse enough for the transposed form");
        }

        float[] plain = WeightGradient(threads, skips: false, x, w, dy, batch, inputs, outputs);
        float[] skipped = WeightGradient(threads, skips: true, x, w, dy, batch, inputs, outputs);
        Assert.Equal(plain, skipped);

        if (!SkipsOnThisMachine)
        {
            return;
        }

        // The last sample sees nothing: its gradient row may be anything without changing the weight gradient.
        const int Dark = 1;
        Array.Clear(x, (batch - Dark) * inputs, inputs);
        float[] clean = WeightGradient(threads, skips: true, x, w, dy, batch, inputs, outputs);
        Array.Fill(dy, float.NaN, (batch - Dark) * outputs, outputs);
        float[] poisoned = WeightGradient(threads, skips: true, x, w, dy, batch, inputs, outputs);
        Assert.Equal(clean, poisoned);
        Assert.DoesNotContain(poisoned, float.IsNaN);
    }

    /// <summary>
    /// The whole backward pass of a ReLU layer with a bias and an input gradient, sparse input: the transposed weight
    /// gradient must read dz after the gradient pass has turned dL/dy into it (masked by the ReLU), so dw, the bias
    /// gradient, dz and dx all keep the plain path's bits.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Relu_backward_with_a_sparse_input_keeps_every_bit(int threads)
    {
        const int Batch = 64, Inputs = 784, Outputs = 128;
        float[] x = Sparse(Batch * Inputs, Inputs, seed: 71), w = SeededValues.Uniform(Outputs * Inputs, 72), bias = SeededValues.Uniform(Outputs, 73), dy = SeededValues.Uniform(Batch * Outputs, 74);
        var results = new List<float[]>();
        foreach (bool skips in new[] { false, true })
        {
            using var engine = new KernelEngine(threads, 0) { SkipsZeroSteps = skips };
            engine.ReserveScratch(Batch * Outputs);
            var y = new float[Batch * Outputs];
            engine.DenseForward(x, w, bias, y, Batch, Inputs, Outputs, Activation.ReLU, 0f);
            float[] dz = (float[])dy.Clone(), dw = new float[Outputs * Inputs], db = new float[Outputs], dx = new float[Batch * Inputs];
            engine.DenseBackward(x, w, y, dz, dw, db, dx, Batch, Inputs, Outputs, Activation.ReLU, 0f);
            results.AddRange([y, dz, dw, db, dx]);
        }

        Assert.Contains(results[1], value => value == 0f); // the ReLU masked some of dy
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(results[i], results[i + 5]);
        }
    }

    /// <summary>
    /// A ReLU layer with a dense input whose units are off for about half the samples, as the MLP's second layer: dz has
    /// the ReLU's zeros, so dw = dzᵀ·x and dx = dz·w list its zero steps (the transposed form, for sparse inputs, is not
    /// taken), and every gradient keeps the plain path's bits. A unit that is off for every sample and a sample whose
    /// units are all off are skipped outright: a NaN in that unit's weights or that sample's input reaches no gradient.
    /// </summary>
    [Theory]
    [InlineData(1, 256)]
    [InlineData(2, 512)] // each worker's band must be ListedBackwardBand columns wide
    public void Relu_backward_skips_the_units_that_are_off_and_keeps_every_other_bit(int threads, int inputs)
    {
        const int Batch = 128, Outputs = 128, DeadUnit = 5, DarkSample = 77;
        float[] x = SeededValues.Uniform(Batch * inputs, 81), w = SeededValues.Uniform(Outputs * inputs, 82), dy = SeededValues.Uniform(Batch * Outputs, 83);
        float[] y = SeededValues.Uniform(Batch * Outputs, 84);
        for (int i = 0; i < y.Length; i++)
        {
            bool off = y[i] < 0 || i % Outputs == DeadUnit || i / Outputs == DarkSample;
            y[i] = off ? 0 : y[i];
        }

        float[][] plain = Backward(threads, skips: false, x, w, y, dy);
        float[][] skipped = Backward(threads, skips: true, x, w, y, dy);
        for (int i = 0; i < plain.Length; i++)
        {
            Assert.Equal(plain[i], skipped[i]);
        }

        if (!SkipsOnThisMachine)
        {
            return;
        }

        fixed (float* px = x, pdz = skipped[0])
        {
            Assert.True(KernelEngine.ZeroGroupShare(px, KernelEngine.SampledRows, inputs) < KernelEngine.SparseInputShare, "the input must take the plain weight gradient");
            using var engine = new KernelEngine(threads, 0);
            Assert.True(engine.BackwardSkipsZeroStepsOf(pdz, Batch, Outputs, inputs), "dz must be sparse enough to list its steps");
        }

        Array.Fill(w, float.NaN, DeadUnit * inputs, inputs);
        Array.Fill(x, float.NaN, DarkSample * inputs, inputs);
        float[][] poisoned = Backward(threads, skips: true, x, w, y, dy);
        Assert.Equal(skipped[1], poisoned[1]);
        Assert.Equal(skipped[2], poisoned[2]);

        float[][] Backward(int threads, bool skips, float[] x, float[] w, float[] y, float[] dy)
        {
            using var engine = new KernelEngine(threads, 0) { SkipsZeroSteps = skips };
            engine.ReserveScratch(Batch * Outputs);
            float[] dz = (float[])dy.Clone(), dw = new float[Outputs * inputs], db = new float[Outputs], dx = new float[Batch * inputs];
            engine.DenseBackward(x, w, y, dz, dw, db, dx, Batch, inputs, Outputs, Activation.ReLU, 0f);
            return [dz, dw, dx, db];
        }
    }

    /// <summary>
    /// The backward products list dz's zeros only where each worker's band of C is ListedBackwardBand columns wide: two
    /// workers on the MLP's 256-column products keep every step, one worker or 512 columns list them.
    /// </summary>
    [Fact]
    public void Backward_lists_only_bands_wide_enough()
    {
        const int Rows = 64, Depth = 128;
        float[] dz = SeededValues.Uniform(Rows * Depth, 91);
        for (int i = 0; i < dz.Length; i += 2)
        {
            dz[i] = 0;
        }

        fixed (float* pdz = dz)
        {
            using var one = new KernelEngine(1, 0);
            using var two = new KernelEngine(2, 0);
            Assert.Equal(SkipsOnThisMachine, one.BackwardSkipsZeroStepsOf(pdz, Rows, Depth, 256));
            Assert.False(two.BackwardSkipsZeroStepsOf(pdz, Rows, Depth, 256));
            Assert.Equal(SkipsOnThisMachine, two.BackwardSkipsZeroStepsOf(pdz, Rows, Depth, 512));
        }
    }

    /// <summary>
    /// A transposed C is only written by the listed wide tile: asked for without step lists (or on a level without
    /// them) the product refuses instead of writing a plain C past the transposed one's end.
    /// </summary>
    [Fact]
    public void A_transposed_c_without_step_lists_is_refused()
    {
        var a = new float[128 * 8];
        var b = new float[8 * 64];
        var c = new float[64 * 128];
        fixed (float* pa = a, pb = b, pc = c)
        {
            var product = new GemmArguments
            {
                A = pa, Lda = 8, B = pb, Ldb = 64, C = pc, Ldc = 128, M = 128, N = 64, K = 8,
                Activation = Activation.Linear, TransposedC = true, SkipZeroA = false,
            };
            foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
            {
                if (level <= SimdSelection.Best)
                {
                    Assert.Throws<InvalidOperationException>(() => GemmJob.Compute(level, product, 0, 128));
                }
            }
        }
    }

    [Fact]
    public void Zero_group_share_counts_groups_of_four_that_are_all_zero()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        const int Inputs = 36; // two whole blocks of sixteen; the last four inputs are not sampled
        var x = new float[2 * Inputs];
        Array.Fill(x, 1f);
        // Row 0: groups 0 and 5 all zero (one a negative zero), group 2 only partly.
        Array.Clear(x, 0, 4);
        Array.Fill(x, -0f, 20, 4);
        x[9] = 0f;
        // Row 1: group 7 all zero; the unsampled tail is zero too.
        Array.Clear(x, Inputs + 28, 8);
        fixed (float* px = x)
        {
            Assert.Equal(3.0 / 16, KernelEngine.ZeroGroupShare(px, 2, Inputs));
        }
    }

    private static bool SkipsOnThisMachine => SimdSelection.Best == SimdLevel.Avx512 && NonzeroSteps.Supported;

    private static float[] Forward(int threads, bool skips, float[] x, float[] w, float[] bias, int batch, int inputs, int outputs, out float[] preActivation)
    {
        using var engine = new KernelEngine(threads, 0) { SkipsZeroSteps = skips };
        var y = new float[batch * outputs];
        preActivation = new float[batch * outputs];
        engine.DenseForward(x, w, bias, y, batch, inputs, outputs, Activation.GELU, 0f, preActivation);
        return y;
    }

    private static float[] WeightGradient(int threads, bool skips, float[] x, float[] w, float[] dy, int batch, int inputs, int outputs)
    {
        using var engine = new KernelEngine(threads, 0) { SkipsZeroSteps = skips };
        engine.ReserveScratch(batch * outputs);
        float[] y = new float[batch * outputs], dz = (float[])dy.Clone(), dw = new float[outputs * inputs];
        engine.DenseBackward(x, w, y, dz, dw, Span<float>.Empty, Span<float>.Empty, batch, inputs, outputs, Activation.Linear, 0f);
        return dw;
    }

    /// <summary>
    /// Values in [-1, 1) with image-like zeros: each row zero over runs of inputs at both ends (the background, about
    /// half the row) and at a fifth of the rest, so some groups of four are all zero, some partly, and some tiles of
    /// four rows share zero columns.
    /// </summary>
    private static float[] Sparse(int count, int rowLength, long seed)
    {
        var rng = new Rng(seed);
        var values = new float[count];
        for (int row = 0; row < count / rowLength; row++)
        {
            int start = (int)(rng.NextDouble() * rowLength / 2), end = rowLength - (int)(rng.NextDouble() * rowLength / 2);
            for (int i = 0; i < rowLength; i++)
            {
                bool background = i < start || i >= end || rng.NextDouble() < 0.2;
                values[(row * rowLength) + i] = background ? 0f : (float)((rng.NextDouble() * 2) - 1);
            }
        }

        return values;
    }
}
