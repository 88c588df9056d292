using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels;

/// <summary>
/// The transforms of Winograd's F(2x2, 3x3) (Lavin and Gray, 2015): a 2 x 2 block of outputs of a 3 x 3 correlation is
/// Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A for the 4 x 4 input tile d under it, 16 multiplications instead of 36. The sixteen
/// positions ξ of the 4 x 4 products become sixteen independent GEMMs over channels (see Conv2DJob.Winograd.cs); this
/// file only moves between tiles and those products:
/// <list type="bullet">
/// <item><see cref="Input"/>: V = Bᵀ d B of 4 x 4 tiles at stride 2 of a zero-bordered plane;</item>
/// <item><see cref="Output"/>: y = Aᵀ m A, the 2 x 2 outputs of each tile, rows interleaved back into image rows;</item>
/// <item><see cref="Gradient"/>: A dy Aᵀ of 2 x 2 output-gradient tiles (Y is linear in M, so dM = A dY Aᵀ);</item>
/// <item><see cref="Filter"/> and <see cref="FilterGradient"/>: U = G g Gᵀ per filter and channel, and dg = Gᵀ dU G.</item>
/// </list>
/// The tile transforms run on 16 tiles of one tile row at once (one per AVX-512 lane): a tile row's image rows are
/// loaded as vectors and split into even and odd columns, so lane l holds tile l's column. The products' matrices are
/// [16 positions ξ][rows][tiles], tiles of consecutive tile rows packed without gaps: each vector of 16 tiles is stored
/// whole, and its lanes past the row's last tile land on the next row's first tiles, which are stored afterwards (or
/// past the chunk's tiles, where nothing reads them). Every coefficient is 0, ±1 or ±½, so the transforms round about
/// as the direct sum does.
/// </summary>
internal static unsafe class WinogradTransforms
{
    /// <summary>Tiles per vector: the tile transforms need AVX-512 (Conv2DJob uses this form only then).</summary>
    public const int Lanes = 16;

    /// <summary>Positions ξ of a 4 x 4 transformed tile.</summary>
    public const int Positions = 16;

    private static readonly Vector512<int> EvenColumns = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    private static readonly Vector512<int> OddColumns = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    private static readonly Vector512<int> InterleaveLow = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    private static readonly Vector512<int> InterleaveHigh = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);

    /// <summary>
    /// V = Bᵀ d B for tile rows [firstRow, firstRow + rows) of one plane, tiles·(tilesWide) per row: tile (r, c) is the 4 x 4
    /// block at plane row 2r, column 2c. Position ξ of tile t goes to <paramref name="v"/>[ξ · positionStride + t], t
    /// counted from the first tile row. Reads up to 34 floats past the start of a tile row's last image row (the plane's
    /// slack).
    /// </summary>
    public static void Input(float* plane, int planeWidth, int firstRow, int rows, int tilesWide, float* v, long positionStride)
    {
        for (int r = 0; r < rows; r++)
        {
            float* top = plane + ((long)(2 * (firstRow + r)) * planeWidth);
            for (int column = 0; column < tilesWide; column += Lanes)
            {
                float* origin = top + (2 * column);
                Columns4(origin, out Vector512<float> d00, out Vector512<float> d01, out Vector512<float> d02, out Vector512<float> d03);
                Columns4(origin + planeWidth, out Vector512<float> d10, out Vector512<float> d11, out Vector512<float> d12, out Vector512<float> d13);
                Columns4(origin + (2 * planeWidth), out Vector512<float> d20, out Vector512<float> d21, out Vector512<float> d22, out Vector512<float> d23);
                Columns4(origin + (3 * planeWidth), out Vector512<float> d30, out Vector512<float> d31, out Vector512<float> d32, out Vector512<float> d33);

                // Bᵀ d: rows (d0 − d2, d1 + d2, d2 − d1, d1 − d3), column by column.
                Vector512<float> t00 = d00 - d20, t01 = d01 - d21, t02 = d02 - d22, t03 = d03 - d23;
                Vector512<float> t10 = d10 + d20, t11 = d11 + d21, t12 = d12 + d22, t13 = d13 + d23;
                Vector512<float> t20 = d20 - d10, t21 = d21 - d11, t22 = d22 - d12, t23 = d23 - d13;
                Vector512<float> t30 = d10 - d30, t31 = d11 - d31, t32 = d12 - d32, t33 = d13 - d33;

                float* target = v + ((long)r * tilesWide) + column;
                StoreRow(t00, t01, t02, t03, target, positionStride, 0);
                StoreRow(t10, t11, t12, t13, target, positionStride, 4);
                StoreRow(t20, t21, t22, t23, target, positionStride, 8);
                StoreRow(t30, t31, t32, t33, target, positionStride, 12);
            }
        }
    }

    /// <summary>
    /// The 2 x 2 outputs Aᵀ m A of tile rows [0, rows) of one filter's (or channel's) products, t counted as in
    /// <see cref="Input"/>: tile (r, c) fills rows 2r and 2r + 1, columns 2c and 2c + 1 of <paramref name="image"/>, whose
    /// rows are <paramref name="imageWidth"/> floats apart (at least 32 per 16 tiles, so every vector store stays in its
    /// row; the columns past the real output are junk the caller crops).
    /// </summary>
    public static void Output(float* m, long positionStride, int rows, int tilesWide, float* image, int imageWidth)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int column = 0; column < tilesWide; column += Lanes)
            {
                float* source = m + ((long)r * tilesWide) + column;

                // Aᵀ m: rows (m0 + m1 + m2, m1 − m2 − m3), column by column.
                Vector512<float> s00 = Load(source, positionStride, 0) + Load(source, positionStride, 4) + Load(source, positionStride, 8);
                Vector512<float> s01 = Load(source, positionStride, 1) + Load(source, positionStride, 5) + Load(source, positionStride, 9);
                Vector512<float> s02 = Load(source, positionStride, 2) + Load(source, positionStride, 6) + Load(source, positionStride, 10);
                Vector512<float> s03 = Load(source, positionStride, 3) + Load(source, positionStride, 7) + Load(source, positionStride, 11);
                Vector512<float> s10 = Load(source, positionStride, 4) - Load(source, positionStride, 8) - Load(source, positionStride, 12);
                Vector512<float> s11 = Load(source, positionStride, 5) - Load(source, positionStride, 9) - Load(source, positionStride, 13);
                Vector512<float> s12 = Load(source, positionStride, 6) - Load(source, positionStride, 10) - Load(source, positionStride, 14);
                Vector512<float> s13 = Load(source, positionStride, 7) - Load(source, positionStride, 11) - Load(source, positionStride, 15);

                // (Aᵀ m) A: columns (s0 + s1 + s2, s1 − s2 − s3), interleaved into the two image rows.
                float* row = image + ((long)(2 * r) * imageWidth) + (2 * column);
                StoreInterleaved(s00 + s01 + s02, s01 - s02 - s03, row);
                StoreInterleaved(s10 + s11 + s12, s11 - s12 - s13, row + imageWidth);
            }
        }
    }

    /// <summary>
    /// dM = A dy Aᵀ for the 2 x 2 output-gradient tiles of tile rows [firstRow, firstRow + rows): tile (r, c) is the block at
    /// row 2r, column 2c of <paramref name="gradient"/> (rows <paramref name="gradientWidth"/> apart, zero past the real
    /// output). Stored like <see cref="Input"/>; reads up to 32 floats past the start of a tile row's second row.
    /// </summary>
    public static void Gradient(float* gradient, int gradientWidth, int firstRow, int rows, int tilesWide, float* dm, long positionStride)
    {
        for (int r = 0; r < rows; r++)
        {
            float* top = gradient + ((long)(2 * (firstRow + r)) * gradientWidth);
            for (int column = 0; column < tilesWide; column += Lanes)
            {
                float* origin = top + (2 * column);
                Columns2(origin, out Vector512<float> g00, out Vector512<float> g01);
                Columns2(origin + gradientWidth, out Vector512<float> g10, out Vector512<float> g11);

                // A g: rows (g0, g0 + g1, g0 − g1, −g1), column by column; then the same along the columns.
                float* target = dm + ((long)r * tilesWide) + column;
                StoreRow(g00, g01, target, positionStride, 0);
                StoreRow(g00 + g10, g01 + g11, target, positionStride, 4);
                StoreRow(g00 - g10, g01 - g11, target, positionStride, 8);
                StoreRow(-g10, -g11, target, positionStride, 12);
            }
        }
    }

    /// <summary>U = G g Gᵀ of one 3 x 3 filter slice, position ξ written to u[ξ · positionStride].</summary>
    public static void Filter(float* g, float* u, long positionStride, bool flipped)
    {
        // Read flipped (g[2 − i, 2 − j]) for the input gradient, which correlates the output gradient with the rotated filter.
        float g00 = g[flipped ? 8 : 0], g01 = g[flipped ? 7 : 1], g02 = g[flipped ? 6 : 2];
        float g10 = g[flipped ? 5 : 3], g11 = g[4], g12 = g[flipped ? 3 : 5];
        float g20 = g[flipped ? 2 : 6], g21 = g[flipped ? 1 : 7], g22 = g[flipped ? 0 : 8];

        // G g: rows (g0, (g0 + g1 + g2)/2, (g0 − g1 + g2)/2, g2).
        float r10 = 0.5f * (g00 + g10 + g20), r11 = 0.5f * (g01 + g11 + g21), r12 = 0.5f * (g02 + g12 + g22);
        float r20 = 0.5f * (g00 - g10 + g20), r21 = 0.5f * (g01 - g11 + g21), r22 = 0.5f * (g02 - g12 + g22);
        FilterRow(g00, g01, g02, u, positionStride, 0);
        FilterRow(r10, r11, r12, u, positionStride, 4);
        FilterRow(r20, r21, r22, u, positionStride, 8);
        FilterRow(g20, g21, g22, u, positionStride, 12);
    }

    /// <summary>dg = Gᵀ dU G of one filter slice's summed products (position ξ at du[ξ · positionStride]) into g[9].</summary>
    public static void FilterGradient(float* du, long positionStride, float* g)
    {
        // e = Gᵀ dU (3 x 4): rows (d0 + (d1 + d2)/2, (d1 − d2)/2, (d1 + d2)/2 + d3), column by column.
        float* e = stackalloc float[12];
        for (int j = 0; j < 4; j++)
        {
            float d0 = du[j * positionStride], d1 = du[(4 + j) * positionStride], d2 = du[(8 + j) * positionStride], d3 = du[(12 + j) * positionStride];
            float half = 0.5f * (d1 + d2);
            e[j] = d0 + half;
            e[4 + j] = 0.5f * (d1 - d2);
            e[8 + j] = half + d3;
        }

        // e G (3 x 3): the same combination along each row.
        for (int i = 0; i < 3; i++)
        {
            float* row = e + (4 * i);
            float half = 0.5f * (row[1] + row[2]);
            g[3 * i] = row[0] + half;
            g[(3 * i) + 1] = 0.5f * (row[1] - row[2]);
            g[(3 * i) + 2] = half + row[3];
        }
    }

    private static void FilterRow(float a, float b, float c, float* u, long stride, int first)
    {
        // (·) Gᵀ: columns (a, (a + b + c)/2, (a − b + c)/2, c).
        u[first * stride] = a;
        u[(first + 1) * stride] = 0.5f * (a + b + c);
        u[(first + 2) * stride] = 0.5f * (a - b + c);
        u[(first + 3) * stride] = c;
    }

    /// <summary>Columns 2l, 2l + 1, 2l + 2 and 2l + 3 of a row for lanes l = 0..15 (34 floats read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns4(float* row, out Vector512<float> c0, out Vector512<float> c1, out Vector512<float> c2, out Vector512<float> c3)
    {
        Vector512<float> low = Vector512.Load(row), high = Vector512.Load(row + 16);
        Vector512<float> shiftedLow = Vector512.Load(row + 2), shiftedHigh = Vector512.Load(row + 18);
        c0 = Avx512F.PermuteVar16x32x2(low, EvenColumns, high);
        c1 = Avx512F.PermuteVar16x32x2(low, OddColumns, high);
        c2 = Avx512F.PermuteVar16x32x2(shiftedLow, EvenColumns, shiftedHigh);
        c3 = Avx512F.PermuteVar16x32x2(shiftedLow, OddColumns, shiftedHigh);
    }

    /// <summary>Columns 2l and 2l + 1 of a row for lanes l = 0..15 (32 floats read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns2(float* row, out Vector512<float> c0, out Vector512<float> c1)
    {
        Vector512<float> low = Vector512.Load(row), high = Vector512.Load(row + 16);
        c0 = Avx512F.PermuteVar16x32x2(low, EvenColumns, high);
        c1 = Avx512F.PermuteVar16x32x2(low, OddColumns, high);
    }

    /// <summary>One row of a 4 x 4 tile through (·) B: columns (t0 − t2, t1 + t2, t2 − t1, t1 − t3), positions first..first+3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(Vector512<float> t0, Vector512<float> t1, Vector512<float> t2, Vector512<float> t3, float* target, long stride, int first)
    {
        Vector512.Store(t0 - t2, target + (first * stride));
        Vector512.Store(t1 + t2, target + ((first + 1) * stride));
        Vector512.Store(t2 - t1, target + ((first + 2) * stride));
        Vector512.Store(t1 - t3, target + ((first + 3) * stride));
    }

    /// <summary>One row of a 4 x 2 block through (·) Aᵀ: columns (h0, h0 + h1, h0 − h1, −h1), positions first..first+3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(Vector512<float> h0, Vector512<float> h1, float* target, long stride, int first)
    {
        Vector512.Store(h0, target + (first * stride));
        Vector512.Store(h0 + h1, target + ((first + 1) * stride));
        Vector512.Store(h0 - h1, target + ((first + 2) * stride));
        Vector512.Store(-h1, target + ((first + 3) * stride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load(float* source, long stride, int position) => Vector512.Load(source + (position * stride));

    /// <summary>Lane l of the two vectors to columns 2l and 2l + 1 of one image row (32 floats written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInterleaved(Vector512<float> even, Vector512<float> odd, float* row)
    {
        Vector512.Store(Avx512F.PermuteVar16x32x2(even, InterleaveLow, odd), row);
        Vector512.Store(Avx512F.PermuteVar16x32x2(even, InterleaveHigh, odd), row + 16);
    }
}
