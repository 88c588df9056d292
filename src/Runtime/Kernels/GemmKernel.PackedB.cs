using System.Runtime.CompilerServices;

namespace Generated.Kernels;

/// <summary>
/// C (+)= A · Bᵀ for B stored [N, K]: the forward product of a dense layer, X·Wᵀ, read straight from the weight in
/// PyTorch's [out, in] layout. Loops run K block, then panel of up to four vectors of columns, then row tile: each
/// panel of Bᵀ (128 x 4 vectors, 32 KB with AVX-512) is transposed once into the worker's pack buffer and reused by every row
/// tile of the band while it sits in L1. The weight is read from memory once per call and never written back
/// transposed.
/// </summary>
internal static unsafe partial class GemmKernel<TSimd, TVec>
{
    /// <summary>K depth of a packed panel: 128 x 4 vectors (32 KB with AVX-512) stays in a 48 KB L1 beside the A rows.</summary>
    private const int PackedKBlock = KBlock / 2;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a separate entry from Run: without this it starts at tier 0, its tiles un-inlined
    private static void RunPackedB(in GemmArguments g, int rowStart, int rowEnd)
    {
        int vector = TSimd.Count;
        int tileWidth = 2 * vector;
        for (int kStart = 0; kStart < g.K; kStart += PackedKBlock)
        {
            int kCount = System.Math.Min(PackedKBlock, g.K - kStart);
            bool loadC = g.Accumulate || kStart > 0;
            int j = 0;
            for (; j + (2 * tileWidth) <= g.N; j += 2 * tileWidth)
            {
                Panel(g, rowStart, rowEnd, j, 2 * tileWidth, kStart, kCount, loadC);
            }

            for (; j + tileWidth <= g.N; j += tileWidth)
            {
                Panel(g, rowStart, rowEnd, j, tileWidth, kStart, kCount, loadC);
            }

            for (; j + vector <= g.N; j += vector)
            {
                Panel(g, rowStart, rowEnd, j, vector, kStart, kCount, loadC);
            }

            if (j < g.N)
            {
                Panel(g, rowStart, rowEnd, j, g.N - j, kStart, kCount, loadC);
            }
        }

        for (int i = rowStart; i < rowEnd; i++)
        {
            Epilogue.Apply(in g, g.C + ((long)i * g.Ldc));
        }
    }

    /// <summary>Columns [j, j + width) of rows [rowStart, rowEnd) over one K block; width is two vectors, one, or fewer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Panel(in GemmArguments g, int rowStart, int rowEnd, int j, int width, int kStart, int kCount, bool loadC)
    {
        int vector = TSimd.Count;
        float* pack = g.Pack;
        TransposeJob.Block(g.B + ((long)j * g.Ldb) + kStart, g.Ldb, width, kCount, pack, width);
        int i = rowStart;
        for (; i + RowsPerTile <= rowEnd; i += RowsPerTile)
        {
            float* a = g.A + ((long)i * g.Lda) + kStart;
            float* c = g.C + ((long)i * g.Ldc) + j;
            if (width == 4 * vector)
            {
                Tile4x4(a, g.Lda, pack, width, c, g.Ldc, kCount, loadC);
            }
            else if (width == 2 * vector)
            {
                Tile4x2(a, g.Lda, pack, width, c, g.Ldc, kCount, loadC);
            }
            else if (width == vector)
            {
                Tile4x1(a, g.Lda, pack, width, c, g.Ldc, kCount, loadC);
            }
            else
            {
                for (int row = 0; row < RowsPerTile; row++)
                {
                    ScalarColumns(a + ((long)row * g.Lda), pack, width, c + ((long)row * g.Ldc), 0, width, kCount, loadC);
                }
            }
        }

        for (; i < rowEnd; i++)
        {
            float* a = g.A + ((long)i * g.Lda) + kStart;
            float* c = g.C + ((long)i * g.Ldc) + j;
            int column = 0;
            for (; column + vector <= width; column += vector)
            {
                Tile1x1(a, pack + column, width, c + column, kCount, loadC);
            }

            ScalarColumns(a, pack, width, c, column, width, kCount, loadC);
        }
    }
}
