using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels;

/// <summary>
/// Y[m, n] = X[m, k] · W[n, k]ᵀ + bias for a dense layer with fewer outputs than a vector has lanes (10 logits), on
/// AVX-512. The dot-product form (<see cref="DotGemmKernel{TSimd, TVec}"/>) ends every output with a horizontal sum of
/// sixteen lanes, which for k = 128 costs as much as a third of its multiply-adds, and pads 10 outputs to 12. Here the
/// outputs go in pairs, and a vector's sixteen lanes are a pair's two outputs times eight phases of k: lane 8o + φ sums
/// x[8j + φ]·w[o, 8j + φ] over the steps j. One step broadcasts eight values of a row of x to both halves of a vector
/// and multiplies them by the packed vectors of all the pairs (five for 10 outputs), so each broadcast feeds five
/// multiply-adds and each packed vector four or eight rows: the loads, not the horizontal sums, were what the first
/// layout of this kernel (one broadcast per multiply-add) was bound by. At the end the accumulators are folded eight at
/// a time (three rounds of immediate two-source shuffles, each halving the phases and interleaving two vectors' lanes,
/// then one permute) into vectors of sixteen finished outputs, in the order [row][output] of Y itself. A block of rows
/// always fills whole chunks of eight accumulators (eight rows for five pairs, in two passes of four), so no fold is
/// spent on padding.
/// <para>
/// Rows past the last whole block repeat the last row (their results are not stored), so a sample's outputs do not
/// depend on where it sits in the batch. An odd output count is padded with a copy of the last output, not stored.
/// Up to ten outputs (five pairs): past that a step's accumulators outgrow the registers, and the two passes over the rows
/// that eleven to fifteen outputs would need measured slower than the dot products.
/// </para>
/// </summary>
[SkipLocalsInit] // the block's scratch is written before it is read; zeroing its 3 KB of stack per call was measurable
internal static unsafe class NarrowForward
{
    private const int Lanes = 16;
    private const int Phases = 8;
    private const int MaxPairs = 5;
    private const int MaxRows = 8;

    /// <summary>
    /// Whether the kernel takes the shape: AVX-512, k a multiple of the eight phases, and 1 to 10 outputs that are not a
    /// multiple of 4. The dot products pad the outputs to blocks of four; where they need no padding (4 and 8 outputs)
    /// they measured as fast or faster (alternating runs of 128 x n x 128: 4 outputs 1.25–1.31 µs against 1.14–1.50 here;
    /// 10 outputs 2.85–3.13 against 2.17–2.74; 6 outputs 1.80–1.87 against 1.30–1.79; 2 outputs 1.11 against 0.85–0.90).
    /// </summary>
    public static bool Applies(SimdLevel level, int outputs, int k) =>
        level == SimdLevel.Avx512 && outputs is > 0 and <= 2 * MaxPairs && outputs % 4 != 0 && k > 0 && k % Phases == 0;

    /// <summary>Floats of packed weight <see cref="Run"/> needs: the outputs rounded up to even, times k.</summary>
    public static int PackLength(int outputs, int k) => (outputs + (outputs & 1)) * k;

    /// <summary>Y (rows <paramref name="n"/> apart) = X (rows <paramref name="ldx"/> apart) · Wᵀ (W [n, k]) + bias (null for none).</summary>
    public static void Run(float* x, int ldx, float* w, float* bias, float* y, int m, int n, int k, float* pack)
    {
        Debug.Assert(n is > 0 and <= 2 * MaxPairs && k % Phases == 0, "NarrowForward.Applies decides what reaches here.");
        int pairs = (n + 1) / 2;
        Pack(w, n, k, pairs, pack);
        var block = new Blocks(x, ldx, pack, bias, y, m, n, k);
        switch (pairs)
        {
            case 1:
                block.Run<EightRows, OnePair>();
                break;
            case 2:
                block.Run<EightRows, TwoPairs>();
                break;
            case 3:
                block.Run<EightRows, ThreePairs>();
                break;
            case 4:
                block.Run<FourRows, FourPairs>();
                break;
            default:
                block.Run<FourRows, FivePairs>();
                break;
        }
    }

    /// <summary>pack[j][p][16] = w[2p, 8j..8j + 8), w[2p + 1, 8j..8j + 8); an output past n repeats the last.</summary>
    private static void Pack(float* w, int n, int k, int pairs, float* pack)
    {
        for (int p = 0; p < pairs; p++)
        {
            float* first = w + ((long)(2 * p) * k), second = w + ((long)Math.Min((2 * p) + 1, n - 1) * k);
            float* target = pack + (p * Lanes);
            for (int j = 0; j < k; j += Phases, target += pairs * Lanes)
            {
                Vector256.Load(first + j).Store(target);
                Vector256.Load(second + j).Store(target + Phases);
            }
        }
    }

    /// <summary>x[0..8) in both halves of a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Eights(float* x) => Avx512F.BroadcastVector256ToVector512((double*)x).AsSingle();

    /// <summary>
    /// Totals of eight accumulators e[0..8), each [output 2p: 8 phases][output 2p + 1: 8 phases], as [e][output]. Each
    /// round adds a selection of two vectors' lanes to the complementary selection, halving the phases: 128-bit blocks
    /// (phases φ and φ + 4), then pairs within a block (φ and φ + 2), then neighbours. The sums are the ones the phases
    /// have always been added in, so the totals keep their bits. The folds were a quarter of the time of 128 x 10 x 128
    /// with two-source variable permutes; immediate shuffles, an aligned scratch (below) and no half-empty chunks took it
    /// from 1.93–2.27 µs to 1.81–1.87 in alternating runs (BenchmarkDotNet: 59% of the peak to 68–70%).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> FoldEight(Vector512<float>* e)
    {
        Vector512<float> q0 = LaneHalving.Blocks(e[0], e[1]), q1 = LaneHalving.Blocks(e[2], e[3]);
        Vector512<float> q2 = LaneHalving.Blocks(e[4], e[5]), q3 = LaneHalving.Blocks(e[6], e[7]);
        Vector512<float> h0 = LaneHalving.Pairs(q0, q1), h1 = LaneHalving.Pairs(q2, q3);
        return Avx512F.PermuteVar16x32(LaneHalving.Neighbours(h0, h1), FoldedOrder());
    }

    /// <summary>
    /// After the three rounds, block B lane j holds output B % 2 of accumulator 2j + B / 2 (blocks 0 and 1 the even
    /// accumulators, 2 and 3 the odd); lane 2a + o of the result takes accumulator a's output o from there, lane
    /// 4·(2·(a &amp; 1) + o) + a / 2. A constant in place, not a static field: Native AOT reads a static readonly
    /// vector through the type's static base on every call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> FoldedOrder() => Vector512.Create(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);

    /// <summary>The rows, a block at a time: accumulate, fold, store.</summary>
    private readonly struct Blocks(float* x, int ldx, float* pack, float* bias, float* y, int m, int n, int k)
    {
        public void Run<TRows, TPairs>()
            where TRows : struct, ICount
            where TPairs : struct, ICount
        {
            // A block is one or two accumulator passes of TRows rows, so that its accumulators ([row][pair]) fill whole
            // chunks of eight and its totals whole vectors: four rows of five pairs (20) take two passes, the other
            // instantiations one. Folding 20 would leave a last chunk half zeros, folded at the cost of a full one.
            const int MaxSums = 40;
            int perPass = TRows.Count * TPairs.Count, passes = perPass % 8 == 0 ? 1 : 2;
            int blockRows = TRows.Count * passes, outputs = 2 * TPairs.Count, vectors = passes * perPass / 8;
            Debug.Assert(passes * perPass % 8 == 0 && passes * perPass <= MaxSums && blockRows <= MaxRows, "Every instantiation fills whole chunks.");

            // One 64-byte aligned scratch: on an unaligned stack every accumulator's store and reload split across two
            // cache lines, and the kernel's time jumped by a tenth from one process to the next.
            const int Vectors = MaxSums + (2 * (MaxSums / 8));
            byte* scratch = stackalloc byte[(Vectors * Lanes * sizeof(float)) + 63];
            var accumulators = (Vector512<float>*)(((nuint)scratch + 63) & ~(nuint)63);
            Vector512<float>* finished = accumulators + MaxSums;
            Vector512<float>* biasLanes = finished + (MaxSums / 8);
            float** rows = stackalloc float*[MaxRows];
            BiasLanes(biasLanes, vectors, outputs);

            // No padding output: a full block's totals are Y's own floats, folded straight into it.
            bool direct = outputs == n;
            for (int row = 0; row < m; row += blockRows)
            {
                for (int r = 0; r < blockRows; r++)
                {
                    rows[r] = x + ((long)Math.Min(row + r, m - 1) * ldx);
                }

                for (int pass = 0; pass < passes; pass++)
                {
                    Accumulate<TRows, TPairs>(rows + (pass * TRows.Count), pack, TPairs.Count * Lanes, k, accumulators + (pass * perPass));
                }

                float* target = y + ((long)row * n);
                if (direct && row + blockRows <= m)
                {
                    for (int v = 0; v < vectors; v++)
                    {
                        (FoldEight(accumulators + (8 * v)) + biasLanes[v]).Store(target + (v * Lanes));
                    }

                    continue;
                }

                for (int v = 0; v < vectors; v++)
                {
                    finished[v] = FoldEight(accumulators + (8 * v)) + biasLanes[v];
                }

                StoreRows((float*)finished, outputs, target, Math.Min(blockRows, m - row), n);
            }
        }

        /// <summary>bias[o] in every lane that holds output o (zero without a bias; the padding output repeats the last).</summary>
        private void BiasLanes(Vector512<float>* lanes, int vectors, int outputs)
        {
            float* values = (float*)lanes;
            for (int i = 0, output = 0; i < vectors * Lanes; i++, output = output + 1 == outputs ? 0 : output + 1)
            {
                values[i] = bias == null ? 0f : bias[Math.Min(output, n - 1)]; // a running output, not i % outputs: no division per lane
            }
        }

        /// <summary>Row by row, the real outputs of the real rows.</summary>
        private static void StoreRows(float* totals, int outputs, float* target, int rows, int n)
        {
            for (int r = 0; r < rows; r++)
            {
                new ReadOnlySpan<float>(totals + (r * outputs), n).CopyTo(new Span<float>(target + ((long)r * n), n));
            }
        }
    }

    /// <summary>
    /// The accumulators of one block, left in <paramref name="sums"/> [row][pair]. Nothing else happens in this method:
    /// with more work after the loop, the JIT spilled accumulators to the stack on every step. Accumulators of rows and
    /// pairs the instantiation does not have are never touched, and the JIT drops them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void Accumulate<TRows, TPairs>(float** rows, float* pack, int packStride, int k, Vector512<float>* sums)
        where TRows : struct, ICount
        where TPairs : struct, ICount
    {
        bool eight = TRows.Count > 4;
        float* x0 = rows[0], x1 = rows[1], x2 = rows[2], x3 = rows[3];
        float* x4 = eight ? rows[4] : null, x5 = eight ? rows[5] : null, x6 = eight ? rows[6] : null, x7 = eight ? rows[7] : null;
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default, a04 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default, a14 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default, a24 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default, a34 = default;
        Vector512<float> a40 = default, a41 = default, a42 = default, a43 = default, a44 = default;
        Vector512<float> a50 = default, a51 = default, a52 = default, a53 = default, a54 = default;
        Vector512<float> a60 = default, a61 = default, a62 = default, a63 = default, a64 = default;
        Vector512<float> a70 = default, a71 = default, a72 = default, a73 = default, a74 = default;
        for (int p = 0; p < k; p += Phases, pack += packStride)
        {
            Vector512<float> w0 = Vector512.Load(pack);
            Vector512<float> w1 = TPairs.Count > 1 ? Vector512.Load(pack + Lanes) : default;
            Vector512<float> w2 = TPairs.Count > 2 ? Vector512.Load(pack + (2 * Lanes)) : default;
            Vector512<float> w3 = TPairs.Count > 3 ? Vector512.Load(pack + (3 * Lanes)) : default;
            Vector512<float> w4 = TPairs.Count > 4 ? Vector512.Load(pack + (4 * Lanes)) : default;
            Step<TPairs>(x0 + p, w0, w1, w2, w3, w4, ref a00, ref a01, ref a02, ref a03, ref a04);
            Step<TPairs>(x1 + p, w0, w1, w2, w3, w4, ref a10, ref a11, ref a12, ref a13, ref a14);
            Step<TPairs>(x2 + p, w0, w1, w2, w3, w4, ref a20, ref a21, ref a22, ref a23, ref a24);
            Step<TPairs>(x3 + p, w0, w1, w2, w3, w4, ref a30, ref a31, ref a32, ref a33, ref a34);
            if (eight)
            {
                Step<TPairs>(x4 + p, w0, w1, w2, w3, w4, ref a40, ref a41, ref a42, ref a43, ref a44);
                Step<TPairs>(x5 + p, w0, w1, w2, w3, w4, ref a50, ref a51, ref a52, ref a53, ref a54);
                Step<TPairs>(x6 + p, w0, w1, w2, w3, w4, ref a60, ref a61, ref a62, ref a63, ref a64);
                Step<TPairs>(x7 + p, w0, w1, w2, w3, w4, ref a70, ref a71, ref a72, ref a73, ref a74);
            }
        }

        Keep<TPairs>(sums, a00, a01, a02, a03, a04);
        Keep<TPairs>(sums + TPairs.Count, a10, a11, a12, a13, a14);
        Keep<TPairs>(sums + (2 * TPairs.Count), a20, a21, a22, a23, a24);
        Keep<TPairs>(sums + (3 * TPairs.Count), a30, a31, a32, a33, a34);
        if (eight)
        {
            Keep<TPairs>(sums + (4 * TPairs.Count), a40, a41, a42, a43, a44);
            Keep<TPairs>(sums + (5 * TPairs.Count), a50, a51, a52, a53, a54);
            Keep<TPairs>(sums + (6 * TPairs.Count), a60, a61, a62, a63, a64);
            Keep<TPairs>(sums + (7 * TPairs.Count), a70, a71, a72, a73, a74);
        }
    }

    /// <summary>One row's step: its eight values of x broadcast once, times each pair's packed vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TPairs>(
        float* x, Vector512<float> w0, Vector512<float> w1, Vector512<float> w2, Vector512<float> w3, Vector512<float> w4,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3, ref Vector512<float> a4)
        where TPairs : struct, ICount
    {
        Vector512<float> broadcast = Eights(x);
        a0 = Avx512F.FusedMultiplyAdd(broadcast, w0, a0);
        if (TPairs.Count > 1)
        {
            a1 = Avx512F.FusedMultiplyAdd(broadcast, w1, a1);
        }

        if (TPairs.Count > 2)
        {
            a2 = Avx512F.FusedMultiplyAdd(broadcast, w2, a2);
        }

        if (TPairs.Count > 3)
        {
            a3 = Avx512F.FusedMultiplyAdd(broadcast, w3, a3);
        }

        if (TPairs.Count > 4)
        {
            a4 = Avx512F.FusedMultiplyAdd(broadcast, w4, a4);
        }
    }

    /// <summary>One row's accumulators into <paramref name="sums"/>, its pairs in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep<TPairs>(Vector512<float>* sums, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3, Vector512<float> a4)
        where TPairs : struct, ICount
    {
        sums[0] = a0;
        if (TPairs.Count > 1)
        {
            sums[1] = a1;
        }

        if (TPairs.Count > 2)
        {
            sums[2] = a2;
        }

        if (TPairs.Count > 3)
        {
            sums[3] = a3;
        }

        if (TPairs.Count > 4)
        {
            sums[4] = a4;
        }
    }

    /// <summary>A count known when the JIT specialises a kernel: rows per block or pairs per block.</summary>
    private interface ICount
    {
        static abstract int Count { get; }
    }

    private readonly struct FourRows : ICount
    {
        public static int Count => 4;
    }

    private readonly struct EightRows : ICount
    {
        public static int Count => 8;
    }

    private readonly struct OnePair : ICount
    {
        public static int Count => 1;
    }

    private readonly struct TwoPairs : ICount
    {
        public static int Count => 2;
    }

    private readonly struct ThreePairs : ICount
    {
        public static int Count => 3;
    }

    private readonly struct FourPairs : ICount
    {
        public static int Count => 4;
    }

    private readonly struct FivePairs : ICount
    {
        public static int Count => 5;
    }
}
