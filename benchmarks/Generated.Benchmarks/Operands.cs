using System;
using Generated.Kernels;

namespace Generated.Benchmarks;

/// <summary>Benchmark operands: pinned, cache-line aligned buffers (as the engine's own are) of seeded values in [-1, 1).</summary>
internal static class Operands
{
    public static AlignedBuffer Random(long length, Random random)
    {
        var buffer = new AlignedBuffer(length);
        Span<float> values = buffer;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextSingle() * 2f) - 1f;
        }

        return buffer;
    }
}
