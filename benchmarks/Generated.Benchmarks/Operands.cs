using System;
using Generated.Kernels;

namespace Generated.Benchmarks;

/// <summary>Benchmark operands: pinned arrays (as the engine's own buffers are) of seeded values in [-1, 1).</summary>
internal static class Operands
{
    public static float[] Random(long length, Random random)
    {
        float[] values = KernelEngine.AllocatePinned(length);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextSingle() * 2f) - 1f;
        }

        return values;
    }
}
