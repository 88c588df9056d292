using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// C[m, n] (+)= A[m, k] · B[n, k]ᵀ: both operands are read along their contiguous rows, so every element of C is a dot
/// product of two rows. This is the shape of a convolution's weight gradient, dW = dz · colsᵀ, where dz and the column
/// matrix both run along output positions: it needs no transposition of either. A 4 x 4 block of C keeps sixteen vector
/// accumulators over k (four rows of A and four of B loaded per step: two multiply-adds per load) and reduces them
/// horizontally once at the end; the k tail that does not fill a vector is summed in scalars. The rows of B may also be
/// given by a table of offsets (a stride-1 convolution's shifted input planes, see <see cref="GemmArguments.BRows"/>).
/// A dense layer's narrow forward product (X·Wᵀ with fewer than 16 outputs) passes its bias, which each block adds as it
/// stores its totals.
/// </summary>
internal static unsafe class DotGemmKernel<TSimd, TVec>
    where TSimd : struct, ISimd<TVec>
    where TVec : struct
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first step: no tier-0 pass with calls left un-inlined
    public static void Run(float* a, int lda, float* b, int ldb, int* bRows, float* c, int ldc, int m, int n, int k, bool accumulate, float* bias)
    {
        float* tail = stackalloc float[16];
        float* padded = stackalloc float[4];
        for (int i = 0; i < m; i += 4)
        {
            // Rows and columns past the last whole block (10 logits leave two columns, a batch of 9 one row) run as a whole
            // block that repeats the last row of A or B, into a scratch block: every element is then summed in the block's
            // order, so a sample's outputs do not depend on where it sits in the batch, and no element is a lone dot
            // product on a single FMA chain with a full horizontal sum of its own.
            int rows = Math.Min(4, m - i), last = m - 1;
            float* a0 = a + ((long)i * lda), a1 = a + ((long)Math.Min(i + 1, last) * lda);
            float* a2 = a + ((long)Math.Min(i + 2, last) * lda), a3 = a + ((long)Math.Min(i + 3, last) * lda);
            for (int j = 0; j < n; j += 4)
            {
                int columns = Math.Min(4, n - j), lastColumn = n - 1;
                float* b0 = Row(b, ldb, bRows, j), b1 = Row(b, ldb, bRows, Math.Min(j + 1, lastColumn));
                float* b2 = Row(b, ldb, bRows, Math.Min(j + 2, lastColumn)), b3 = Row(b, ldb, bRows, Math.Min(j + 3, lastColumn));
                float* block = c + ((long)i * ldc) + j;
                if (rows == 4 && columns == 4)
                {
                    Block4x4(a0, a1, a2, a3, b0, b1, b2, b3, block, ldc, k, accumulate, bias == null ? null : bias + j);
                    continue;
                }

                // The scratch block gets the bias too, so each element is rounded as in a whole block.
                float* blockBias = null;
                if (bias != null)
                {
                    for (int column = 0; column < 4; column++)
                    {
                        padded[column] = bias[Math.Min(j + column, lastColumn)];
                    }

                    blockBias = padded;
                }

                Block4x4(a0, a1, a2, a3, b0, b1, b2, b3, tail, 4, k, accumulate: false, blockBias);
                for (int row = 0; row < rows; row++)
                {
                    for (int column = 0; column < columns; column++)
                    {
                        Store(block + ((long)row * ldc) + column, tail[(row * 4) + column], accumulate);
                    }
                }
            }
        }
    }

    /// <summary>Row <paramref name="j"/> of B: at a fixed stride, or where the row table says (a shifted input plane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float* Row(float* b, int ldb, int* rows, int j) => rows == null ? b + ((long)j * ldb) : b + rows[j];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, float value, bool accumulate) => *c = accumulate ? *c + value : value;

    private static void Block4x4(float* a0, float* a1, float* a2, float* a3, float* b0, float* b1, float* b2, float* b3, float* c, int ldc, int k, bool accumulate, float* bias)
    {
        if (typeof(TVec) != typeof(Vector512<float>))
        {
            // Sixteen accumulators, four rows of B and one of A need 21 vector registers; 256-bit and scalar code can only
            // count on 16 (AVX2, the x86-64-v3 Native AOT build), where they spilled on every step. Each element keeps its
            // summation order, so the two halves give the same bits.
            Block2x4(a0, a1, b0, b1, b2, b3, c, ldc, k, accumulate, bias);
            Block2x4(a2, a3, b0, b1, b2, b3, c + (2 * ldc), ldc, k, accumulate, bias);
            return;
        }

        TVec c00 = TSimd.Zero, c01 = TSimd.Zero, c02 = TSimd.Zero, c03 = TSimd.Zero;
        TVec c10 = TSimd.Zero, c11 = TSimd.Zero, c12 = TSimd.Zero, c13 = TSimd.Zero;
        TVec c20 = TSimd.Zero, c21 = TSimd.Zero, c22 = TSimd.Zero, c23 = TSimd.Zero;
        TVec c30 = TSimd.Zero, c31 = TSimd.Zero, c32 = TSimd.Zero, c33 = TSimd.Zero;
        int v = TSimd.Count, p = 0;
        for (; p + v <= k; p += v)
        {
            TVec y0 = TSimd.Load(b0 + p), y1 = TSimd.Load(b1 + p), y2 = TSimd.Load(b2 + p), y3 = TSimd.Load(b3 + p);
            TVec x = TSimd.Load(a0 + p);
            c00 = TSimd.MultiplyAdd(x, y0, c00); c01 = TSimd.MultiplyAdd(x, y1, c01); c02 = TSimd.MultiplyAdd(x, y2, c02); c03 = TSimd.MultiplyAdd(x, y3, c03);
            x = TSimd.Load(a1 + p);
            c10 = TSimd.MultiplyAdd(x, y0, c10); c11 = TSimd.MultiplyAdd(x, y1, c11); c12 = TSimd.MultiplyAdd(x, y2, c12); c13 = TSimd.MultiplyAdd(x, y3, c13);
            x = TSimd.Load(a2 + p);
            c20 = TSimd.MultiplyAdd(x, y0, c20); c21 = TSimd.MultiplyAdd(x, y1, c21); c22 = TSimd.MultiplyAdd(x, y2, c22); c23 = TSimd.MultiplyAdd(x, y3, c23);
            x = TSimd.Load(a3 + p);
            c30 = TSimd.MultiplyAdd(x, y0, c30); c31 = TSimd.MultiplyAdd(x, y1, c31); c32 = TSimd.MultiplyAdd(x, y2, c32); c33 = TSimd.MultiplyAdd(x, y3, c33);
        }

        if (typeof(TVec) == typeof(Vector512<float>) && p == k)
        {
            // No scalar tail: one shuffle-and-add reduction of the whole block (a JIT-time branch per instantiation).
            BlockReduction.Add4x4(c, ldc, accumulate, bias,
                As512(c00), As512(c10), As512(c20), As512(c30), As512(c01), As512(c11), As512(c21), As512(c31),
                As512(c02), As512(c12), As512(c22), As512(c32), As512(c03), As512(c13), As512(c23), As512(c33));
            return;
        }

        float* bias0 = bias, bias1 = bias == null ? null : bias + 1, bias2 = bias == null ? null : bias + 2, bias3 = bias == null ? null : bias + 3;
        Finish(c, accumulate, TSimd.Sum(c00), a0, b0, p, k, bias0); Finish(c + 1, accumulate, TSimd.Sum(c01), a0, b1, p, k, bias1);
        Finish(c + 2, accumulate, TSimd.Sum(c02), a0, b2, p, k, bias2); Finish(c + 3, accumulate, TSimd.Sum(c03), a0, b3, p, k, bias3);
        c += ldc;
        Finish(c, accumulate, TSimd.Sum(c10), a1, b0, p, k, bias0); Finish(c + 1, accumulate, TSimd.Sum(c11), a1, b1, p, k, bias1);
        Finish(c + 2, accumulate, TSimd.Sum(c12), a1, b2, p, k, bias2); Finish(c + 3, accumulate, TSimd.Sum(c13), a1, b3, p, k, bias3);
        c += ldc;
        Finish(c, accumulate, TSimd.Sum(c20), a2, b0, p, k, bias0); Finish(c + 1, accumulate, TSimd.Sum(c21), a2, b1, p, k, bias1);
        Finish(c + 2, accumulate, TSimd.Sum(c22), a2, b2, p, k, bias2); Finish(c + 3, accumulate, TSimd.Sum(c23), a2, b3, p, k, bias3);
        c += ldc;
        Finish(c, accumulate, TSimd.Sum(c30), a3, b0, p, k, bias0); Finish(c + 1, accumulate, TSimd.Sum(c31), a3, b1, p, k, bias1);
        Finish(c + 2, accumulate, TSimd.Sum(c32), a3, b2, p, k, bias2); Finish(c + 3, accumulate, TSimd.Sum(c33), a3, b3, p, k, bias3);
    }

    /// <summary>Two rows of A against four of B: eight accumulators, thirteen registers with the loads.</summary>
    private static void Block2x4(float* a0, float* a1, float* b0, float* b1, float* b2, float* b3, float* c, int ldc, int k, bool accumulate, float* bias)
    {
        TVec c00 = TSimd.Zero, c01 = TSimd.Zero, c02 = TSimd.Zero, c03 = TSimd.Zero;
        TVec c10 = TSimd.Zero, c11 = TSimd.Zero, c12 = TSimd.Zero, c13 = TSimd.Zero;
        int v = TSimd.Count, p = 0;
        for (; p + v <= k; p += v)
        {
            TVec y0 = TSimd.Load(b0 + p), y1 = TSimd.Load(b1 + p), y2 = TSimd.Load(b2 + p), y3 = TSimd.Load(b3 + p);
            TVec x = TSimd.Load(a0 + p);
            c00 = TSimd.MultiplyAdd(x, y0, c00); c01 = TSimd.MultiplyAdd(x, y1, c01); c02 = TSimd.MultiplyAdd(x, y2, c02); c03 = TSimd.MultiplyAdd(x, y3, c03);
            x = TSimd.Load(a1 + p);
            c10 = TSimd.MultiplyAdd(x, y0, c10); c11 = TSimd.MultiplyAdd(x, y1, c11); c12 = TSimd.MultiplyAdd(x, y2, c12); c13 = TSimd.MultiplyAdd(x, y3, c13);
        }

        float* bias0 = bias, bias1 = bias == null ? null : bias + 1, bias2 = bias == null ? null : bias + 2, bias3 = bias == null ? null : bias + 3;
        Finish(c, accumulate, TSimd.Sum(c00), a0, b0, p, k, bias0); Finish(c + 1, accumulate, TSimd.Sum(c01), a0, b1, p, k, bias1);
        Finish(c + 2, accumulate, TSimd.Sum(c02), a0, b2, p, k, bias2); Finish(c + 3, accumulate, TSimd.Sum(c03), a0, b3, p, k, bias3);
        c += ldc;
        Finish(c, accumulate, TSimd.Sum(c10), a1, b0, p, k, bias0); Finish(c + 1, accumulate, TSimd.Sum(c11), a1, b1, p, k, bias1);
        Finish(c + 2, accumulate, TSimd.Sum(c12), a1, b2, p, k, bias2); Finish(c + 3, accumulate, TSimd.Sum(c13), a1, b3, p, k, bias3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> As512(TVec value) => Unsafe.As<TVec, Vector512<float>>(ref value);

    /// <summary>Adds the scalar tail [from, k) of one dot product to its vector part, then the bias if any, and stores it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(float* c, bool accumulate, float sum, float* a, float* b, int from, int k, float* bias)
    {
        for (int p = from; p < k; p++)
        {
            sum += a[p] * b[p];
        }

        Store(c, bias == null ? sum : sum + *bias, accumulate);
    }
}

/// <summary>Picks the <see cref="DotGemmKernel{TSimd, TVec}"/> of an instruction set.</summary>
internal static unsafe class DotGemm
{
    public static void Run(SimdLevel level, float* a, int lda, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool accumulate) =>
        Run(level, a, lda, b, ldb, null, c, ldc, m, n, k, accumulate);

    /// <summary>With <paramref name="bRows"/> not null, row j of B starts at b + bRows[j] and <paramref name="ldb"/> is unused.</summary>
    public static void Run(SimdLevel level, float* a, int lda, float* b, int ldb, int* bRows, float* c, int ldc, int m, int n, int k, bool accumulate) =>
        Run(level, a, lda, b, ldb, bRows, c, ldc, m, n, k, accumulate, bias: null);

    /// <summary>C = A · Bᵀ + bias (one per column of C), each element stored once: a dense layer's narrow forward product.</summary>
    public static void RunWithBias(SimdLevel level, float* a, int lda, float* b, int ldb, float* c, int ldc, int m, int n, int k, float* bias) =>
        Run(level, a, lda, b, ldb, null, c, ldc, m, n, k, accumulate: false, bias);

    private static void Run(SimdLevel level, float* a, int lda, float* b, int ldb, int* bRows, float* c, int ldc, int m, int n, int k, bool accumulate, float* bias)
    {
        switch (level)
        {
            case SimdLevel.Avx512:
                DotGemmKernel<Simd512, Vector512<float>>.Run(a, lda, b, ldb, bRows, c, ldc, m, n, k, accumulate, bias);
                break;
            case SimdLevel.Avx2:
                DotGemmKernel<Simd256, Vector256<float>>.Run(a, lda, b, ldb, bRows, c, ldc, m, n, k, accumulate, bias);
                break;
            default:
                DotGemmKernel<SimdScalar, float>.Run(a, lda, b, ldb, bRows, c, ldc, m, n, k, accumulate, bias);
                break;
        }
    }
}
