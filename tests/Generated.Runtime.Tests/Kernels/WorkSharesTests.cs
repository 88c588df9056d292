using System;
using System.Diagnostics;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Work shares move towards the threads' measured speeds, stay within their bounds, ignore what they cannot measure,
/// always cover the range exactly, and never change the bits of a GEMM.
/// </summary>
public sealed class WorkSharesTests
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;

    [Fact]
    public void Equal_threads_keep_equal_shares()
    {
        var shares = new WorkShares(2);
        for (int job = 0; job < 200; job++)
        {
            Observe(shares, count: 1024, slowdown: [1.0, 1.0]);
        }

        Assert.Equal(0.5, shares.Share(0), 3);
        Assert.Equal(0.5, shares.Share(1), 3);
    }

    [Fact]
    public void A_thread_half_as_fast_ends_up_with_a_third_of_the_work()
    {
        var shares = new WorkShares(2);
        for (int job = 0; job < 400; job++)
        {
            Observe(shares, count: 4096, slowdown: [1.0, 2.0]);
        }

        // Both finish together when share0 / 1 = share1 / (1/2), so share0 = 2/3.
        Assert.Equal(2.0 / 3, shares.Share(0), 2);
        Assert.Equal(1.0, shares.Share(0) + shares.Share(1), 12);

        // And back when the core is free again.
        for (int job = 0; job < 400; job++)
        {
            Observe(shares, count: 4096, slowdown: [1.0, 1.0]);
        }

        Assert.Equal(0.5, shares.Share(0), 2);
    }

    [Fact]
    public void A_thread_that_stalls_keeps_half_its_equal_share()
    {
        var shares = new WorkShares(4);
        for (int job = 0; job < 400; job++)
        {
            Observe(shares, count: 4096, slowdown: [1.0, 1.0, 50.0, 1.0]);
        }

        // Bounded at half the equal share (1/8), the others sharing the rest equally.
        Assert.Equal(0.125, shares.Share(2), 3);
        Assert.Equal(0.875 / 3, shares.Share(0), 3);
    }

    [Fact]
    public void Jobs_too_short_to_time_or_without_work_for_every_thread_change_nothing()
    {
        var shares = new WorkShares(2);

        // 5 µs: below what the shares measure.
        for (int job = 0; job < 100; job++)
        {
            Observe(shares, count: 1024, slowdown: [1.0, 3.0], ticksPerJob: Stopwatch.Frequency / 200_000);
        }

        Assert.Equal(0.5, shares.Share(0));

        // 16 items in blocks of 16: thread 1 gets nothing, so the job says nothing about its speed.
        for (int job = 0; job < 100; job++)
        {
            shares.BeginJob();
            shares.Partition(16, 0, 2, 16);
            shares.Partition(16, 1, 2, 16);
            shares.Observe(0, [Millisecond, 3 * Millisecond]);
        }

        Assert.Equal(0.5, shares.Share(0));
    }

    [Theory]
    [InlineData(784, 16)]
    [InlineData(10, 16)]
    [InlineData(129, 4)]
    [InlineData(0, 8)]
    public void Skewed_shares_cover_the_range_exactly_on_aligned_boundaries(int count, int align)
    {
        var shares = new WorkShares(3);
        for (int job = 0; job < 300; job++)
        {
            Observe(shares, count: 4096, slowdown: [1.0, 2.5, 1.3]);
        }

        Assert.NotEqual(1.0 / 3, shares.Share(1), 2);
        int next = 0;
        for (int worker = 0; worker < 3; worker++)
        {
            (int start, int end) = shares.Partition(count, worker, 3, align);
            Assert.Equal(next, start);
            Assert.True(end >= start);
            Assert.True(start % align == 0 || start == count, $"band {worker} starts at {start}");

            // A band is empty, a whole block or more, or everything (a count under one block): never a lone part block.
            Assert.True(end == start || end - start >= align || (start == 0 && end == count), $"band {worker} is [{start}, {end})");
            next = end;
        }

        Assert.Equal(count, next);
    }

    [Fact]
    public void A_job_run_alone_gets_the_whole_range()
    {
        var shares = new WorkShares(2);
        for (int job = 0; job < 300; job++)
        {
            Observe(shares, count: 4096, slowdown: [1.0, 2.0]);
        }

        Assert.Equal((0, 100), shares.Partition(100, 0, 1, 16));
    }

    /// <summary>
    /// On a real pool: worker 1 takes three times as long per item as the caller (a busy core), and the pool's timing
    /// moves the work towards the caller, up to the floor of worker 1's share (a quarter; both finish together at 3/4).
    /// The waits are spun against the clock, so the ratio holds on any machine; the margin is for other tests running
    /// on the same cores.
    /// </summary>
    [Fact]
    public void The_pool_feeds_finishing_times_back_to_the_shares()
    {
        using var pool = new WorkerPool(2);
        var job = new UnevenJob(new WorkShares(2));
        for (int i = 0; i < 300; i++)
        {
            pool.Run(job, split: true, job.Shares);
        }

        Assert.InRange(job.Shares.Share(0), 0.55, 0.76);
    }

    /// <summary>
    /// GEMM bands that fall anywhere give the bits of one thread: the forward form (B transposed), the weight gradient's
    /// column split and a row split, with the shares skewed both ways. 50 columns are three whole vectors and a part
    /// one: a band holding only the part would run tanh and the sigmoid in the epilogue on their scalar path.
    /// </summary>
    [Theory]
    [InlineData(128, 256, 784, true, Activation.ReLU)]
    [InlineData(256, 784, 128, false, Activation.ReLU)]
    [InlineData(200, 40, 96, false, Activation.ReLU)]
    [InlineData(8, 50, 300, true, Activation.Tanh)]
    [InlineData(8, 50, 300, false, Activation.Sigmoid)]
    public void Gemm_bands_follow_the_shares_without_changing_a_bit(int m, int n, int k, bool transposedB, Activation activation)
    {
        float[] a = SeededValues.Uniform(m * k, 1), b = SeededValues.Uniform(k * n, 2), bias = SeededValues.Uniform(n, 3);
        float[] expected = Multiply(SimdSelection.Best, threads: 1, a, b, bias, m, n, k, transposedB, activation, slowdown: null);
        foreach (double[] slowdown in new[] { new[] { 1.0, 2.0 }, new[] { 2.0, 1.0 }, new[] { 1.0, 5.0 }, new[] { 5.0, 1.0 } })
        {
            float[] actual = Multiply(SimdSelection.Best, threads: 2, a, b, bias, m, n, k, transposedB, activation, slowdown);
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>
    /// A convolution's forward bands of samples follow the shares too, and its outputs stay one thread's bits: the
    /// Winograd form (several samples per block, so the blocks regroup) and the shifted planes.
    /// </summary>
    [Theory]
    [InlineData(16, 14, 32, ConvolutionForm.Winograd)]
    [InlineData(1, 28, 8, ConvolutionForm.ShiftedPlanes)]
    public void Convolution_forward_bands_follow_the_shares_without_changing_a_bit(int channels, int size, int filters, ConvolutionForm form)
    {
        const int batch = 24;
        var window = new Window2D(channels, size, size, 3, 1, 1, 1, 1, size, size);
        float[] x = SeededValues.Uniform(batch * window.InputSize, 4), weight = SeededValues.Uniform(filters * channels * 9, 5), bias = SeededValues.Uniform(filters, 6);
        float[] expected = Convolve(1, window, filters, form, x, weight, bias, slowdown: null);
        foreach (double[] slowdown in new[] { new[] { 1.0, 2.0 }, new[] { 2.0, 1.0 } })
        {
            Assert.Equal(expected, Convolve(2, window, filters, form, x, weight, bias, slowdown));
        }
    }

    private static float[] Convolve(int threads, Window2D window, int filters, ConvolutionForm form, float[] x, float[] weight, float[] bias, double[]? slowdown)
    {
        using var engine = new KernelEngine(threads, 0);
        engine.ReserveConvolution(window, filters, 1);
        Assert.Equal(form, engine.ConvolutionFormFor(window, filters, 1));
        if (slowdown is not null)
        {
            WorkShares shares = engine.ConvolutionForwardShares!;
            for (int i = 0; i < 300; i++)
            {
                Observe(shares, count: 4096, slowdown);
            }

            Assert.True(Math.Abs(shares.Share(0) - 0.5) > 0.1, $"the shares were not skewed: {shares.Share(0)}");
        }

        int batch = x.Length / window.InputSize;
        var y = new float[batch * filters * window.Positions];
        engine.Conv2DForward(x, weight, bias, y, batch, window, filters, 1, Activation.ReLU, 0f);
        return y;
    }

    private static unsafe float[] Multiply(SimdLevel level, int threads, float[] a, float[] b, float[] bias, int m, int n, int k, bool transposedB, Activation activation, double[]? slowdown)
    {
        using var pool = new WorkerPool(threads);
        var job = new GemmJob(level, threads);
        if (slowdown is not null)
        {
            for (int i = 0; i < 300; i++)
            {
                Observe(job.Shares, count: 4096, slowdown);
            }

            Assert.True(Math.Abs(job.Shares.Share(0) - 0.5) > 0.1, $"the shares were not skewed: {job.Shares.Share(0)}");
        }

        var c = new float[m * n];
        fixed (float* pa = a, pb = b, pbias = bias, pc = c)
        {
            job.Run(pool, new GemmArguments
            {
                A = pa, Lda = k, B = pb, Ldb = transposedB ? k : n, TransposedB = transposedB, C = pc, Ldc = n,
                M = m, N = n, K = k, Bias = pbias, Activation = activation,
            });
        }

        return c;
    }

    /// <summary>
    /// One simulated job: each thread takes its band of <paramref name="count"/> and "finishes" after a time proportional
    /// to its band and its slowdown, as the pool would report it.
    /// </summary>
    private static void Observe(WorkShares shares, int count, double[] slowdown, long? ticksPerJob = null)
    {
        long perJob = ticksPerJob ?? Millisecond;
        var finished = new long[slowdown.Length];
        shares.BeginJob();
        for (int worker = 0; worker < slowdown.Length; worker++)
        {
            (int start, int end) = shares.Partition(count, worker, slowdown.Length, 16);
            finished[worker] = (long)(perJob * slowdown.Length * slowdown[worker] * (end - start) / count);
        }

        shares.Observe(0, finished);
    }

    private sealed class UnevenJob(WorkShares shares) : IParallelJob
    {
        private static readonly double TicksPerItem = Stopwatch.Frequency * 50e-9; // 50 ns, whatever the clock's rate

        public WorkShares Shares { get; } = shares;

        public void Execute(int worker, int workers)
        {
            (int start, int end) = Shares.Partition(2048, worker, workers, 16);
            long until = Stopwatch.GetTimestamp() + (long)((end - start) * TicksPerItem * (worker == 1 ? 3 : 1));
            while (Stopwatch.GetTimestamp() < until)
            {
                System.Threading.Thread.SpinWait(1);
            }
        }
    }
}
