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

    /// <summary>Floats of one worker's panel buffer: a half K block (128) by four of the widest vectors (16 floats).</summary>
    public const int PackLength = GemmKernel<SimdScalar, float>.KBlock / 2 * 4 * 16;

    private GemmArguments _arguments;
    private readonly SimdLevel _level;

    // One pinned panel buffer per worker for products whose B is stored transposed (allocated once, here).
    private readonly float[][] _packs;

    public GemmJob(SimdLevel level, int workers)
    {
        _level = level;
        _packs = new float[workers][];
        for (int i = 0; i < workers; i++)
        {
            _packs[i] = KernelEngine.AllocatePinned(PackLength);
        }
    }

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

        fixed (float* pack = _packs[worker])
        {
            GemmArguments arguments = _arguments;
            arguments.Pack = pack;
            Compute(_level, arguments, start, end);
        }
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
