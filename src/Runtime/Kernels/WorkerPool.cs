using System;
using System.Diagnostics;
using System.Threading;

namespace Generated.Kernels;

/// <summary>A unit of parallel work: called once per worker with that worker's index.</summary>
public interface IParallelJob
{
    /// <summary>Does the share of the work that belongs to <paramref name="worker"/> of <paramref name="workers"/>.</summary>
    void Execute(int worker, int workers);
}

/// <summary>
/// Persistent worker threads for the kernels of one model. The caller runs share 0 itself and the
/// workers run the rest, so a step never spawns tasks, never allocates and never takes a lock on the
/// hot path: each worker waits on its own <see cref="Signal"/>, and completion is one interlocked countdown.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly Signal[] _start;
    private readonly Signal _done;
    private IParallelJob? _job;
    private WorkShares? _shares;
    private readonly long[] _finished;
    private int _pending;
    private volatile bool _disposed;
    private Exception? _failure;

    /// <summary>Creates a pool that runs jobs on <paramref name="threads"/> threads (the caller included).</summary>
    public WorkerPool(int threads)
    {
        if (threads <= 0)
        {
            threads = Environment.ProcessorCount;
        }

        Threads = threads;
        bool oversubscribed = threads > Environment.ProcessorCount;
        _done = new Signal(oversubscribed);
        _threads = new Thread[threads - 1];
        _start = new Signal[threads - 1];
        _finished = new long[threads];
        for (int i = 0; i < _threads.Length; i++)
        {
            _start[i] = new Signal(oversubscribed);
            int worker = i + 1;
            _threads[i] = new Thread(() => WorkerLoop(worker))
            {
                IsBackground = true,
                Name = $"Generated kernel worker {worker}",
            };
            _threads[i].Start();
        }
    }

    /// <summary>Number of threads a job is split over, the caller included.</summary>
    public int Threads { get; }

    /// <summary>
    /// Runs <paramref name="job"/> on every thread and returns when all shares are done. With
    /// <paramref name="split"/> false (work too small to repay the hand-off) the caller runs it alone. A job that
    /// partitions through <paramref name="shares"/> has every thread's finishing time fed back to them, so its next
    /// split follows the threads' speeds.
    /// </summary>
    public void Run(IParallelJob job, bool split = true, WorkShares? shares = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Threads == 1 || !split)
        {
            job.Execute(0, 1);
            return;
        }

        _job = job;
        _failure = null;
        _shares = shares?.Threads == Threads ? shares : null;
        _shares?.BeginJob();
        long dispatched = _shares is null ? 0 : Stopwatch.GetTimestamp();
        Volatile.Write(ref _pending, _threads.Length);
        foreach (Signal start in _start)
        {
            start.Set();
        }

        Exception? callerFailure = null;
        try
        {
            job.Execute(0, Threads);
        }
        catch (Exception ex)
        {
            callerFailure = ex;
        }

        if (_shares is not null)
        {
            _finished[0] = Stopwatch.GetTimestamp();
        }

        _done.Wait();
        _done.Reset();
        _job = null;
        if (_shares is not null && callerFailure is null && _failure is null)
        {
            _shares.Observe(dispatched, _finished);
        }

        _shares = null;
        Exception? failure = callerFailure ?? _failure;
        if (failure is not null)
        {
            throw new InvalidOperationException("A kernel failed on a worker thread.", failure);
        }
    }

    private void WorkerLoop(int worker)
    {
        Signal start = _start[worker - 1];
        while (true)
        {
            start.Wait();
            start.Reset();
            if (_disposed)
            {
                return;
            }

            try
            {
                _job!.Execute(worker, Threads);
            }
            catch (Exception ex)
            {
                _failure = ex;
            }

            if (_shares is not null)
            {
                _finished[worker] = Stopwatch.GetTimestamp(); // published by the decrement's full fence
            }

            if (Interlocked.Decrement(ref _pending) == 0)
            {
                _done.Set();
            }
        }
    }

    /// <summary>
    /// Splits [0, count) into near-equal ranges of whole blocks of <paramref name="align"/>; returns this worker's range.
    /// A part block at the end joins the last whole one (<see cref="Blocks"/>).
    /// </summary>
    public static (int Start, int End) Partition(int count, int worker, int workers, int align)
    {
        int blocks = Blocks(count, align);
        int perWorker = blocks / workers;
        int extra = blocks % workers;
        int firstBlock = worker * perWorker + Math.Min(worker, extra);
        int blockCount = perWorker + (worker < extra ? 1 : 0);
        return BlockRange(count, align, blocks, firstBlock, firstBlock + blockCount);
    }

    /// <summary>Blocks [<paramref name="first"/>, <paramref name="end"/>) of <see cref="Blocks"/> as a range of [0, count): the last block runs to the count.</summary>
    public static (int Start, int End) BlockRange(int count, int align, int blocks, int first, int end) =>
        (first >= blocks ? count : first * align, end >= blocks ? count : end * align);

    /// <summary>
    /// The blocks [0, count) is split in: whole blocks of <paramref name="align"/>, the last one taking the part block
    /// after it (and a count below one block is one block). No range a worker gets is then shorter than a block
    /// unless the whole count is: a band of 1 to 15 columns would run an epilogue's vector math (tanh, say) on the
    /// scalar path, whose last bit can differ from the vector path one thread takes for the same columns.
    /// </summary>
    public static int Blocks(int count, int align) => Math.Max(1, count / align);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (Signal start in _start)
        {
            start.Set();
        }

        foreach (Thread thread in _threads)
        {
            thread.Join();
        }
    }
}
