using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Generated.Kernels;

/// <summary>Sums over values taken relative to their mean, shared by batch and layer normalisation.</summary>
internal static class Centered
{
    /// <summary>Σ a·(x − m), centred before multiplying so a large mean cannot cancel the result away.</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> x, float m)
    {
        ReadOnlySpan<Vector<float>> av = MemoryMarshal.Cast<float, Vector<float>>(a);
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        var center = new Vector<float>(m);
        Vector<float> accumulator = Vector<float>.Zero;
        for (int i = 0; i < av.Length; i++)
        {
            accumulator += av[i] * (xv[i] - center);
        }

        double total = Vector.Sum(accumulator);
        for (int i = av.Length * Vector<float>.Count; i < a.Length; i++)
        {
            total += a[i] * (x[i] - m);
        }

        return total;
    }
}
