using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;

namespace Generated.Benchmarks;

/// <summary>
/// <c>handoff</c>: how long a value written by one core takes to reach another and come back, the cost under every
/// parallel region's start and end and under every cache line one thread writes and the other reads. Two threads pass
/// a token back and forth through one cache line; the round trip is the median of five runs of 100,000 passes.
/// <para>
/// On this project's 2-vCPU machines it reads either about 130–150 ns or about 400–470 ns, and it changes between the
/// two within minutes (where the host places the two vCPUs). Two-thread training follows it: 2026-11-23, the benchmark
/// MLP read 322k–336k samples/s on two threads at 140 ns and 139k–180k, below its one-thread 190k–200k, at 400–470 ns,
/// while the FMA peak (<c>peak 2</c>) read 2 x 222 GFLOP/s in both. <c>compare.py</c> prints it beside each round so
/// that a two-thread figure says which machine it came from.
/// </para>
/// </summary>
internal static class HandoffCommand
{
    private const int Passes = 100_000;
    private const int Repeats = 5;

    public static int Run()
    {
        if (Environment.ProcessorCount < 2)
        {
            Console.Error.WriteLine("handoff needs two cores.");
            return 1;
        }

        double[] runs = Enumerable.Range(0, Repeats).Select(_ => Measure()).OrderBy(ns => ns).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"handoff_round_trip_ns={runs[Repeats / 2]:F0} (min {runs[0]:F0}, max {runs[^1]:F0}; median of {Repeats} runs of {Passes:N0} round trips)"));
        return 0;
    }

    /// <summary>One run: the main thread sets the token to 1, the other thread sets it back to 0; ns per round trip.</summary>
    private static double Measure()
    {
        var line = new Token();
        var echo = new Thread(() =>
        {
            for (int i = 0; i < Passes; i++)
            {
                while (Volatile.Read(ref line.Value) != 1)
                {
                }

                Volatile.Write(ref line.Value, 0);
            }
        }) { IsBackground = true };
        echo.Start();

        // Both threads spin, so the scheduler keeps them on two cores; the first passes only warm the line up.
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Passes; i++)
        {
            Volatile.Write(ref line.Value, 1);
            while (Volatile.Read(ref line.Value) != 0)
            {
            }
        }

        double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Passes;
        echo.Join();
        return ns;
    }

    /// <summary>The token alone on its cache line, so nothing else shares the line's trips.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private sealed class Token
    {
        [FieldOffset(64)]
        public int Value;
    }
}
