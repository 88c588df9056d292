using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Threading;

namespace Generated.Benchmarks;

/// <summary>
/// <c>peak</c>: the fp32 multiply-add throughput this machine actually sustains, the yardstick for every GFLOP/s figure.
/// Each thread runs a loop of independent fused multiply-adds on the widest vectors the CPU has (AVX-512, else AVX2):
/// twelve accumulator chains, more than FMA latency × FMA ports needs, with no loads or stores, so nothing but the FMA
/// units limits it. GFLOP/s = threads × iterations × 12 FMAs × lanes × 2 / seconds; the median of five one-second runs.
/// </summary>
internal static class PeakCommand
{
    private const int Chains = 12;
    private const int Repeats = 5;
    private const long IterationsPerCheck = 1 << 20;

    public static int Run(string[] args)
    {
        int lanes = Avx512F.IsSupported ? 16 : Fma.IsSupported ? 8 : 0;
        if (lanes == 0)
        {
            Console.Error.WriteLine("peak needs AVX2+FMA or AVX-512.");
            return 1;
        }

        int[] threadCounts = args.Length > 0
            ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray()
            : Enumerable.Range(1, Environment.ProcessorCount).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated peak: fp32 FMA, {(lanes == 16 ? "AVX-512" : "AVX2")} ({lanes} lanes), {Chains} independent chains per thread, median of {Repeats} runs of 1 s"));
        foreach (int threads in threadCounts)
        {
            double[] runs = Enumerable.Range(0, Repeats).Select(_ => Measure(threads, lanes)).OrderBy(g => g).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"threads={threads} gflops={runs[Repeats / 2]:F1} per_thread={runs[Repeats / 2] / threads:F1} (min {runs[0]:F1}, max {runs[^1]:F1})"));
        }

        return 0;
    }

    /// <summary>
    /// The fp32 FMA throughput of one core in GFLOP/s for the share-of-peak column: the best of five one-second runs,
    /// measured once per process. The best, not the median: on a shared machine every disturbance lowers a run, so the
    /// fastest is the closest to what the core sustains, and shares computed against it are never flattered.
    /// </summary>
    internal static double PerThreadPeak => LazyPeak.Value;

    private static readonly Lazy<double> LazyPeak = new(() =>
    {
        int lanes = Avx512F.IsSupported ? 16 : Fma.IsSupported ? 8 : 0;
        return lanes == 0 ? double.NaN : Enumerable.Range(0, Repeats).Max(_ => Measure(1, lanes));
    });

    /// <summary>One timed run: every thread spins its FMA loop for about a second; returns the total GFLOP/s.</summary>
    private static double Measure(int threads, int lanes)
    {
        var iterations = new long[threads];
        using var start = new Barrier(threads + 1);
        long stopAt = 0;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            iterations[t] = Loop(ref stopAt, lanes == 16 ? Burst512 : Burst256);
        }) { IsBackground = true }).ToArray();
        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        Volatile.Write(ref stopAt, Stopwatch.GetTimestamp() + Stopwatch.Frequency);
        long begin = Stopwatch.GetTimestamp();
        start.SignalAndWait();
        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        double seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        return iterations.Sum() * (double)Chains * lanes * 2 / seconds / 1e9;
    }

    /// <summary>Runs bursts of <see cref="IterationsPerCheck"/> iterations until the deadline; returns the iterations done.</summary>
    private static long Loop(ref long stopAt, Func<long, float> burst)
    {
        long done = 0;
        float sink = 0;
        while (Stopwatch.GetTimestamp() < Volatile.Read(ref stopAt))
        {
            sink += burst(IterationsPerCheck);
            done += IterationsPerCheck;
        }

        Sink = sink;
        return done;
    }

    // The bursts make no call, so all twelve accumulators stay in registers (a call in the loop would force them onto
    // the stack: no vector register survives a call on x64 Unix). Their result is consumed, so the loop cannot vanish; it
    // stays finite (a fixed point near 0.1).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Burst512(long iterations)
    {
        Vector512<float> m = Vector512.Create(0.999999f), a = Vector512.Create(1e-7f);
        Vector512<float> c0 = Vector512.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Avx512F.FusedMultiplyAdd(c0, m, a); c1 = Avx512F.FusedMultiplyAdd(c1, m, a); c2 = Avx512F.FusedMultiplyAdd(c2, m, a);
            c3 = Avx512F.FusedMultiplyAdd(c3, m, a); c4 = Avx512F.FusedMultiplyAdd(c4, m, a); c5 = Avx512F.FusedMultiplyAdd(c5, m, a);
            c6 = Avx512F.FusedMultiplyAdd(c6, m, a); c7 = Avx512F.FusedMultiplyAdd(c7, m, a); c8 = Avx512F.FusedMultiplyAdd(c8, m, a);
            c9 = Avx512F.FusedMultiplyAdd(c9, m, a); c10 = Avx512F.FusedMultiplyAdd(c10, m, a); c11 = Avx512F.FusedMultiplyAdd(c11, m, a);
        }

        return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).GetElement(0);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Burst256(long iterations)
    {
        Vector256<float> m = Vector256.Create(0.999999f), a = Vector256.Create(1e-7f);
        Vector256<float> c0 = Vector256.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Fma.MultiplyAdd(c0, m, a); c1 = Fma.MultiplyAdd(c1, m, a); c2 = Fma.MultiplyAdd(c2, m, a);
            c3 = Fma.MultiplyAdd(c3, m, a); c4 = Fma.MultiplyAdd(c4, m, a); c5 = Fma.MultiplyAdd(c5, m, a);
            c6 = Fma.MultiplyAdd(c6, m, a); c7 = Fma.MultiplyAdd(c7, m, a); c8 = Fma.MultiplyAdd(c8, m, a);
            c9 = Fma.MultiplyAdd(c9, m, a); c10 = Fma.MultiplyAdd(c10, m, a); c11 = Fma.MultiplyAdd(c11, m, a);
        }

        return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).GetElement(0);
    }

    /// <summary>Where the loops leave their result, so the JIT must compute it.</summary>
    public static float Sink { get; private set; }
}
