using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Generated.Kernels;

/// <summary>Sums over values taken relative to their mean, shared by batch and layer normalisation.</summary>
internal static class Centered
{
    /// <summary>
    /// Σ a·(x − m), centred before multiplying so a large mean cannot cancel the result away. Four accumulators: with one,
    /// every step waited for the previous add (a plane of 784 floats is already in L1 from the pass before).
    /// </summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> x, float m)
    {
        ReadOnlySpan<Vector<float>> av = MemoryMarshal.Cast<float, Vector<float>>(a);
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        var center = new Vector<float>(m);
        Vector<float> s0 = Vector<float>.Zero, s1 = Vector<float>.Zero, s2 = Vector<float>.Zero, s3 = Vector<float>.Zero;
        int i = 0;
        for (; i + 4 <= av.Length; i += 4)
        {
            s0 = s0 + (av[i] * (xv[i] - center));
            s1 = s1 + (av[i + 1] * (xv[i + 1] - center));
            s2 = s2 + (av[i + 2] * (xv[i + 2] - center));
            s3 = s3 + (av[i + 3] * (xv[i + 3] - center));
        }

        for (; i < av.Length; i++)
        {
            s0 = s0 + (av[i] * (xv[i] - center));
        }

        double total = Vector.Sum((s0 + s1) + (s2 + s3));
        for (int j = av.Length * Vector<float>.Count; j < a.Length; j++)
        {
            total += a[j] * (x[j] - m);
        }

        return total;
    }
}
