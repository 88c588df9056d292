using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels;

/// <summary>
/// dst[cols, rows] = srcᵀ for a row-major src[rows, cols]: 16 x 16 tiles transposed in AVX-512 registers where the
/// machine has AVX-512, 8 x 8 tiles in AVX registers for what is left of a multiple of 8, 16 x 16 scalar blocks on
/// ragged edges and without AVX (all keep reads and strided writes within a few cache lines). Callers split the work
/// themselves (by bands of columns, or by sample).
/// </summary>
internal static unsafe class Transpose
{
    private const int Block16 = 16;

    /// <summary>The whole of a contiguous src[rows, cols] on the calling thread.</summary>
    public static void Serial(float* source, int rows, int cols, float* destination) => Block(source, cols, rows, cols, destination, rows);

    /// <summary>
    /// destination[c, r] = source[r, c] for r &lt; rows, c &lt; cols, each side with its own row stride: whole 16 x 16 tiles
    /// with AVX-512, then the strips they leave in 8 x 8 tiles with AVX, then the ragged right and bottom edges (and
    /// everything on machines without AVX) element by element in 16 x 16 blocks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Block(float* source, int sourceStride, int rows, int cols, float* destination, int destinationStride)
    {
        int rows16 = 0, cols16 = 0;
        if (Avx512F.IsSupported)
        {
            rows16 = rows & ~15;
            cols16 = cols & ~15;
            for (int r = 0; r < rows16; r += 16)
            {
                for (int c = 0; c < cols16; c += 16)
                {
                    Tile16x16(source + ((long)r * sourceStride) + c, sourceStride, destination + ((long)c * destinationStride) + r, destinationStride);
                }
            }
        }

        Eights(source, sourceStride, destination, destinationStride, 0, rows16, cols16, cols);
        Eights(source, sourceStride, destination, destinationStride, rows16, rows, 0, cols);
    }

    /// <summary>
    /// Source rows [rowStart, rowEnd), columns [colStart, colEnd): 8 x 8 tiles where the machine has AVX, the rest element
    /// by element. Internal so that tests reach this path on a machine whose <see cref="Block"/> takes 16 x 16 tiles.
    /// </summary>
    internal static void Eights(float* source, int sourceStride, float* destination, int destinationStride, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int fullRowEnd = rowStart, fullColEnd = colStart;
        if (Avx.IsSupported)
        {
            fullRowEnd = rowStart + ((rowEnd - rowStart) & ~7);
            fullColEnd = colStart + ((colEnd - colStart) & ~7);
            for (int r = rowStart; r < fullRowEnd; r += 8)
            {
                for (int c = colStart; c < fullColEnd; c += 8)
                {
                    Tile8x8(source + ((long)r * sourceStride) + c, sourceStride, destination + ((long)c * destinationStride) + r, destinationStride);
                }
            }
        }

        Scalar(source, sourceStride, destination, destinationStride, fullColEnd, colEnd, rowStart, rowEnd);
        Scalar(source, sourceStride, destination, destinationStride, colStart, fullColEnd, fullRowEnd, rowEnd);
    }

    /// <summary>
    /// Transposes one 16 x 16 tile in 64 shuffles, a third fewer than four 8 x 8 tiles (96), and half their loads and
    /// stores. Each group of four rows becomes four vectors whose 128-bit lane L holds column 4L + c of those rows
    /// (32-bit, then 64-bit interleaves); then for each c the four groups' lanes are exchanged in two rounds of 128-bit
    /// shuffles, giving the destination rows 4L + c.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile16x16(float* source, int sourceStride, float* destination, int destinationStride)
    {
        ColumnsOfFour(source, sourceStride, out Vector512<float> a0, out Vector512<float> a1, out Vector512<float> a2, out Vector512<float> a3);
        ColumnsOfFour(source + (4 * sourceStride), sourceStride, out Vector512<float> b0, out Vector512<float> b1, out Vector512<float> b2, out Vector512<float> b3);
        ColumnsOfFour(source + (8 * sourceStride), sourceStride, out Vector512<float> c0, out Vector512<float> c1, out Vector512<float> c2, out Vector512<float> c3);
        ColumnsOfFour(source + (12 * sourceStride), sourceStride, out Vector512<float> d0, out Vector512<float> d1, out Vector512<float> d2, out Vector512<float> d3);
        StoreColumns(a0, b0, c0, d0, destination, destinationStride);
        StoreColumns(a1, b1, c1, d1, destination + destinationStride, destinationStride);
        StoreColumns(a2, b2, c2, d2, destination + (2 * destinationStride), destinationStride);
        StoreColumns(a3, b3, c3, d3, destination + (3 * destinationStride), destinationStride);
    }

    /// <summary>Four rows of sixteen as four vectors: lane L of vector c holds column 4L + c of the four rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ColumnsOfFour(float* source, int stride, out Vector512<float> c0, out Vector512<float> c1, out Vector512<float> c2, out Vector512<float> c3)
    {
        c0 = Vector512.Load(source);
        c1 = Vector512.Load(source + stride);
        c2 = Vector512.Load(source + (2 * stride));
        c3 = Vector512.Load(source + (3 * stride));
        InLanes4x4(ref c0, ref c1, ref c2, ref c3);
    }

    /// <summary>
    /// Transposes the 4 x 4 block in each 128-bit lane of four vectors: pairs (r0[0], r1[0], r0[1], r1[1]) and so on,
    /// then pairs of pairs, as doubles, finish each column. The network is its own inverse. Also the transposed stores
    /// and loads of a GEMM tile (<see cref="TransposedTile"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void InLanes4x4(ref Vector512<float> r0, ref Vector512<float> r1, ref Vector512<float> r2, ref Vector512<float> r3)
    {
        Vector512<double> t0 = Avx512F.UnpackLow(r0, r1).AsDouble(), t1 = Avx512F.UnpackHigh(r0, r1).AsDouble();
        Vector512<double> t2 = Avx512F.UnpackLow(r2, r3).AsDouble(), t3 = Avx512F.UnpackHigh(r2, r3).AsDouble();
        r0 = Avx512F.UnpackLow(t0, t2).AsSingle();
        r1 = Avx512F.UnpackHigh(t0, t2).AsSingle();
        r2 = Avx512F.UnpackLow(t1, t3).AsSingle();
        r3 = Avx512F.UnpackHigh(t1, t3).AsSingle();
    }

    /// <summary>
    /// Destination rows c, c + 4, c + 8, c + 12 (the first at <paramref name="destination"/>) from one column vector of
    /// each row group: row 4L + c is lane L of a, b, c and d side by side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreColumns(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d, float* destination, int stride)
    {
        Vector512<float> ab01 = Avx512F.Shuffle4x128(a, b, 0b01_00_01_00), ab23 = Avx512F.Shuffle4x128(a, b, 0b11_10_11_10);
        Vector512<float> cd01 = Avx512F.Shuffle4x128(c, d, 0b01_00_01_00), cd23 = Avx512F.Shuffle4x128(c, d, 0b11_10_11_10);
        Avx512F.Shuffle4x128(ab01, cd01, 0b10_00_10_00).Store(destination);
        Avx512F.Shuffle4x128(ab01, cd01, 0b11_01_11_01).Store(destination + (4 * stride));
        Avx512F.Shuffle4x128(ab23, cd23, 0b10_00_10_00).Store(destination + (8 * stride));
        Avx512F.Shuffle4x128(ab23, cd23, 0b11_01_11_01).Store(destination + (12 * stride));
    }

    /// <summary>
    /// Transposes one 8 x 8 tile: pairs of rows interleaved (unpack), then pairs of pairs (shuffle), then the 128-bit
    /// halves exchanged (permute), the classic 24-instruction AVX sequence.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile8x8(float* source, int sourceStride, float* destination, int destinationStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(source), r1 = Avx.LoadVector256(source + sourceStride);
        Vector256<float> r2 = Avx.LoadVector256(source + (2 * sourceStride)), r3 = Avx.LoadVector256(source + (3 * sourceStride));
        Vector256<float> r4 = Avx.LoadVector256(source + (4 * sourceStride)), r5 = Avx.LoadVector256(source + (5 * sourceStride));
        Vector256<float> r6 = Avx.LoadVector256(source + (6 * sourceStride)), r7 = Avx.LoadVector256(source + (7 * sourceStride));

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE), s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE), s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(destination, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(destination + destinationStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(destination + (2 * destinationStride), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(destination + (3 * destinationStride), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(destination + (4 * destinationStride), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(destination + (5 * destinationStride), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(destination + (6 * destinationStride), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(destination + (7 * destinationStride), Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>Source columns [colStart, colEnd) of source rows [rowStart, rowEnd), element by element in 16 x 16 blocks.</summary>
    private static void Scalar(float* source, int sourceStride, float* destination, int destinationStride, int colStart, int colEnd, int rowStart, int rowEnd)
    {
        for (int r0 = rowStart; r0 < rowEnd; r0 += Block16)
        {
            int r1 = r0 + Block16 < rowEnd ? r0 + Block16 : rowEnd;
            for (int c0 = colStart; c0 < colEnd; c0 += Block16)
            {
                int c1 = c0 + Block16 < colEnd ? c0 + Block16 : colEnd;
                for (int r = r0; r < r1; r++)
                {
                    float* sourceRow = source + ((long)r * sourceStride);
                    for (int c = c0; c < c1; c++)
                    {
                        destination[((long)c * destinationStride) + r] = sourceRow[c];
                    }
                }
            }
        }
    }
}
