using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels;

/// <summary>
/// dst[cols, rows] = srcᵀ for a row-major src[rows, cols]: 8 x 8 tiles transposed in AVX registers where the
/// machine has AVX, 16 x 16 scalar blocks elsewhere and on ragged edges (both keep reads and strided writes within a
/// few cache lines). Callers split the work themselves (by bands of columns, or by sample).
/// </summary>
internal static unsafe class Transpose
{
    private const int Block16 = 16;

    /// <summary>The whole of a contiguous src[rows, cols] on the calling thread.</summary>
    public static void Serial(float* source, int rows, int cols, float* destination) => Block(source, cols, rows, cols, destination, rows);

    /// <summary>
    /// destination[c, r] = source[r, c] for r &lt; rows, c &lt; cols, each side with its own row stride: whole 8 x 8 tiles in
    /// AVX registers where the machine has AVX, the ragged right and bottom edges (and machines without AVX) element by
    /// element in 16 x 16 blocks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Block(float* source, int sourceStride, int rows, int cols, float* destination, int destinationStride)
    {
        int fullRows = 0, fullCols = 0;
        if (Avx.IsSupported)
        {
            fullRows = rows & ~7;
            fullCols = cols & ~7;
            for (int r = 0; r < fullRows; r += 8)
            {
                for (int c = 0; c < fullCols; c += 8)
                {
                    Tile8x8(source + ((long)r * sourceStride) + c, sourceStride, destination + ((long)c * destinationStride) + r, destinationStride);
                }
            }
        }

        Scalar(source, sourceStride, destination, destinationStride, fullCols, cols, 0, rows);
        Scalar(source, sourceStride, destination, destinationStride, 0, fullCols, fullRows, rows);
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
