using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Generated.Kernels;

/// <summary>
/// The ReLU and leaky-ReLU derivatives as vector selects. Written as a per-element branch they mispredict on about
/// every other element of real data (whose signs are random), which cost ten times the arithmetic; a compare-and-select
/// has no branch at all.
/// </summary>
internal static class Rectifiers
{
    /// <summary>gradient = y &gt; 0 ? gradient : slope · gradient (slope 0 for ReLU).</summary>
    public static void Backward(Span<float> gradient, ReadOnlySpan<float> output, float slope)
    {
        Span<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        ReadOnlySpan<Vector<float>> y = MemoryMarshal.Cast<float, Vector<float>>(output.Slice(0, gradient.Length));
        var negative = new Vector<float>(slope);
        bool relu = slope == 0f; // exactly 0 where the unit is off, even for an infinite incoming gradient
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = Vector.ConditionalSelect(Vector.GreaterThan(y[i], Vector<float>.Zero), g[i], relu ? Vector<float>.Zero : g[i] * negative);
        }

        for (int i = g.Length * Vector<float>.Count; i < gradient.Length; i++)
        {
            gradient[i] = output[i] > 0f ? gradient[i] : relu ? 0f : slope * gradient[i];
        }
    }

    /// <summary>y = x &gt; 0 ? x : slope · x.</summary>
    public static void LeakyForward(ReadOnlySpan<float> x, Span<float> y, float slope)
    {
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        Span<Vector<float>> yv = MemoryMarshal.Cast<float, Vector<float>>(y.Slice(0, x.Length));
        var negative = new Vector<float>(slope);
        for (int i = 0; i < xv.Length; i++)
        {
            yv[i] = Vector.ConditionalSelect(Vector.GreaterThan(xv[i], Vector<float>.Zero), xv[i], xv[i] * negative);
        }

        for (int i = xv.Length * Vector<float>.Count; i < x.Length; i++)
        {
            float value = x[i];
            y[i] = value > 0f ? value : slope * value;
        }
    }
}
