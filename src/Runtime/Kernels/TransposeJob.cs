namespace Generated.Kernels;

/// <summary>
/// destination = sourceᵀ split over the workers by bands of source columns (rows of the destination), whole 16-column
/// tiles each, so no two workers write the same destination row.
/// </summary>
internal sealed unsafe class TransposeJob(int threads) : IParallelJob
{
    // Below this many elements the hand-off to the workers costs more than it saves.
    private const int ParallelThreshold = 16 * 1024;

    private readonly WorkShares _shares = new(threads);
    private float* _source;
    private float* _destination;
    private int _sourceStride;
    private int _destinationStride;
    private int _rows;
    private int _cols;

    /// <summary>destination[c·destinationStride + r] = source[r·sourceStride + c] for r &lt; rows, c &lt; cols.</summary>
    public void Run(WorkerPool pool, float* source, int sourceStride, int rows, int cols, float* destination, int destinationStride)
    {
        _source = source;
        _sourceStride = sourceStride;
        _rows = rows;
        _cols = cols;
        _destination = destination;
        _destinationStride = destinationStride;
        pool.Run(this, split: (long)rows * cols >= ParallelThreshold, _shares);
    }

    public void Execute(int worker, int workers)
    {
        (int start, int end) = _shares.Partition(_cols, worker, workers, 16);
        if (end > start)
        {
            Transpose.Block(_source + start, _sourceStride, _rows, end - start, _destination + ((long)start * _destinationStride), _destinationStride);
        }
    }
}
