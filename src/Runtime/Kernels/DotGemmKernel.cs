using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        if (typeof(TVec) != typeof(Vector512<float>) || k % TSimd.Count != 0)
        {
            // Sixteen accumulators, four rows of B and one of A need 21 vector registers; 256-bit and scalar code can only
            // count on 16 (AVX2, the x86-64-v3 Native AOT build), where they spilled on every step. A k with a scalar tail
            // gives every element its own horizontal sum and tail anyway, which the halves do. Each element keeps its
            // summation order, so the two halves give the same bits as one block.
            Block2x4(a0, a1, b0, b1, b2, b3, c, ldc, k, accumulate, bias);
            Block2x4(a2, a3, b0, b1, b2, b3, c + (2 * ldc), ldc, k, accumulate, bias);
            return;
        }

        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        for (int p = 0; p < k; p += 16)
        {
            Vector512<float> y0 = Vector512.Load(b0 + p), y1 = Vector512.Load(b1 + p), y2 = Vector512.Load(b2 + p), y3 = Vector512.Load(b3 + p);
            Vector512<float> x = Vector512.Load(a0 + p);
            c00 = Avx512F.FusedMultiplyAdd(x, y0, c00); c01 = Avx512F.FusedMultiplyAdd(x, y1, c01); c02 = Avx512F.FusedMultiplyAdd(x, y2, c02); c03 = Avx512F.FusedMultiplyAdd(x, y3, c03);
            x = Vector512.Load(a1 + p);
            c10 = Avx512F.FusedMultiplyAdd(x, y0, c10); c11 = Avx512F.FusedMultiplyAdd(x, y1, c11); c12 = Avx512F.FusedMultiplyAdd(x, y2, c12); c13 = Avx512F.FusedMultiplyAdd(x, y3, c13);
            x = Vector512.Load(a2 + p);
            c20 = Avx512F.FusedMultiplyAdd(x, y0, c20); c21 = Avx512F.FusedMultiplyAdd(x, y1, c21); c22 = Avx512F.FusedMultiplyAdd(x, y2, c22); c23 = Avx512F.FusedMultiplyAdd(x, y3, c23);
            x = Vector512.Load(a3 + p);
            c30 = Avx512F.FusedMultiplyAdd(x, y0, c30); c31 = Avx512F.FusedMultiplyAdd(x, y1, c31); c32 = Avx512F.FusedMultiplyAdd(x, y2, c32); c33 = Avx512F.FusedMultiplyAdd(x, y3, c33);
        }

        // No scalar tail: one shuffle-and-add reduction of the whole block.
        BlockReduction.Add4x4(c, ldc, accumulate, bias, c00, c10, c20, c30, c01, c11, c21, c31, c02, c12, c22, c32, c03, c13, c23, c33);
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
