using System.Runtime.CompilerServices;

namespace Generated.Kernels;

/// <summary>
/// The panel-outer order: for each K block, for each panel of up to four vectors of columns, every row tile of the band.
/// A panel of B (128 x 4 vectors, 32 KB with AVX-512) then stays in L1 while all row tiles use it, which is what a
/// product with few rows and many columns needs (a convolution's W·cols: 32 filters by 784 positions), where the
/// row-outer order of <see cref="Run"/> would stream the whole of B from L2 or L3 once per row tile. With
/// <see cref="GemmArguments.TransposedB"/> it also serves C (+)= A · Bᵀ for B stored [N, K], the forward product of a
/// dense layer X·Wᵀ read straight from the weight in PyTorch's [out, in] layout: each panel of Bᵀ is transposed once
/// into the worker's pack buffer, so the weight is read from memory once per call and never written back transposed.
/// With <see cref="GemmArguments.BRows"/> the 4- and 2-vector tiles read the panel's rows in place through the table,
/// and narrower panels (or leftover rows) first gather them into the pack.
/// </summary>
internal static unsafe partial class GemmKernel<TSimd, TVec>
{
    /// <summary>K depth of a panel: 128 x 4 vectors (32 KB with AVX-512) stays in a 48 KB L1 beside the A rows.</summary>
    internal const int PanelKBlock = KBlock / 2;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a separate entry from Run: without this it starts at tier 0, its tiles un-inlined
    private static void RunPanels(in GemmArguments g, int rowStart, int rowEnd)
    {
        if (!ListsSteps(g))
        {
            RunPanelBand(g, rowStart, rowEnd, null);
            return;
        }

        // Step lists are kept for at most MaxListedTiles row tiles at a time: a taller band runs as several.
        for (int start = rowStart; start < rowEnd; start += MaxListedTiles * RowsPerTile)
        {
            RunPanelBand(g, start, System.Math.Min(rowEnd, start + (MaxListedTiles * RowsPerTile)), g.StepLists);
        }
    }

    /// <summary>The panel order over one band of rows; <paramref name="lists"/> is the step-list buffer when the band's tiles skip zero steps.</summary>
    private static void RunPanelBand(in GemmArguments g, int rowStart, int rowEnd, int* lists)
    {
        int vector = TSimd.Count;
        int tileWidth = 2 * vector;
        for (int kStart = 0; kStart < g.K; kStart += PanelKBlock)
        {
            int kCount = System.Math.Min(PanelKBlock, g.K - kStart);
            bool loadC = g.Accumulate || kStart > 0;
            if (lists != null)
            {
                // Once per K block: every panel of the block reuses each row tile's list.
                BuildStepLists(g, rowStart, rowEnd, kStart, kCount, lists);
            }

            int j = 0;
            for (; j + (2 * tileWidth) <= g.N; j += 2 * tileWidth)
            {
                Panel(g, rowStart, rowEnd, j, 2 * tileWidth, kStart, kCount, loadC, lists);
            }

            for (; j + tileWidth <= g.N; j += tileWidth)
            {
                Panel(g, rowStart, rowEnd, j, tileWidth, kStart, kCount, loadC, lists);
            }

            for (; j + vector <= g.N; j += vector)
            {
                Panel(g, rowStart, rowEnd, j, vector, kStart, kCount, loadC, lists);
            }

            if (j < g.N)
            {
                Panel(g, rowStart, rowEnd, j, g.N - j, kStart, kCount, loadC, lists);
            }
        }

        for (int i = rowStart; i < rowEnd && g.HasEpilogue; i++)
        {
            Epilogue.Apply(in g, g.C + ((long)i * g.Ldc));
        }
    }

    /// <summary>Rows of B this many floats apart (512 bytes) or a multiple of it alias in L1 (see <see cref="CopiesPanel"/>).</summary>
    internal const int AliasingStride = 128;

    /// <summary>Row tiles a band needs before copying a panel pays: the copy costs about what four tiles' K loops do.</summary>
    internal const int CopyingRowTiles = 8;

    /// <summary>
    /// Whether a 4-vector panel of a B stored [K, N] is copied into the pack rather than read in place. L1 (48 KB, 12
    /// ways) picks a line's set from address bits 6-11, so the 256-byte rows of a panel, 512 bytes apart, cover only
    /// half of its 64 sets with sixteen lines each, and 1 KB apart a quarter with 32 lines each: more than its ways, so
    /// every row tile re-read the panel from L2. The MLP's backward products all read such a B: dz (256 outputs of the
    /// first layer) in its weight gradient, the first layer's activations and the second layer's weight ([128, 256]) in
    /// the second's. Copied, the panel is 32 KB in a row, read from L1 by every tile: on one thread the first layer's
    /// weight gradient took 176–182 µs a step instead of 199–202, the second layer's backward 84–86 instead of 105–110
    /// (a probe alternating both, real images). Only a product given a pack buffer copies (the GEMM job's and the
    /// convolutions' Winograd and shifted products; the im2col column gradient reads in place whatever its stride).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CopiesPanel(int ldb, int bandRows) => ldb % AliasingStride == 0 && bandRows >= CopyingRowTiles * RowsPerTile;

    /// <summary>Copies <paramref name="count"/> rows of <paramref name="width"/> floats (whole vectors), <paramref name="ldb"/> apart, into consecutive rows of the pack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyPanel(float* b, int ldb, int count, int width, float* pack)
    {
        int vector = TSimd.Count;
        for (int p = 0; p < count; p++)
        {
            float* source = b + ((long)p * ldb);
            float* target = pack + ((long)p * width);
            for (int column = 0; column < width; column += vector)
            {
                TSimd.Store(target + column, TSimd.Load(source + column));
            }
        }
    }

    /// <summary>Copies <paramref name="width"/> floats of each of <paramref name="count"/> rows found through <paramref name="rows"/> into consecutive rows of the pack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackRows(float* b, int* rows, int count, int width, float* pack)
    {
        int vector = TSimd.Count;
        for (int p = 0; p < count; p++)
        {
            float* source = b + rows[p];
            float* target = pack + ((long)p * width);
            int column = 0;
            for (; column + vector <= width; column += vector)
            {
                TSimd.Store(target + column, TSimd.Load(source + column));
            }

            for (; column < width; column++)
            {
                target[column] = source[column];
            }
        }
    }

    /// <summary>
    /// Columns [j, j + width) of rows [rowStart, rowEnd) over one K block; width is four vectors, two, one, or fewer.
    /// <paramref name="lists"/>, when not null, holds the block's step lists of the band's row tiles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Panel(in GemmArguments g, int rowStart, int rowEnd, int j, int width, int kStart, int kCount, bool loadC, int* lists)
    {
        int vector = TSimd.Count;
        float* pack;
        int packStride;

        // Rows found through a table are read in place by the two wide tiles (each tap's rows of a 64-column panel are a
        // few cache lines that stay in L1 for every row tile); narrower panels and leftover rows get a packed copy.
        bool tableTiles = g.BRows != null && (width == 4 * vector || width == 2 * vector);
        if (g.TransposedB)
        {
            pack = g.Pack;
            packStride = width;
            Transpose.Block(g.B + ((long)j * g.Ldb) + kStart, g.Ldb, width, kCount, pack, width);
        }
        else if (g.BRows != null)
        {
            pack = g.Pack;
            packStride = width;
            if (!tableTiles || (rowEnd - rowStart) % RowsPerTile != 0)
            {
                PackRows(g.B + j, g.BRows + kStart, kCount, width, pack);
            }
        }
        else if (width == 4 * vector && g.Pack != null && CopiesPanel(g.Ldb, rowEnd - rowStart))
        {
            pack = g.Pack;
            packStride = width;
            CopyPanel(g.B + ((long)kStart * g.Ldb) + j, g.Ldb, kCount, width, pack);
        }
        else
        {
            // B is already [K, N]: the panel is read in place, 4 vectors wide and 128 deep, and stays in L1 just the same.
            pack = g.B + ((long)kStart * g.Ldb) + j;
            packStride = g.Ldb;
        }

        int i = rowStart;
        if (lists != null && width == 4 * vector && !tableTiles)
        {
            ListedTiles(g, rowStart, rowEnd, j, pack, packStride, kStart, kCount, loadC, lists);
            i += (rowEnd - rowStart) / RowsPerTile * RowsPerTile;
        }

        for (; i + RowsPerTile <= rowEnd; i += RowsPerTile)
        {
            float* a = g.A + ((long)i * g.Lda) + kStart;
            float* c = g.C + ((long)i * g.Ldc) + j;
            if (tableTiles)
            {
                if (width == 4 * vector)
                {
                    Tile4x4<TableRows>(a, g.Lda, g.B + j, 0, g.BRows + kStart, c, g.Ldc, kCount, loadC);
                }
                else
                {
                    Tile4x2<TableRows>(a, g.Lda, g.B + j, 0, g.BRows + kStart, c, g.Ldc, kCount, loadC);
                }
            }
            else if (width == 4 * vector)
            {
                Tile4x4<StridedRows>(a, g.Lda, pack, packStride, null, c, g.Ldc, kCount, loadC);
            }
            else if (width == 2 * vector)
            {
                Tile4x2<StridedRows>(a, g.Lda, pack, packStride, null, c, g.Ldc, kCount, loadC);
            }
            else if (width == vector)
            {
                Tile4x1(a, g.Lda, pack, packStride, c, g.Ldc, kCount, loadC);
            }
            else
            {
                for (int row = 0; row < RowsPerTile; row++)
                {
                    ScalarColumns(a + ((long)row * g.Lda), pack, packStride, c + ((long)row * g.Ldc), 0, width, kCount, loadC);
                }
            }
        }

        if (width == 4 * vector && i < rowEnd)
        {
            LeftoverRows4(g.A + ((long)i * g.Lda) + kStart, g.Lda, pack, packStride, g.C + ((long)i * g.Ldc) + j, g.Ldc, rowEnd - i, kCount, loadC);
            return;
        }

        for (; i < rowEnd; i++)
        {
            float* a = g.A + ((long)i * g.Lda) + kStart;
            float* c = g.C + ((long)i * g.Ldc) + j;
            int column = 0;
            for (; column + vector <= width; column += vector)
            {
                Tile1x1(a, pack + column, packStride, c + column, kCount, loadC);
            }

            ScalarColumns(a, pack, packStride, c, column, width, kCount, loadC);
        }
    }
}
