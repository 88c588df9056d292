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
    private byte* _bytes;
    private ByteScale _scale;
    private int* _rows;
    private int _rowCount, _rowLength, _count;

    public void Run(WorkerPool pool, float* matrix, int rowCount, int rowLength, int* rows, int count, float* target) =>
        Start(pool, matrix, null, default, rowCount, rowLength, rows, count, target);

    /// <summary>The byte form: every value decoded by <paramref name="scale"/> on the way (a quarter of the reads).</summary>
    public void Run(WorkerPool pool, byte* matrix, in ByteScale scale, int rowCount, int rowLength, int* rows, int count, float* target) =>
        Start(pool, null, matrix, scale, rowCount, rowLength, rows, count, target);

    private void Start(WorkerPool pool, float* matrix, byte* bytes, in ByteScale scale, int rowCount, int rowLength, int* rows, int count, float* target)
    {
        _matrix = matrix;
        _bytes = bytes;
        _scale = scale;
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
        if (_bytes != null)
        {
            RowGather.CopyRange(_bytes, _scale, _rowCount, _rowLength, _rows, start, end, _target);
        }
        else
        {
            RowGather.CopyRange(_matrix, _rowCount, _rowLength, _rows, start, end, _target);
        }
    }
}
