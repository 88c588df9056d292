using System.Diagnostics;
using System.Threading;

namespace Generated.Kernels;

/// <summary>
/// A manual-reset signal that spins (or yields, see the constructor) for up to 200 µs, then blocks on a monitor. Unlike ManualResetEventSlim it
/// creates nothing lazily on its first blocking wait, so a step that happens to block never allocates.
/// </summary>
internal sealed class Signal
{
    private const int SpinChecks = 64;
    private const int PausesPerCheck = 4;
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs
    private readonly object _gate = new();
    private readonly bool _yields;
    private int _set;
    private int _waiters;

    /// <summary>
    /// A signal whose waiter busy-waits, or, with <paramref name="yields"/>, gives its core to any other runnable thread
    /// between checks (a pool with more threads than the machine has processors, where a spinning waiter would hold the
    /// core the thread it waits for needs).
    /// </summary>
    public Signal(bool yields = false) => _yields = yields;

    public void Set()
    {
        // Full fence: the read of _waiters below cannot move before this write (see Wait).
        Interlocked.Exchange(ref _set, 1);
        if (Volatile.Read(ref _waiters) > 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    public void Reset() => Volatile.Write(ref _set, 0);

    public void Wait()
    {
        // Busy-wait (pause instructions, no yield to the OS) for up to SpinTime: the gaps between the parallel regions
        // of one training step are a few to a few tens of microseconds of serial work, shorter than a sleep and wake-up
        // through the kernel costs. Only an idle pool (between steps of a slow caller, or after training) blocks.
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        do
        {
            for (int i = 0; i < SpinChecks; i++)
            {
                if (Volatile.Read(ref _set) != 0)
                {
                    return;
                }

                if (_yields)
                {
                    Thread.Yield();
                }
                else
                {
                    Thread.SpinWait(PausesPerCheck);
                }
            }
        }
        while (Stopwatch.GetTimestamp() < deadline);

        lock (_gate)
        {
            // Registering before the check pairs with Set's write-then-read: either Set sees a waiter and
            // pulses under the lock, or this check sees the signal.
            Interlocked.Increment(ref _waiters);
            try
            {
                while (Volatile.Read(ref _set) == 0)
                {
                    Monitor.Wait(_gate);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiters);
            }
        }
    }
}
