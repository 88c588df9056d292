using System.Threading;

namespace Generated.Kernels;

/// <summary>
/// A manual-reset signal that spins briefly, then blocks on a monitor. Unlike ManualResetEventSlim it
/// creates nothing lazily on its first blocking wait, so a step that happens to block never allocates.
/// </summary>
internal sealed class Signal
{
    private const int SpinIterations = 200;
    private readonly object _gate = new();
    private int _set;
    private int _waiters;

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
        var spinner = default(SpinWait);
        for (int i = 0; i < SpinIterations; i++)
        {
            if (Volatile.Read(ref _set) != 0)
            {
                return;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

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
