using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
/// The tile transforms run on a vector of tiles of one tile row at once, one per lane (16 with AVX-512, 8 with AVX2,
/// 1 in scalar code): a tile row's image rows are loaded as vectors and split into even and odd columns
/// (<see cref="ISimdPairs{TVec}"/>), so lane l holds tile l's column. The products' matrices are [16 positions
/// ξ][rows][tiles], tiles of consecutive tile rows packed without gaps: each vector of tiles is stored whole, and its
/// lanes past the row's last tile land on the next row's first tiles, which are stored afterwards (or past the chunk's
/// tiles, where nothing reads them). Every coefficient is 0, ±1 or ±½, so the transforms round about as the direct
/// sum does.
/// </summary>
internal static unsafe class WinogradTransforms
{
    /// <summary>
    /// The widest vector's tiles (AVX-512): the geometry leaves room for a store of this many tiles past a row's last
    /// one and for the 34 floats such a vector's loads read, which covers the narrower instruction sets too.
    /// </summary>
    public const int Lanes = 16;

    /// <summary>Positions ξ of a 4 x 4 transformed tile.</summary>
    public const int Positions = 16;

    /// <summary>
    /// V = Bᵀ d B for tile rows [firstRow, firstRow + rows) of one plane, <paramref name="tilesWide"/> per row: tile (r, c)
    /// is the 4 x 4 block at plane row 2r, column 2c. Position ξ of tile t goes to <paramref name="v"/>[ξ · positionStride
    /// + t], t counted from the first tile row. Reads up to 34 floats past the start of a tile row's last image row.
    /// </summary>
    public static void Input(SimdLevel level, float* plane, int planeWidth, int firstRow, int rows, int tilesWide, float* v, long positionStride)
    {
        switch (level)
        {
            case SimdLevel.Avx512:
                Input<Simd512, Vector512<float>>(plane, planeWidth, firstRow, rows, tilesWide, v, positionStride);
                break;
            case SimdLevel.Avx2:
                Input<Simd256, Vector256<float>>(plane, planeWidth, firstRow, rows, tilesWide, v, positionStride);
                break;
            default:
                Input<SimdScalar, float>(plane, planeWidth, firstRow, rows, tilesWide, v, positionStride);
                break;
        }
    }

    /// <summary>
    /// The 2 x 2 outputs Aᵀ m A of tile rows [0, rows) of one filter's (or channel's) products, t counted as in
    /// <see cref="Input"/>: tile (r, c) fills rows 2r and 2r + 1, columns 2c and 2c + 1 of <paramref name="image"/>, whose
    /// rows are <paramref name="imageWidth"/> floats apart (at least 32 per 16 tiles, so every vector store stays in its
    /// row; the columns past the real output are junk the caller crops).
    /// </summary>
    public static void Output(SimdLevel level, float* m, long positionStride, int rows, int tilesWide, float* image, int imageWidth)
    {
        switch (level)
        {
            case SimdLevel.Avx512:
                Output<Simd512, Vector512<float>>(m, positionStride, rows, tilesWide, image, imageWidth);
                break;
            case SimdLevel.Avx2:
                Output<Simd256, Vector256<float>>(m, positionStride, rows, tilesWide, image, imageWidth);
                break;
            default:
                Output<SimdScalar, float>(m, positionStride, rows, tilesWide, image, imageWidth);
                break;
        }
    }

    /// <summary>
    /// dM = A dy Aᵀ for the 2 x 2 output-gradient tiles of tile rows [firstRow, firstRow + rows): tile (r, c) is the block at
    /// row 2r, column 2c of <paramref name="gradient"/> (rows <paramref name="gradientWidth"/> apart, zero past the real
    /// output). Stored like <see cref="Input"/>; reads up to 32 floats past the start of a tile row's second row.
    /// </summary>
    public static void Gradient(SimdLevel level, float* gradient, int gradientWidth, int firstRow, int rows, int tilesWide, float* dm, long positionStride)
    {
        switch (level)
        {
            case SimdLevel.Avx512:
                Gradient<Simd512, Vector512<float>>(gradient, gradientWidth, firstRow, rows, tilesWide, dm, positionStride);
                break;
            case SimdLevel.Avx2:
                Gradient<Simd256, Vector256<float>>(gradient, gradientWidth, firstRow, rows, tilesWide, dm, positionStride);
                break;
            default:
                Gradient<SimdScalar, float>(gradient, gradientWidth, firstRow, rows, tilesWide, dm, positionStride);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first step
    private static void Input<TSimd, TVec>(float* plane, int planeWidth, int firstRow, int rows, int tilesWide, float* v, long positionStride)
        where TSimd : struct, ISimd<TVec>, ISimdPairs<TVec>
        where TVec : struct
    {
        for (int r = 0; r < rows; r++)
        {
            float* top = plane + ((long)(2 * (firstRow + r)) * planeWidth);
            for (int column = 0; column < tilesWide; column += TSimd.Count)
            {
                float* origin = top + (2 * column);
                Columns4<TSimd, TVec>(origin, out TVec d00, out TVec d01, out TVec d02, out TVec d03);
                Columns4<TSimd, TVec>(origin + planeWidth, out TVec d10, out TVec d11, out TVec d12, out TVec d13);
                Columns4<TSimd, TVec>(origin + (2 * planeWidth), out TVec d20, out TVec d21, out TVec d22, out TVec d23);
                Columns4<TSimd, TVec>(origin + (3 * planeWidth), out TVec d30, out TVec d31, out TVec d32, out TVec d33);

                // Bᵀ d: rows (d0 − d2, d1 + d2, d2 − d1, d1 − d3), column by column; then (·) B along each row.
                float* target = v + ((long)r * tilesWide) + column;
                InputRow<TSimd, TVec>(TSimd.Subtract(d00, d20), TSimd.Subtract(d01, d21), TSimd.Subtract(d02, d22), TSimd.Subtract(d03, d23), target, positionStride, 0);
                InputRow<TSimd, TVec>(TSimd.Add(d10, d20), TSimd.Add(d11, d21), TSimd.Add(d12, d22), TSimd.Add(d13, d23), target, positionStride, 4);
                InputRow<TSimd, TVec>(TSimd.Subtract(d20, d10), TSimd.Subtract(d21, d11), TSimd.Subtract(d22, d12), TSimd.Subtract(d23, d13), target, positionStride, 8);
                InputRow<TSimd, TVec>(TSimd.Subtract(d10, d30), TSimd.Subtract(d11, d31), TSimd.Subtract(d12, d32), TSimd.Subtract(d13, d33), target, positionStride, 12);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Output<TSimd, TVec>(float* m, long positionStride, int rows, int tilesWide, float* image, int imageWidth)
        where TSimd : struct, ISimd<TVec>, ISimdPairs<TVec>
        where TVec : struct
    {
        for (int r = 0; r < rows; r++)
        {
            for (int column = 0; column < tilesWide; column += TSimd.Count)
            {
                float* source = m + ((long)r * tilesWide) + column;

                // Aᵀ m: rows (m0 + m1 + m2, m1 − m2 − m3), column by column.
                TVec s00 = Sum3<TSimd, TVec>(source, positionStride, 0), s01 = Sum3<TSimd, TVec>(source, positionStride, 1);
                TVec s02 = Sum3<TSimd, TVec>(source, positionStride, 2), s03 = Sum3<TSimd, TVec>(source, positionStride, 3);
                TVec s10 = Difference3<TSimd, TVec>(source, positionStride, 4), s11 = Difference3<TSimd, TVec>(source, positionStride, 5);
                TVec s12 = Difference3<TSimd, TVec>(source, positionStride, 6), s13 = Difference3<TSimd, TVec>(source, positionStride, 7);

                // (Aᵀ m) A: columns (s0 + s1 + s2, s1 − s2 − s3), interleaved into the two image rows.
                float* row = image + ((long)(2 * r) * imageWidth) + (2 * column);
                TSimd.Interleave(TSimd.Add(TSimd.Add(s00, s01), s02), TSimd.Subtract(TSimd.Subtract(s01, s02), s03), row);
                TSimd.Interleave(TSimd.Add(TSimd.Add(s10, s11), s12), TSimd.Subtract(TSimd.Subtract(s11, s12), s13), row + imageWidth);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gradient<TSimd, TVec>(float* gradient, int gradientWidth, int firstRow, int rows, int tilesWide, float* dm, long positionStride)
        where TSimd : struct, ISimd<TVec>, ISimdPairs<TVec>
        where TVec : struct
    {
        for (int r = 0; r < rows; r++)
        {
            float* top = gradient + ((long)(2 * (firstRow + r)) * gradientWidth);
            for (int column = 0; column < tilesWide; column += TSimd.Count)
            {
                float* origin = top + (2 * column);
                TSimd.Split(origin, out TVec g00, out TVec g01);
                TSimd.Split(origin + gradientWidth, out TVec g10, out TVec g11);

                // A g: rows (g0, g0 + g1, g0 − g1, −g1), column by column; then the same along the columns.
                float* target = dm + ((long)r * tilesWide) + column;
                GradientRow<TSimd, TVec>(g00, g01, target, positionStride, 0);
                GradientRow<TSimd, TVec>(TSimd.Add(g00, g10), TSimd.Add(g01, g11), target, positionStride, 4);
                GradientRow<TSimd, TVec>(TSimd.Subtract(g00, g10), TSimd.Subtract(g01, g11), target, positionStride, 8);
                GradientRow<TSimd, TVec>(TSimd.Subtract(TSimd.Zero, g10), TSimd.Subtract(TSimd.Zero, g11), target, positionStride, 12);
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

    /// <summary>Columns 2l, 2l + 1, 2l + 2 and 2l + 3 of a row for every lane l (2·Count + 2 floats read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns4<TSimd, TVec>(float* row, out TVec c0, out TVec c1, out TVec c2, out TVec c3)
        where TSimd : struct, ISimd<TVec>, ISimdPairs<TVec>
        where TVec : struct
    {
        TSimd.Split(row, out c0, out c1);
        TSimd.Split(row + 2, out c2, out c3);
    }

    /// <summary>One row of a 4 x 4 tile through (·) B: columns (t0 − t2, t1 + t2, t2 − t1, t1 − t3), positions first..first+3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputRow<TSimd, TVec>(TVec t0, TVec t1, TVec t2, TVec t3, float* target, long stride, int first)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TSimd.Store(target + (first * stride), TSimd.Subtract(t0, t2));
        TSimd.Store(target + ((first + 1) * stride), TSimd.Add(t1, t2));
        TSimd.Store(target + ((first + 2) * stride), TSimd.Subtract(t2, t1));
        TSimd.Store(target + ((first + 3) * stride), TSimd.Subtract(t1, t3));
    }

    /// <summary>One row of a 4 x 2 block through (·) Aᵀ: columns (h0, h0 + h1, h0 − h1, −h1), positions first..first+3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GradientRow<TSimd, TVec>(TVec h0, TVec h1, float* target, long stride, int first)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TSimd.Store(target + (first * stride), h0);
        TSimd.Store(target + ((first + 1) * stride), TSimd.Add(h0, h1));
        TSimd.Store(target + ((first + 2) * stride), TSimd.Subtract(h0, h1));
        TSimd.Store(target + ((first + 3) * stride), TSimd.Subtract(TSimd.Zero, h1));
    }

    /// <summary>m[j] + m[4 + j] + m[8 + j]: row 0 of Aᵀ m at column j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Sum3<TSimd, TVec>(float* source, long stride, int j)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct =>
        TSimd.Add(TSimd.Add(TSimd.Load(source + (j * stride)), TSimd.Load(source + ((4 + j) * stride))), TSimd.Load(source + ((8 + j) * stride)));

    /// <summary>m[4 + j] − m[8 + j] − m[12 + j] for j = position − 4: row 1 of Aᵀ m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Difference3<TSimd, TVec>(float* source, long stride, int position)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct =>
        TSimd.Subtract(TSimd.Subtract(TSimd.Load(source + (position * stride)), TSimd.Load(source + ((position + 4) * stride))), TSimd.Load(source + ((position + 8) * stride)));
}
