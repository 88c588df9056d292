using System;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Bands of columns past the first, of a product more than one K block deep, are computed in their worker's own buffer
/// and copied into C once finished (<see cref="GemmJob.Stages"/>); on two workers a square product splits by rows
/// (<see cref="GemmJob.SquareSplitsRows"/>). Either way each element of C must come out as one worker's, bit for bit, and
/// nothing outside the product's rows and columns may be written.
/// </summary>
public sealed unsafe class StagedBandTests
{
    [Fact]
    public void Only_a_plain_output_more_than_one_block_deep_is_staged()
    {
        var plain = new GemmArguments { M = 64, N = 256, K = 300 };
        Assert.True(GemmJob.Stages(plain));
        Assert.False(GemmJob.Stages(plain with { K = 128 }));  // one block: each element is written once anyway
        Assert.False(GemmJob.Stages(plain with { Accumulate = true }));  // the band would have to start from C's values
        Assert.False(GemmJob.Stages(plain with { TransposedC = true }));
        float keep = 0;
        Assert.False(GemmJob.Stages(plain with { PreActivation = &keep }));  // a second output laid out like C
        Assert.False(GemmJob.Stages(plain with { Dropout = new DropoutRows { Mask = &keep } }));
    }

    [Theory]
    [InlineData(128, 128, 2, true)]   // the MLP's second forward product
    [InlineData(128, 128, 4, false)]  // more workers keep the grid
    [InlineData(128, 256, 2, false)]  // more columns than rows: bands of columns, as before
    [InlineData(96, 96, 1, false)]
    public void A_square_product_on_two_workers_splits_by_rows(int m, int n, int workers, bool rows)
    {
        var product = new GemmArguments { M = m, N = n, K = 256 };
        Assert.Equal(rows, GemmJob.SquareSplitsRows(product, workers));
        if (workers == 2)
        {
            Assert.Equal(!rows, GemmJob.SplitsColumns(product, workers));
        }
    }

    /// <summary>
    /// Two workers on products that split by columns and run past one K block, with a bias and ReLU epilogue and C
    /// narrower than its stride: the same bits as one worker, and the stride's padding left as it was. Ragged shapes
    /// (a leftover row tile, a part vector, a last K block short of full) and a sparse input that skips steps.
    /// </summary>
    [Theory]
    [InlineData(64, 256, 300, false)]
    [InlineData(37, 200, 257, false)]
    [InlineData(128, 256, 784, true)]
    [InlineData(20, 64, 130, true)]
    public void A_staged_band_gives_one_workers_bits_and_writes_nothing_else(int m, int n, int k, bool sparse)
    {
        int ldc = n + 16;
        float[] a = SeededValues.Uniform(m * k, 51), weight = SeededValues.Uniform(n * k, 52), bias = SeededValues.Uniform(n, 53);
        if (sparse)
        {
            // Whole runs of zero inputs, as an image's background, so the step lists have steps to skip.
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = i % k % 48 < 20 ? 0 : a[i];
            }
        }

        float[] one = Product(1, a, weight, bias, m, n, k, ldc, sparse);
        float[] two = Product(2, a, weight, bias, m, n, k, ldc, sparse);
        Assert.Equal(one, two);
        for (int row = 0; row < m; row++)
        {
            for (int column = n; column < ldc; column++)
            {
                Assert.True(float.IsNaN(two[(row * ldc) + column]), $"padding at row {row}, column {column} was written");
            }
        }
    }

    /// <summary>A band that grows past its buffer (a larger batch after a smaller one) gets a larger one, and then a smaller band still fits.</summary>
    [Fact]
    public void A_taller_band_after_a_short_one_is_still_right()
    {
        const int N = 256, K = 300;
        float[] weight = SeededValues.Uniform(N * K, 61), bias = SeededValues.Uniform(N, 62);
        var job = new GemmJob(SimdSelection.Best, 2);
        using var pool = new WorkerPool(2);
        foreach (int m in new[] { 8, 128, 40 })
        {
            float[] a = SeededValues.Uniform(m * K, 63 + m);
            float[] expected = Product(1, a, weight, bias, m, N, K, N, sparse: false);
            var c = new float[m * N];
            fixed (float* pa = a, pw = weight, pb = bias, pc = c)
            {
                job.Run(pool, Arguments(pa, pw, pb, pc, m, N, K, N, sparse: false));
            }

            Assert.Equal(expected, c);
        }
    }

    /// <summary>
    /// The second worker stages its band (the first writes C in place), and its buffer holds the whole product: when the
    /// shares move so that its band widens, the same buffer serves, and nothing is allocated after the first call.
    /// </summary>
    [Fact]
    public void A_band_that_widens_with_the_shares_keeps_its_buffer()
    {
        const int M = 64, N = 256, K = 300;
        float[] a = SeededValues.Uniform(M * K, 81), weight = SeededValues.Uniform(N * K, 82), bias = SeededValues.Uniform(N, 83);
        float[] expected = Product(1, a, weight, bias, M, N, K, N, sparse: false);
        var job = new GemmJob(SimdSelection.Best, 2);
        using var pool = new WorkerPool(2);
        var c = new float[M * N];
        fixed (float* pa = a, pw = weight, pb = bias, pc = c)
        {
            GemmArguments product = Arguments(pa, pw, pb, pc, M, N, K, N, sparse: false);
            job.Run(pool, product);
            Assert.Equal(expected, c);
            Assert.Equal(0, job.Stage(0).Length);
            float[] buffer = job.Stage(1).Storage;
            Assert.Equal(M * N, job.Stage(1).Length);

            // As if the first thread ran at half speed: the second one's band grows past its first width.
            int before = N - job.Shares.Partition(N, 1, 2, 16).Start;
            for (int round = 0; round < 100; round++)
            {
                var finished = new long[2];
                job.Shares.BeginJob();
                for (int worker = 0; worker < 2; worker++)
                {
                    (int start, int end) = job.Shares.Partition(4096, worker, 2, 16);
                    finished[worker] = (worker == 0 ? 2 : 1) * 4L * (end - start) * System.Diagnostics.Stopwatch.Frequency / 1000 / 4096;
                }

                job.Shares.Observe(0, finished);
            }

            Assert.True(N - job.Shares.Partition(N, 1, 2, 16).Start > before, "the second band must have widened");
            Array.Clear(c);
            job.Run(pool, product);
            Assert.Equal(expected, c);
            Assert.Same(buffer, job.Stage(1).Storage);
        }
    }

    /// <summary>Accumulating keeps C in place on two workers: each element gets its product added once, as on one worker.</summary>
    [Fact]
    public void Accumulating_past_one_block_on_two_workers_adds_every_element_once()
    {
        const int M = 64, N = 256, K = 300;
        var product = new GemmArguments { M = M, N = N, K = K, Accumulate = true };
        Assert.True(GemmJob.SplitsColumns(product, 2) && !GemmJob.Stages(product), "the shape must split by columns and stay in place");
        (float[] one, float[] two) = AccumulatedProducts.OnOneAndMany(M, N, K, workers: 2, seed: 71);
        Assert.Equal(one, two);
    }

    private static float[] Product(int workers, float[] a, float[] weight, float[] bias, int m, int n, int k, int ldc, bool sparse)
    {
        var c = new float[m * ldc];
        Array.Fill(c, float.NaN);
        var job = new GemmJob(SimdSelection.Best, workers);
        using var pool = new WorkerPool(workers);
        fixed (float* pa = a, pw = weight, pb = bias, pc = c)
        {
            GemmArguments product = Arguments(pa, pw, pb, pc, m, n, k, ldc, sparse);
            if (workers == 2)
            {
                Assert.True(GemmJob.SplitsColumns(product, workers) && GemmJob.Stages(product), "the shape must take a staged band");
            }

            job.Run(pool, product);
        }

        return c;
    }

    /// <summary>y = ReLU(x·wᵀ + b) with w stored [n, k], as a dense layer's forward product.</summary>
    private static GemmArguments Arguments(float* a, float* weight, float* bias, float* c, int m, int n, int k, int ldc, bool sparse) => new()
    {
        A = a, Lda = k, B = weight, Ldb = k, TransposedB = true, C = c, Ldc = ldc, M = m, N = n, K = k,
        Bias = bias, Activation = Activation.ReLU, SkipZeroA = sparse,
    };
}
