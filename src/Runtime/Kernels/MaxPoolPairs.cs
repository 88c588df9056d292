using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels;

/// <summary>
/// The common 2x2, stride-2, unpadded max pool, eight windows at a time: two input rows are split into their even and odd
/// columns (the left and right taps of eight consecutive windows), and the four taps are compared in the window's scan
/// order with vector compare-and-select, so value and index move together without a branch and ties keep the first.
/// Same results as <see cref="Pooling.MaxForward"/>, which handles the remaining windows of a row and every other shape.
/// </summary>
internal static unsafe class MaxPoolPairs
{
    private const int Lanes = 8;

    public static bool Applies(in Window2D w) =>
        Avx2.IsSupported && w.Kernel == 2 && w.Stride == 2 && w.PadTop == 0 && w.PadLeft == 0
        && 2 * w.OutHeight <= w.Height && 2 * w.OutWidth <= w.Width;

    /// <summary>Pools whole groups of eight windows of output row <paramref name="oh"/>; returns the first output column left.</summary>
    public static int Row(float* x, float* y, int* argmax, in Window2D w, int oh)
    {
        int width = w.Width, outWidth = w.OutWidth;
        float* top = x + ((long)2 * oh * width);
        Vector256<int> ramp = Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        int ow = 0;
        for (; ow + Lanes <= outWidth; ow += Lanes)
        {
            // 2·(ow + 8) <= 2·outWidth <= width: the sixteen floats of each row lie inside the input row.
            (Vector256<float> topLeft, Vector256<float> topRight) = Split(top + (2 * ow));
            (Vector256<float> bottomLeft, Vector256<float> bottomRight) = Split(top + width + (2 * ow));
            Vector256<int> index = Vector256.Create((2 * oh * width) + (2 * ow)) + ramp;
            Vector256<float> maximum = topLeft;
            Vector256<int> best = index;
            Take(topRight, index + Vector256<int>.One, ref maximum, ref best);
            Take(bottomLeft, index + Vector256.Create(width), ref maximum, ref best);
            Take(bottomRight, index + Vector256.Create(width + 1), ref maximum, ref best);
            Vector256<float> numbers = Vector256.Equals(topLeft, topLeft) & Vector256.Equals(topRight, topRight)
                & Vector256.Equals(bottomLeft, bottomLeft) & Vector256.Equals(bottomRight, bottomRight);
            maximum = Vector256.ConditionalSelect(numbers, maximum, Vector256.Create(float.NaN));
            int output = (oh * outWidth) + ow;
            maximum.Store(y + output);
            best.Store(argmax + output);
        }

        return ow;
    }

    /// <summary>A candidate replaces the maximum only when strictly greater: ties keep the earlier tap.</summary>
    private static void Take(Vector256<float> candidate, Vector256<int> index, ref Vector256<float> maximum, ref Vector256<int> best)
    {
        Vector256<float> greater = Vector256.GreaterThan(candidate, maximum);
        maximum = Vector256.ConditionalSelect(greater, candidate, maximum);
        best = Vector256.ConditionalSelect(greater.AsInt32(), index, best);
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
