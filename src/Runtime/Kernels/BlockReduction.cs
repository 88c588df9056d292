using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels;

/// <summary>
/// Finishes a 4 x 4 block of AVX-512 dot-product accumulators: sixteen vectors of sixteen partial sums become one
/// vector holding the sixteen totals, by halving in four rounds (128-bit-lane shuffles, then in-lane shuffles, an add
/// each round: 45 instructions), instead of sixteen separate horizontal sums (about 130). Each 128-bit lane of the
/// result is one row of the block, which is added to C with one 4-float load and store. When a convolution has few
/// output positions (196 for a 14 x 14 map) the dot products are short and the old reductions were a third of the
/// weight gradient's time.
/// </summary>
internal static unsafe class BlockReduction
{
    /// <summary>
    /// c[r·ldc + j] (+)= total of accumulator (r, j), for the accumulators passed column by column: v0..v3 are column 0
    /// of rows 0..3, v4..v7 column 1, and so on (the order the rounds below put each total in its place).
    /// </summary>
    /// <remarks>With <paramref name="bias"/> not null (and <paramref name="accumulate"/> false) each total has bias[j] added
    /// before it is stored: a dense layer's narrow forward product and its bias in one store.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add4x4(
        float* c, int ldc, bool accumulate, float* bias,
        Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3,
        Vector512<float> v4, Vector512<float> v5, Vector512<float> v6, Vector512<float> v7,
        Vector512<float> v8, Vector512<float> v9, Vector512<float> v10, Vector512<float> v11,
        Vector512<float> v12, Vector512<float> v13, Vector512<float> v14, Vector512<float> v15)
    {
        // Round 1: pairs of vectors, halves of 256 bits added: [a's 8 partials | b's 8 partials].
        Vector512<float> q0 = LaneHalving.Halves(v0, v1), q1 = LaneHalving.Halves(v2, v3), q2 = LaneHalving.Halves(v4, v5), q3 = LaneHalving.Halves(v6, v7);
        Vector512<float> q4 = LaneHalving.Halves(v8, v9), q5 = LaneHalving.Halves(v10, v11), q6 = LaneHalving.Halves(v12, v13), q7 = LaneHalving.Halves(v14, v15);

        // Round 2: 128-bit lanes added: lane i holds four partials of the pair's i-th vector.
        Vector512<float> p0 = LaneHalving.Blocks(q0, q1), p1 = LaneHalving.Blocks(q2, q3), p2 = LaneHalving.Blocks(q4, q5), p3 = LaneHalving.Blocks(q6, q7);

        // Rounds 3 and 4, within each 128-bit lane: lane i ends as [v_i, v_4+i, v_8+i, v_12+i] totals.
        Vector512<float> s0 = LaneHalving.Pairs(p0, p1), s1 = LaneHalving.Pairs(p2, p3);
        Vector512<float> totals = LaneHalving.Neighbours(s0, s1);

        if (bias != null)
        {
            // One bias per column of the block, the same for its four rows (lanes of a 128-bit lane are the columns).
            totals += Avx512F.BroadcastVector128ToVector512(bias);
        }

        AddRow(c, accumulate, totals.GetLower().GetLower());
        AddRow(c + ldc, accumulate, Avx512F.ExtractVector128(totals, 1));
        AddRow(c + (2L * ldc), accumulate, Avx512F.ExtractVector128(totals, 2));
        AddRow(c + (3L * ldc), accumulate, Avx512F.ExtractVector128(totals, 3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(float* row, bool accumulate, Vector128<float> totals) =>
        (accumulate ? Vector128.Load(row) + totals : totals).Store(row);
}
