using System.Runtime.CompilerServices;

namespace Generated.Kernels;

/// <summary>
/// Products that skip the K steps where a whole 4-row tile of A is zero (<see cref="GemmArguments.SkipZeroA"/>): before
/// the tiles of a K block run, each full row tile of the band gets the list of its other steps (<see cref="NonzeroSteps"/>),
/// and the 4 x 4-vector tile walks that list instead of every step. Each element of C still adds its remaining terms in
/// K order, so the sums are the plain tile's. Only the wide tile on AVX-512 takes lists: narrower tiles are edges, and
/// the lists are built with 512-bit compares, a few instructions per sixteen steps.
/// </summary>
internal static unsafe partial class GemmKernel<TSimd, TVec>
{
    /// <summary>Row tiles one worker keeps lists for at a time (1,024 rows); a taller band runs in parts.</summary>
    internal const int MaxListedTiles = 256;

    /// <summary>Ints between two tiles' lists: a whole panel K block (<see cref="NonzeroSteps.Build"/> never writes past it).</summary>
    private const int ListStride = PanelKBlock;

    /// <summary>Floats a tile stages its accumulators in when C is stored transposed: four rows of four vectors.</summary>
    private const int TransposeScratchLength = RowsPerTile * 4 * 16;

    /// <summary>
    /// Ints of one worker's list buffer (<see cref="GemmArguments.StepLists"/>): the counts, the lists, then the listed
    /// tile's transpose scratch (on a cache line: the lists before it fill whole ones).
    /// </summary>
    internal const int StepListLength = MaxListedTiles + (MaxListedTiles * ListStride) + TransposeScratchLength;

    /// <summary>Whether the tiles take step lists: asked for, and an AVX-512 wide tile (a band of at least 64 columns) to walk them.</summary>
    private static bool ListsSteps(in GemmArguments g) =>
        g.SkipZeroA && g.StepLists != null && WideTileFits && NonzeroSteps.Supported && g.N >= 4 * TSimd.Count;

    /// <summary>
    /// Only the listed wide tile stores C transposed: a C stored [N, M] needs lists, whole 4-vector panels and whole
    /// row tiles (the engine asks for it only then; anything else is a bug in the caller, not a shape to fall back from).
    /// </summary>
    private static void CheckTransposedC(in GemmArguments g, int rowStart, int rowEnd)
    {
        if (g.TransposedC && (!ListsSteps(g) || g.N % (4 * TSimd.Count) != 0 || (rowEnd - rowStart) % RowsPerTile != 0 || g.HasEpilogue || g.TransposedB || g.BRows != null))
        {
            throw new System.InvalidOperationException("A transposed C needs step lists, whole 4-vector panels, whole row tiles and no epilogue.");
        }
    }

    /// <summary>Lists the steps of K block [kStart, kStart + kCount) for every full row tile of the band.</summary>
    private static void BuildStepLists(in GemmArguments g, int rowStart, int rowEnd, int kStart, int kCount)
    {
        int tile = 0;
        for (int i = rowStart; i + RowsPerTile <= rowEnd; i += RowsPerTile, tile++)
        {
            g.StepLists[tile] = NonzeroSteps.Build(g.A + ((long)i * g.Lda) + kStart, g.Lda, kCount, StepList(g.StepLists, tile));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int* StepList(int* lists, int tile) => lists + MaxListedTiles + ((long)tile * ListStride);

    /// <summary>
    /// The row tile at <paramref name="a"/>, 4 vectors wide: through its step list when the list leaves steps out or C is
    /// stored transposed, the plain tile otherwise (a list of every step would only add an index load to each).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WideTile(float* a, int lda, float* b, int ldb, float* c, int ldc, int kCount, bool loadC, int* lists, int tile, bool transposedC)
    {
        if (lists != null && (transposedC || lists[tile] < kCount))
        {
            float* scratch = (float*)(lists + StepListLength - TransposeScratchLength);
            Tile4x4Listed(a, lda, b, ldb, StepList(lists, tile), lists[tile], c, ldc, loadC, transposedC, scratch);
        }
        else
        {
            Tile4x4<StridedRows>(a, lda, b, ldb, null, c, ldc, kCount, loadC);
        }
    }

    /// <summary>
    /// <see cref="Tile4x4{TRows}"/> over the listed steps only (AVX-512: sixteen accumulators). With
    /// <paramref name="transposedC"/>, c points at element (0, 0) of the tile in a C stored [N, M], and the accumulators
    /// pass through the worker's <paramref name="scratch"/> on their way in and out.
    /// </summary>
    [MethodImpl(TileMethod)]
    private static void Tile4x4Listed(
        float* a, int lda, float* b, int ldb, int* steps, int count, float* c, int ldc, bool loadC, bool transposedC, float* scratch) =>
        Accumulate4x4<StridedRows, ListedSteps>(a, lda, b, ldb, null, steps, count, c, ldc, loadC, transposedC, scratch);
}
