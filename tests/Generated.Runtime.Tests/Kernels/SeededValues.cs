namespace Generated.Runtime.Tests.Kernels;

/// <summary>Operands for the kernel tests: uniform in [-1, 1) from the project's own seeded generator, the same on every machine.</summary>
internal static class SeededValues
{
    public static float[] Uniform(int count, long seed)
    {
        var rng = new Rng(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return values;
    }
}
