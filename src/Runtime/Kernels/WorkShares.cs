using System;
using System.Diagnostics;

namespace Generated.Kernels;

/// <summary>
/// Shares of one kind of parallel work that follow how fast each thread has recently been, so that on a machine whose
/// cores are not equally free (a shared VM, a neighbour on the sibling hyperthread, an interrupt-heavy core) no thread
/// waits at the end of every job for the slowest one. After each job the pool reports when every thread finished;
/// a thread's speed is the share it was given over the time it took from the dispatch, and the shares move a little
/// towards the speeds. On equal cores they stay equal.
/// <para>
/// Only jobs whose results do not depend on where the bands fall may use these shares: a GEMM split into bands of C
/// (every element is still computed by one thread in the same K order), element-wise sweeps. A job that sums over its
/// bands (a convolution's weight gradient over samples) would get run-to-run differences in the last bits, and keeps
/// <see cref="WorkerPool.Partition"/>.
/// </para>
/// </summary>
public sealed class WorkShares
{
    /// <summary>How far one job moves the shares towards the speeds it measured.</summary>
    private const double Smoothing = 0.05;

    /// <summary>
    /// Jobs whose slowest thread took less than this are not measured: the hand-off and the per-thread set-up they
    /// contain are close to fixed costs, and a timer reading of a few microseconds is mostly noise.
    /// </summary>
    private static readonly long MinimumTicks = Stopwatch.Frequency / 50_000; // 20 µs

    // The least share of a thread, as a fraction of the equal share: a thread that was descheduled once for a few
    // milliseconds must not be starved of work for long after.
    private const double LowestShare = 0.5;

    private readonly double[] _shares;
    private readonly double[] _cumulative;
    private readonly double[] _assigned;

    /// <summary>Equal shares for <paramref name="threads"/> threads.</summary>
    public WorkShares(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _shares = new double[threads];
        _cumulative = new double[threads + 1];
        _assigned = new double[threads];
        Array.Fill(_shares, 1.0 / threads);
        Accumulate();
    }

    /// <summary>Number of threads the shares are for.</summary>
    public int Threads => _shares.Length;

    /// <summary>The current share of <paramref name="thread"/> (the shares sum to 1).</summary>
    public double Share(int thread) => _shares[thread];

    /// <summary>
    /// Splits [0, <paramref name="count"/>) into ranges of whole blocks of <paramref name="align"/>, sized by the
    /// current shares; returns the range of <paramref name="worker"/>. A part block at the end joins the last whole
    /// one (<see cref="WorkerPool.Blocks"/>). Every worker of one job sees the same boundaries: the shares change only
    /// between jobs. With one worker it is the whole range.
    /// </summary>
    public (int Start, int End) Partition(int count, int worker, int workers, int align)
    {
        if (workers != _shares.Length)
        {
            // Run alone (a job too small to split) or on another pool size: equal bands, nothing to measure.
            return WorkerPool.Partition(count, worker, workers, align);
        }

        int blocks = WorkerPool.Blocks(count, align);
        (int start, int end) = WorkerPool.BlockRange(count, align, blocks,
            (int)Math.Round(_cumulative[worker] * blocks), (int)Math.Round(_cumulative[worker + 1] * blocks));
        _assigned[worker] = count == 0 ? 0 : (double)(end - start) / count;
        return (start, end);
    }

    /// <summary>Forgets what the last job's workers were given (called by the pool before each job).</summary>
    internal void BeginJob() => Array.Clear(_assigned);

    /// <summary>
    /// Moves the shares towards the speeds of the job that was dispatched at <paramref name="dispatched"/> and whose
    /// threads finished at <paramref name="finished"/> (Stopwatch ticks). Called by the pool once every thread is done.
    /// </summary>
    internal void Observe(long dispatched, ReadOnlySpan<long> finished)
    {
        long longest = 0;
        double speedSum = 0;
        for (int i = 0; i < _shares.Length; i++)
        {
            long elapsed = finished[i] - dispatched;
            if (_assigned[i] <= 0 || elapsed <= 0)
            {
                // A worker without work (or a job that did not partition through these shares) says nothing about
                // speeds; drift back towards equal shares, so that a job whose calls are all too small to give every
                // thread a block cannot keep a skew forever.
                DriftTowardsEqual();
                return;
            }

            longest = Math.Max(longest, elapsed);
            speedSum += _assigned[i] / elapsed;
        }

        if (longest < MinimumTicks)
        {
            return;
        }

        for (int i = 0; i < _shares.Length; i++)
        {
            double target = _assigned[i] / (finished[i] - dispatched) / speedSum;
            _shares[i] += Smoothing * (target - _shares[i]); // both sum to 1, so the shares still do (up to rounding)
        }

        RaiseToFloor();
        double total = 0;
        foreach (double share in _shares)
        {
            total += share;
        }

        for (int i = 0; i < _shares.Length; i++)
        {
            _shares[i] /= total; // so rounding cannot drift over millions of jobs
        }
        Accumulate();
    }

    private void DriftTowardsEqual()
    {
        for (int i = 0; i < _shares.Length; i++)
        {
            _shares[i] += Smoothing * ((1.0 / _shares.Length) - _shares[i]);
        }

        Accumulate();
    }

    /// <summary>
    /// Lifts shares below <see cref="LowestShare"/> of the equal share to it, taking the difference from the others in
    /// proportion to what they hold above that floor (together they hold at least half the work above it).
    /// </summary>
    private void RaiseToFloor()
    {
        double floor = LowestShare / _shares.Length, deficit = 0, surplus = 0;
        foreach (double share in _shares)
        {
            deficit += Math.Max(0, floor - share);
            surplus += Math.Max(0, share - floor);
        }

        if (deficit == 0)
        {
            return;
        }

        for (int i = 0; i < _shares.Length; i++)
        {
            _shares[i] = _shares[i] <= floor ? floor : _shares[i] - (deficit * (_shares[i] - floor) / surplus);
        }
    }

    private void Accumulate()
    {
        double sum = 0;
        for (int i = 0; i < _shares.Length; i++)
        {
            _cumulative[i] = sum;
            sum += _shares[i];
        }

        _cumulative[^1] = 1.0; // exactly, so the last worker's range always ends at the count
    }
}
