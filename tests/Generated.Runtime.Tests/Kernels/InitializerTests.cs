using System;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>The orthogonal initialiser's defining property in every shape, its gain and its determinism, and max-norm.</summary>
public sealed class InitializerTests
{
    [Theory]
    [InlineData(30, 80)] // rows <= columns: orthonormal rows
    [InlineData(64, 64)] // square: orthogonal
    [InlineData(90, 25)] // rows > columns: orthonormal columns
    public void Orthogonal_weights_have_orthonormal_rows_or_columns(int rows, int columns)
    {
        var w = new float[rows * columns];
        var rng = new Rng(5, 1);
        Initializers.Fill(w, Init.Orthogonal, columns, rows, ref rng, parameter: 1.5f);

        // W·Wᵀ = gain²·I over the shorter side.
        bool byRows = rows <= columns;
        int k = Math.Min(rows, columns), n = Math.Max(rows, columns);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double dot = 0;
                for (int m = 0; m < n; m++)
                {
                    dot += byRows ? (double)w[(i * columns) + m] * w[(j * columns) + m] : (double)w[(m * columns) + i] * w[(m * columns) + j];
                }

                Assert.Equal(i == j ? 2.25 : 0, dot, 1e-5);
            }
        }
    }

    [Fact]
    public void Orthogonal_weights_depend_on_the_seed_only()
    {
        float[] a = Draw(7), b = Draw(7), c = Draw(8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Max_norm_scales_long_rows_back_and_leaves_short_ones()
    {
        float[] w = [3f, 4f, 0.3f, 0.4f, 0f, 0f];
        Constraints.MaxNorm(w, rows: 3, maxNorm: 2f);
        Assert.Equal([1.2f, 1.6f, 0.3f, 0.4f, 0f, 0f], w);
    }

    private static float[] Draw(long seed)
    {
        var w = new float[12 * 20];
        var rng = new Rng(seed, 3);
        Initializers.Fill(w, Init.Orthogonal, 20, 12, ref rng, parameter: 1f);
        return w;
    }
}
