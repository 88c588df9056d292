namespace Generated.Kernels;

/// <summary>
/// dst[cols, rows] = srcᵀ for a row-major src[rows, cols], in 16 x 16 blocks so both the reads and the
/// strided writes stay within a few cache lines; split over workers by bands of source columns.
/// </summary>
internal sealed unsafe class TransposeJob : IParallelJob
{
    private const int Block = 16;
    private float* _source;
    private float* _destination;
    private int _rows;
    private int _cols;

    public void Run(WorkerPool pool, float* source, int rows, int cols, float* destination)
    {
        _source = source;
        _destination = destination;
        _rows = rows;
        _cols = cols;
        pool.Run(this, split: (long)rows * cols >= 32 * 1024);
    }

    public void Execute(int worker, int workers)
    {
        (int colStart, int colEnd) = WorkerPool.Partition(_cols, worker, workers, Block);
        Columns(_source, _rows, _cols, _destination, colStart, colEnd);
    }

    /// <summary>The whole transposition on the calling thread (for work already split another way, e.g. by sample).</summary>
    public static void Serial(float* source, int rows, int cols, float* destination) => Columns(source, rows, cols, destination, 0, cols);

    private static void Columns(float* source, int rows, int cols, float* destination, int colStart, int colEnd)
    {
        for (int r0 = 0; r0 < rows; r0 += Block)
        {
            int r1 = r0 + Block < rows ? r0 + Block : rows;
            for (int c0 = colStart; c0 < colEnd; c0 += Block)
            {
                int c1 = c0 + Block < colEnd ? c0 + Block : colEnd;
                for (int r = r0; r < r1; r++)
                {
                    float* sourceRow = source + ((long)r * cols);
                    for (int c = c0; c < c1; c++)
                    {
                        destination[((long)c * rows) + r] = sourceRow[c];
                    }
                }
            }
        }
    }
}
