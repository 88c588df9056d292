using Generated.Kernels;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>C += A·B on seeded operands, once on one worker and once on several, for tests that every split adds each element's product exactly once.</summary>
internal static class AccumulatedProducts
{
    public static (float[] One, float[] Many) OnOneAndMany(int m, int n, int k, int workers, long seed)
    {
        float[] a = SeededValues.Uniform(m * k, seed), b = SeededValues.Uniform(k * n, seed + 1), initial = SeededValues.Uniform(m * n, seed + 2);
        float[] one = (float[])initial.Clone(), many = (float[])initial.Clone();
        using (var engine = new KernelEngine(1, 0))
        {
            engine.Gemm(a, b, one, m, n, k, accumulate: true);
        }

        using (var engine = new KernelEngine(workers, 0))
        {
            engine.Gemm(a, b, many, m, n, k, accumulate: true);
        }

        return (one, many);
    }
}
