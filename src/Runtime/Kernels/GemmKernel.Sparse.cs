using System.Runtime.CompilerServices;

namespace Generated.Kernels;

/// <summary>
/// Products that skip the K steps where a whole 4-row tile of A is zero (<see cref="GemmArguments.SkipZeroA"/>): before
/// the tiles of a K block run, the band's rows are grouped into tiles by their zeros in the block
/// (<see cref="SparseRowOrder"/>), each tile gets the list of its other steps (<see cref="NonzeroSteps"/>), and the
/// 4 x 4-vector tile walks that list instead of every step. Each element of C still adds its remaining terms in K
/// order, so the sums are the plain tile's. Only the wide tile on AVX-512 takes lists: narrower tiles are edges, and
/// the lists are built with 512-bit compares, a few instructions per sixteen steps.
/// </summary>
internal static unsafe partial class GemmKernel<TSimd, TVec>
{
    /// <summary>Row tiles one worker keeps lists for at a time (1,024 rows); a taller band runs in parts.</summary>
    internal const int MaxListedTiles = 256;

    /// <summary>Ints between two tiles' lists: a whole panel K block (<see cref="NonzeroSteps.Build"/> never writes past it).</summary>
    internal const int ListStride = PanelKBlock;

    /// <summary>Floats a tile stages its accumulators in when C is stored transposed: four rows of four vectors.</summary>
    internal const int TransposeScratchLength = RowsPerTile * 4 * 16;

    /// <summary>Ints of the count histogram <see cref="SparseRowOrder"/> sorts with: one per count 0..PanelKBlock, in whole cache lines.</summary>
    internal const int HistogramLength = PanelKBlock + 16;

    /// <summary>Where the band's row order starts in a list buffer: after the counts and the lists.</summary>
    internal const int OrderOffset = MaxListedTiles + (MaxListedTiles * ListStride);

    /// <summary>Where the rows' sort keys start: after the order.</summary>
    internal const int KeysOffset = OrderOffset + (MaxListedTiles * RowsPerTile);

    /// <summary>Where the histogram starts: after the keys.</summary>
    internal const int HistogramOffset = KeysOffset + (MaxListedTiles * RowsPerTile);

    /// <summary>Nonzero masks of one row of A in a K block (<see cref="NonzeroSteps.CountAndMask"/>): one ushort per sixteen steps.</summary>
    internal const int MasksPerRow = PanelKBlock / 16;

    /// <summary>Where the rows' nonzero masks start (ints, each holding two masks): after the histogram.</summary>
    internal const int MasksOffset = HistogramOffset + HistogramLength;

    /// <summary>Ints of the masks: <see cref="MasksPerRow"/> ushorts for each row of the listed tiles.</summary>
    internal const int MasksLength = MaxListedTiles * RowsPerTile * MasksPerRow / 2;

    /// <summary>
    /// Ints of one worker's list buffer (<see cref="GemmArguments.StepLists"/>): the counts, the lists, the row order, its
    /// keys and histogram, the rows' masks, then the listed tile's transpose scratch (on a cache line: everything before
    /// it fills whole ones).
    /// </summary>
    internal const int StepListLength = MasksOffset + MasksLength + TransposeScratchLength;

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

    /// <summary>
    /// For K block [kStart, kStart + kCount), groups the band's full row tiles' rows by their zeros
    /// (<see cref="SparseRowOrder"/>) and lists each tile's steps. A transposed C keeps A's own rows: its tiles store
    /// four neighbouring rows at once, so their lists are read straight from the rows, once.
    /// </summary>
    private static void BuildStepLists(in GemmArguments g, int rowStart, int rowEnd, int kStart, int kCount, int* lists)
    {
        int tiles = (rowEnd - rowStart) / RowsPerTile;
        int* order = lists + OrderOffset;
        float* a = g.A + ((long)rowStart * g.Lda) + kStart;
        long lda = g.Lda;
        if (g.TransposedC)
        {
            for (int row = 0; row < tiles * RowsPerTile; row++)
            {
                order[row] = row;
            }

            for (int tile = 0; tile < tiles; tile++)
            {
                float* rows = a + (tile * RowsPerTile * lda);
                lists[tile] = NonzeroSteps.Build(rows, rows + lda, rows + (2 * lda), rows + (3 * lda), kCount, StepList(lists, tile));
            }

            return;
        }

        int* keys = lists + KeysOffset;
        ushort* masks = (ushort*)(lists + MasksOffset);
        SparseRowOrder.Sort(a, g.Lda, tiles * RowsPerTile, kCount, order, keys, lists + HistogramOffset, masks, MasksPerRow);
        for (int tile = 0; tile < tiles; tile++)
        {
            int* rows = order + (tile * RowsPerTile);

            // A row with no zero in the block leaves its tile nothing to skip: no list (dense data builds none at all).
            bool denseRow = keys[rows[0]] == kCount || keys[rows[1]] == kCount || keys[rows[2]] == kCount || keys[rows[3]] == kCount;
            lists[tile] = denseRow
                ? kCount
                : NonzeroSteps.BuildFromMasks(
                    masks + (rows[0] * MasksPerRow), masks + (rows[1] * MasksPerRow), masks + (rows[2] * MasksPerRow), masks + (rows[3] * MasksPerRow),
                    kCount, StepList(lists, tile));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int* StepList(int* lists, int tile) => lists + MaxListedTiles + ((long)tile * ListStride);

    /// <summary>
    /// The band's full row tiles of one 4-vector panel, as <see cref="BuildStepLists"/> grouped and listed them: through
    /// the list when it leaves steps out, every step otherwise (a list of every step would only add an index load to each).
    /// </summary>
    private static void ListedTiles(in GemmArguments g, int rowStart, int rowEnd, int j, float* pack, int packStride, int kStart, int kCount, bool loadC, int* lists)
    {
        if (g.TransposedC)
        {
            ListedTiles<CTransposed>(g.A + ((long)rowStart * g.Lda) + kStart, g.Lda, g.C + ((long)j * g.Ldc) + rowStart, g.Ldc, rowEnd - rowStart, pack, packStride, kCount, loadC, lists);
        }
        else
        {
            ListedTiles<CInRows>(g.A + ((long)rowStart * g.Lda) + kStart, g.Lda, g.C + ((long)rowStart * g.Ldc) + j, g.Ldc, rowEnd - rowStart, pack, packStride, kCount, loadC, lists);
        }
    }

    /// <summary><see cref="ListedTiles(in GemmArguments, int, int, int, float*, int, int, int, bool, int*)"/> for C laid out as <typeparamref name="TLayout"/> says, at the band's element (0, 0).</summary>
    private static void ListedTiles<TLayout>(float* a, int lda, float* c, int ldc, int bandRows, float* pack, int packStride, int kCount, bool loadC, int* lists)
        where TLayout : struct, ICLayout
    {
        float* scratch = (float*)(lists + StepListLength - TransposeScratchLength);
        int* order = lists + OrderOffset;
        int tiles = bandRows / RowsPerTile;
        for (int tile = 0; tile < tiles; tile++)
        {
            int* rows = order + (tile * RowsPerTile);
            if (lists[tile] < kCount)
            {
                GroupedTile<ListedSteps, TLayout>(a, lda, rows, pack, packStride, StepList(lists, tile), lists[tile], c, ldc, loadC, scratch);
            }
            else
            {
                GroupedTile<AllSteps, TLayout>(a, lda, rows, pack, packStride, null, kCount, c, ldc, loadC, scratch);
            }
        }
    }

    /// <summary>
    /// The 4 x 4-vector tile (AVX-512: sixteen accumulators) of rows <paramref name="rows"/>[0..3] of the band at
    /// <paramref name="a"/> and <paramref name="c"/>, over the steps <typeparamref name="TSteps"/> yields. With
    /// <see cref="CTransposed"/>, c points at the band's element (0, 0) in a C stored [N, M] and the four rows are
    /// neighbours; a C loaded back passes through the worker's <paramref name="scratch"/>.
    /// </summary>
    [MethodImpl(TileMethod)]
    private static void GroupedTile<TSteps, TLayout>(
        float* a, int lda, int* rows, float* b, int ldb, int* steps, int count, float* c, int ldc, bool loadC, float* scratch)
        where TSteps : struct, IStepSequence
        where TLayout : struct, ICLayout
    {
        long aStride = lda, cStride = TLayout.Transposed ? 1 : ldc;
        Accumulate4x4<StridedRows, TSteps, TLayout>(
            a + (rows[0] * aStride), a + (rows[1] * aStride), a + (rows[2] * aStride), a + (rows[3] * aStride), b, ldb, null, steps, count,
            c + (rows[0] * cStride), c + (rows[1] * cStride), c + (rows[2] * cStride), c + (rows[3] * cStride), ldc, loadC, scratch);
    }
}
