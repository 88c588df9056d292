using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels;

/// <summary>
/// The common 2x2, stride-2, unpadded max pool, eight (or four) windows at a time: two input rows are split into their
/// even and odd columns (the left and right taps of consecutive windows), and the four taps are compared in the window's
/// scan order with vector compare-and-select, so value and index move together without a branch and ties keep the
/// first. Same results as <see cref="Pooling.MaxForward"/>, which handles rows under four windows and every other shape.
/// </summary>
internal static unsafe class MaxPoolPairs
{
    private const int Lanes = 8;

    public static bool Applies(in Window2D w) =>
        Avx2.IsSupported && w.Kernel == 2 && w.Stride == 2 && w.PadTop == 0 && w.PadLeft == 0
        && 2 * w.OutHeight <= w.Height && 2 * w.OutWidth <= w.Width;

    /// <summary>
    /// Pools output row <paramref name="oh"/> in groups of eight windows (four when the row is narrower); a row whose
    /// width is not a multiple of the group ends with one group that overlaps the previous one, recomputing a few windows
    /// to the same values instead of falling back to scalar code. Returns the first output column left (0 or the width).
    /// </summary>
    public static int Row(float* x, float* y, int* argmax, in Window2D w, int oh)
    {
        int outWidth = w.OutWidth, lanes = outWidth >= Lanes ? Lanes : outWidth >= Lanes / 2 ? Lanes / 2 : 0;
        if (lanes == 0)
        {
            return 0;
        }

        for (int ow = 0; ; ow += lanes)
        {
            int group = Math.Min(ow, outWidth - lanes);
            if (lanes == Lanes)
            {
                Eight(x, y, argmax, w, oh, group);
            }
            else
            {
                Four(x, y, argmax, w, oh, group);
            }

            if (group + lanes >= outWidth)
            {
                return outWidth;
            }
        }
    }

    private static void Eight(float* x, float* y, int* argmax, in Window2D w, int oh, int ow)
    {
        // 2·(ow + 8) <= 2·outWidth <= width: the sixteen floats of each row lie inside the input row.
        int width = w.Width;
        float* top = x + ((long)2 * oh * width) + (2 * ow);
        (Vector256<float> topLeft, Vector256<float> topRight) = Split(top);
        (Vector256<float> bottomLeft, Vector256<float> bottomRight) = Split(top + width);
        Vector256<int> index = Vector256.Create((2 * oh * width) + (2 * ow)) + Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        Vector256<float> maximum = topLeft;
        Vector256<int> best = index;
        Take(topRight, index + Vector256<int>.One, ref maximum, ref best);
        Take(bottomLeft, index + Vector256.Create(width), ref maximum, ref best);
        Take(bottomRight, index + Vector256.Create(width + 1), ref maximum, ref best);
        Vector256<float> numbers = Vector256.Equals(topLeft, topLeft) & Vector256.Equals(topRight, topRight)
            & Vector256.Equals(bottomLeft, bottomLeft) & Vector256.Equals(bottomRight, bottomRight);
        int output = (oh * w.OutWidth) + ow;
        Vector256.ConditionalSelect(numbers, maximum, Vector256.Create(float.NaN)).Store(y + output);
        best.Store(argmax + output);
    }

    /// <summary><see cref="Eight"/> for four windows, with 128-bit vectors (rows of 4 to 7 outputs, e.g. 14 → 7 pixels).</summary>
    private static void Four(float* x, float* y, int* argmax, in Window2D w, int oh, int ow)
    {
        int width = w.Width;
        float* top = x + ((long)2 * oh * width) + (2 * ow);
        (Vector128<float> topLeft, Vector128<float> topRight) = SplitFour(top);
        (Vector128<float> bottomLeft, Vector128<float> bottomRight) = SplitFour(top + width);
        Vector128<int> index = Vector128.Create((2 * oh * width) + (2 * ow)) + Vector128.Create(0, 2, 4, 6);
        Vector128<float> maximum = topLeft;
        Vector128<int> best = index;
        Take(topRight, index + Vector128<int>.One, ref maximum, ref best);
        Take(bottomLeft, index + Vector128.Create(width), ref maximum, ref best);
        Take(bottomRight, index + Vector128.Create(width + 1), ref maximum, ref best);
        Vector128<float> numbers = Vector128.Equals(topLeft, topLeft) & Vector128.Equals(topRight, topRight)
            & Vector128.Equals(bottomLeft, bottomLeft) & Vector128.Equals(bottomRight, bottomRight);
        int output = (oh * w.OutWidth) + ow;
        Vector128.ConditionalSelect(numbers, maximum, Vector128.Create(float.NaN)).Store(y + output);
        best.Store(argmax + output);
    }

    /// <summary>A candidate replaces the maximum only when strictly greater: ties keep the earlier tap.</summary>
    private static void Take(Vector256<float> candidate, Vector256<int> index, ref Vector256<float> maximum, ref Vector256<int> best)
    {
        Vector256<float> greater = Vector256.GreaterThan(candidate, maximum);
        maximum = Vector256.ConditionalSelect(greater, candidate, maximum);
        best = Vector256.ConditionalSelect(greater.AsInt32(), index, best);
    }

    private static void Take(Vector128<float> candidate, Vector128<int> index, ref Vector128<float> maximum, ref Vector128<int> best)
    {
        Vector128<float> greater = Vector128.GreaterThan(candidate, maximum);
        maximum = Vector128.ConditionalSelect(greater, candidate, maximum);
        best = Vector128.ConditionalSelect(greater.AsInt32(), index, best);
    }

    /// <summary>Eight consecutive floats as their even and odd elements.</summary>
    private static (Vector128<float> Even, Vector128<float> Odd) SplitFour(float* source)
    {
        Vector128<float> low = Sse.LoadVector128(source), high = Sse.LoadVector128(source + 4);
        return (Sse.Shuffle(low, high, 0b10_00_10_00), Sse.Shuffle(low, high, 0b11_01_11_01));
    }

    /// <summary>Sixteen consecutive floats as their even and odd elements, each in order.</summary>
    private static (Vector256<float> Even, Vector256<float> Odd) Split(float* source)
    {
        Vector256<float> low = Avx.LoadVector256(source), high = Avx.LoadVector256(source + Lanes);

        // The shuffle interleaves 128-bit lanes ([l0 l2 h0 h2 | l4 l6 h4 h6]); the permute puts the 64-bit pairs in order.
        Vector256<float> even = Avx.Shuffle(low, high, 0b10_00_10_00);
        Vector256<float> odd = Avx.Shuffle(low, high, 0b11_01_11_01);
        return (Avx2.Permute4x64(even.AsDouble(), 0b11_01_10_00).AsSingle(), Avx2.Permute4x64(odd.AsDouble(), 0b11_01_10_00).AsSingle());
    }
}
