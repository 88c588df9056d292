using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// One GEMM split over worker threads by bands of rows of C (aligned to the 4-row register tile), so
/// workers never write the same cache line of C and need no synchronisation beyond the pool's countdown.
/// </summary>
internal sealed unsafe class GemmJob : IParallelJob
{
    // Below this many multiply-adds the hand-off to workers costs more than it saves.
    private const long ParallelThreshold = 64 * 1024;

    private GemmArguments _arguments;
    private readonly SimdLevel _level;

    public GemmJob(SimdLevel level) => _level = level;

    public void Run(WorkerPool pool, in GemmArguments arguments)
    {
        _arguments = arguments;
        pool.Run(this, split: (long)arguments.M * arguments.N * arguments.K >= ParallelThreshold);
    }

    public void Execute(int worker, int workers)
    {
        (int start, int end) = WorkerPool.Partition(_arguments.M, worker, workers, 4);
        if (start >= end)
        {
            return;
        }

        Compute(_level, _arguments, start, end);
    }

    /// <summary>Rows [start, end) of one product on the calling thread, with the kernel of <paramref name="level"/>.</summary>
    public static void Compute(SimdLevel level, in GemmArguments arguments, int start, int end)
    {
        switch (level)
        {
            case SimdLevel.Avx512:
                GemmKernel<Simd512, Vector512<float>>.Run(arguments, start, end);
                break;
            case SimdLevel.Avx2:
                GemmKernel<Simd256, Vector256<float>>.Run(arguments, start, end);
                break;
            default:
                GemmKernel<SimdScalar, float>.Run(arguments, start, end);
                break;
        }
    }
}
