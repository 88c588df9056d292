using Generated.Training;

namespace Generated.Kernels;

/// <summary>
/// A shuffled batch's rows copied out of the feature matrix by every thread, each its own band of rows. One thread
/// waits on one row's cache and TLB misses at a time (with a few rows requested ahead); two threads keep twice as many
/// misses in flight, and the gather was the longest serial stretch of a two-thread MLP step (about a tenth of it).
/// </summary>
internal sealed unsafe class GatherJob(int threads) : IParallelJob
{
    // Below this many floats one thread is done before the workers would wake.
    private const long ParallelThreshold = 16 * 1024;

    private readonly WorkShares _shares = new(threads);
    private float* _matrix, _target;
    private int* _rows;
    private int _rowCount, _rowLength, _count;

    public void Run(WorkerPool pool, float* matrix, int rowCount, int rowLength, int* rows, int count, float* target)
    {
        _matrix = matrix;
        _rowCount = rowCount;
        _rowLength = rowLength;
        _rows = rows;
        _count = count;
        _target = target;
        pool.Run(this, split: (long)count * rowLength >= ParallelThreshold, _shares);
    }

    public void Execute(int worker, int workers)
    {
        (int start, int end) = _shares.Partition(_count, worker, workers, 1);
        RowGather.CopyRange(_matrix, _rowCount, _rowLength, _rows, start, end, _target);
    }
}
