using System;
using System.Linq;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// More than two workers split a wide product into a grid of row and column bands (<see cref="GemmJob.GridColumnBands"/>)
/// where bands of columns alone would be narrower than the widest register tile: the choice of grid, and the MLP's
/// products and gradient passes on 3 to 16 workers giving one worker's bits, the skipped steps of a sparse input included.
/// </summary>
public sealed unsafe class GridSplitTests
{
    [Theory]
    [InlineData(128, 256, 16, SimdLevel.Avx512, 4)] // X·Wᵀ of the first layer: 4 x 4 bands of 32 samples by 64 outputs
    [InlineData(128, 256, 8, SimdLevel.Avx512, 4)]
    [InlineData(128, 256, 4, SimdLevel.Avx512, 0)]  // four bands of 64 columns: the one-dimensional split stands
    [InlineData(128, 256, 2, SimdLevel.Avx512, 0)]  // two workers keep their speed-following bands
    [InlineData(128, 128, 4, SimdLevel.Avx512, 2)]
    [InlineData(128, 128, 16, SimdLevel.Avx512, 2)] // 2 x 8: rows alone would transpose all of W on every worker
    [InlineData(128, 256, 16, SimdLevel.Avx2, 8)]   // AVX2's widest tile is 32 columns
    [InlineData(128, 256, 6, SimdLevel.Avx512, 3)]  // the most bands that divide the workers and stay a panel wide
    [InlineData(64, 100, 16, SimdLevel.Avx512, 0)]  // no divisor of 16 above 1 fits two panels: the split of before
    [InlineData(128, 128, 3, SimdLevel.Avx512, 0)]  // nor of 3 (its bands stay 48/48/32 columns)
    [InlineData(128, 256, 16, SimdLevel.Scalar, 0)] // the scalar tile is narrower than a band's 16-column block
    [InlineData(128, 100, 16, SimdLevel.Avx512, 0)] // more rows than columns: bands of rows, as before
    [InlineData(784, 256, 16, SimdLevel.Avx512, 0)]
    public void Grid_keeps_column_bands_a_panel_wide(int m, int n, int workers, SimdLevel level, int expected)
    {
        var product = new GemmArguments { M = m, N = n, K = 128 };
        Assert.Equal(expected, GemmJob.GridColumnBands(product, level, workers));
    }

    [Fact]
    public void Softmax_rows_and_transposed_outputs_are_never_split_by_columns()
    {
        var softmax = new GemmArguments { M = 32, N = 256, K = 128, Activation = Activation.Softmax };
        var transposed = new GemmArguments { M = 128, N = 256, K = 128, TransposedC = true };
        Assert.Equal(0, GemmJob.GridColumnBands(softmax, SimdLevel.Avx512, 16));
        Assert.Equal(0, GemmJob.GridColumnBands(transposed, SimdLevel.Avx512, 16));
    }

    /// <summary>
    /// Accumulating into C on a grid of workers adds each element's product exactly once, in one worker's order: a band
    /// that overlapped another would add it twice, one that left a gap would not add it. Shapes with ragged panels and
    /// row tails, and K past one block.
    /// </summary>
    [Theory]
    [InlineData(128, 128, 128, 4)]
    [InlineData(128, 256, 128, 8)]
    [InlineData(128, 256, 784, 16)]
    [InlineData(64, 200, 300, 8)]
    [InlineData(70, 128, 40, 16)]
    public void Accumulating_on_a_grid_adds_every_element_once(int m, int n, int k, int workers)
    {
        SimdLevel level = SimdSelection.Best;
        Assert.True(GemmJob.GridColumnBands(new GemmArguments { M = m, N = n, K = k }, level, workers) > 0 || level == SimdLevel.Scalar, "the shape must take the grid");
        (float[] one, float[] many) = AccumulatedProducts.OnOneAndMany(m, n, k, workers, seed: 31);
        Assert.Equal(one, many);
    }

    /// <summary>
    /// A grid product's bands are equal, so it must leave the product job's speed-following shares as the products split
    /// one way set them: reporting its workers' times would pull them back towards equal after every grid product.
    /// </summary>
    [Fact]
    public void A_grid_product_leaves_the_shares_as_it_found_them()
    {
        const int Workers = 4, M = 128, N = 128, K = 128;
        var job = new GemmJob(SimdSelection.Best, Workers);
        for (int round = 0; round < 300; round++)
        {
            // As if the second thread ran at half speed through 300 products split one way.
            var finished = new long[Workers];
            job.Shares.BeginJob();
            for (int worker = 0; worker < Workers; worker++)
            {
                (int start, int end) = job.Shares.Partition(4096, worker, Workers, 16);
                finished[worker] = (worker == 1 ? 2 : 1) * 4L * (end - start) * System.Diagnostics.Stopwatch.Frequency / 1000 / 4096;
            }

            job.Shares.Observe(0, finished);
        }

        double[] before = [.. Enumerable.Range(0, Workers).Select(job.Shares.Share)];
        Assert.True(before[1] < 0.2, "the skew must have taken");
        float[] a = SeededValues.Uniform(M * K, 41), b = SeededValues.Uniform(K * N, 42);
        var c = new float[M * N];
        using var pool = new WorkerPool(Workers);
        fixed (float* pa = a, pb = b, pc = c)
        {
            var product = new GemmArguments { A = pa, Lda = K, B = pb, Ldb = N, C = pc, Ldc = N, M = M, N = N, K = K, Activation = Activation.Linear };
            Assert.True(GemmJob.GridColumnBands(product, SimdSelection.Best, Workers) > 0 || SimdSelection.Best == SimdLevel.Scalar);
            for (int round = 0; round < 20; round++)
            {
                job.Run(pool, product);
            }
        }

        Assert.Equal(before, Enumerable.Range(0, Workers).Select(job.Shares.Share));
    }

    /// <summary>
    /// The gradient pass gives each taking part worker at least 64 columns at equal bands (whole cache lines), so on many workers only
    /// some take part: 16 workers on 128 outputs used to take 8 columns, half a line, each.
    /// </summary>
    [Theory]
    [InlineData(256, 16, 4)]
    [InlineData(128, 16, 2)]
    [InlineData(256, 2, 2)]
    [InlineData(128, 2, 2)]
    [InlineData(100, 4, 1)]
    [InlineData(10, 16, 1)]
    [InlineData(4096, 16, 16)]
    public void Gradient_pass_bands_are_at_least_64_columns(int outputs, int workers, int expected) =>
        Assert.Equal(expected, DenseGradientJob.Participants(outputs, workers));

    /// <summary>
    /// The MLP's first layer on a batch with the zeros of real images (runs of background, so the forward product lists
    /// its steps and the weight gradient is computed transposed), then its second: every output, gradient and bias
    /// gradient of 3, 4, 8 and 16 workers is one worker's, bit for bit.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void Mlp_layers_give_one_workers_bits_on_a_grid(int workers)
    {
        const int Batch = 128, Inputs = 784, Hidden = 256, Outputs = 128;
        float[] x = ImageLikeBatch(Batch, Inputs, seed: 21);
        float[] w1 = SeededValues.Uniform(Hidden * Inputs, 22), b1 = SeededValues.Uniform(Hidden, 23);
        float[] w2 = SeededValues.Uniform(Outputs * Hidden, 24), b2 = SeededValues.Uniform(Outputs, 25);
        float[] dy = SeededValues.Uniform(Batch * Outputs, 26);

        LayerResults one = RunLayers(1, x, w1, b1, w2, b2, dy);
        LayerResults many = RunLayers(workers, x, w1, b1, w2, b2, dy);

        Assert.Equal(one.Hidden, many.Hidden);
        Assert.Equal(one.Output, many.Output);
        Assert.Equal(one.OutputWeightGradient, many.OutputWeightGradient);
        Assert.Equal(one.OutputBiasGradient, many.OutputBiasGradient);
        Assert.Equal(one.HiddenGradient, many.HiddenGradient);
        Assert.Equal(one.HiddenWeightGradient, many.HiddenWeightGradient);
        Assert.Equal(one.HiddenBiasGradient, many.HiddenBiasGradient);
    }

    private sealed record LayerResults(
        float[] Hidden, float[] Output, float[] OutputWeightGradient, float[] OutputBiasGradient, float[] HiddenGradient,
        float[] HiddenWeightGradient, float[] HiddenBiasGradient);

    private static LayerResults RunLayers(int workers, float[] x, float[] w1, float[] b1, float[] w2, float[] b2, float[] dy)
    {
        int batch = 128, inputs = 784, hidden = b1.Length, outputs = b2.Length;
        var h = new float[batch * hidden];
        var y = new float[batch * outputs];
        var dw2 = new float[w2.Length];
        var db2 = new float[outputs];
        var dh = new float[batch * hidden];
        var dw1 = new float[w1.Length];
        var db1 = new float[hidden];
        var gradient = (float[])dy.Clone();
        using var engine = new KernelEngine(workers, 0);
        engine.ReserveScratch(batch * inputs);
        engine.DenseForward(x, w1, b1, h, batch, inputs, hidden, Activation.ReLU, 0);
        engine.DenseForward(h, w2, b2, y, batch, hidden, outputs, Activation.ReLU, 0);
        engine.DenseBackward(h, w2, y, gradient, dw2, db2, dh, batch, hidden, outputs, Activation.ReLU, 0);
        engine.DenseBackward(x, w1, h, dh, dw1, db1, Span<float>.Empty, batch, inputs, hidden, Activation.ReLU, 0);
        return new LayerResults(h, y, dw2, db2, dh, dw1, db1);
    }

    /// <summary>Rows whose values are zero outside one random run per 28-value line, as a dark image background is.</summary>
    private static float[] ImageLikeBatch(int rows, int columns, long seed)
    {
        float[] values = SeededValues.Uniform(rows * columns, seed);
        var rng = new Rng(seed);
        for (int row = 0; row < rows; row++)
        {
            for (int line = 0; line < columns; line += 28)
            {
                int first = (int)(rng.NextDouble() * 14), last = first + (int)(rng.NextDouble() * 14);
                for (int i = line; i < Math.Min(line + 28, columns); i++)
                {
                    int at = i - line;
                    if (at < first || at >= last)
                    {
                        values[(row * columns) + i] = 0f;
                    }
                }
            }
        }

        return values;
    }
}
