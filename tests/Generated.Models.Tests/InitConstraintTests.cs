using System;
using System.Linq;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Uniform, Normal and Orthogonal through generated code, with declared and default scales; the Init.Auto defaults
/// for SELU (LeCun normal) and GELU (He uniform); the max-norm constraint after optimizer steps.
/// </summary>
public sealed class InitConstraintTests
{
    [Fact]
    public void Uniform_draws_within_its_declared_limit()
    {
        using var model = new ScaledInitModel();
        float[] w = model.Uniform.Parameters[0].Span.ToArray();
        Assert.All(w, value => Assert.InRange(Math.Abs(value), 0, 0.2));
        Assert.Contains(w, value => Math.Abs(value) > 0.19);
        InitializationTests.AssertStandardDeviation(w, 0.2 / Math.Sqrt(3));
    }

    [Fact]
    public void Normal_defaults_to_a_standard_deviation_of_five_hundredths()
    {
        using var model = new ScaledInitModel();
        float[] w = model.Normal.Parameters[0].Span.ToArray();
        InitializationTests.AssertStandardDeviation(w, 0.05);
        Assert.Contains(w, value => Math.Abs(value) > 3 * 0.05);
    }

    [Fact]
    public void Orthogonal_rows_when_units_are_fewer_than_inputs_and_columns_otherwise()
    {
        using var model = new ScaledInitModel();
        AssertGram(model.Wide.Parameters[0].Span.ToArray(), rows: 50, columns: 150, byRows: true, gain: 1);
        AssertGram(model.Tall.Parameters[0].Span.ToArray(), rows: 120, columns: 50, byRows: false, gain: 2);
    }

    [Fact]
    public void Auto_picks_lecun_normal_for_selu_and_he_uniform_for_gelu()
    {
        using var model = new ScaledInitModel();
        float[] selu = model.Selu.Parameters[0].Span.ToArray(); // 120 -> 120
        InitializationTests.AssertStandardDeviation(selu, Math.Sqrt(1.0 / 120));
        Assert.Contains(selu, value => Math.Abs(value) > Math.Sqrt(3.0 / 120)); // a normal's tails, beyond any LeCun-uniform bound

        float[] gelu = model.Gelu.Parameters[0].Span.ToArray(); // 120 -> 100
        double limit = Math.Sqrt(6.0 / 120);
        Assert.All(gelu, value => Assert.InRange(Math.Abs(value), 0, limit));
        InitializationTests.AssertStandardDeviation(gelu, limit / Math.Sqrt(3));
    }

    [Fact]
    public void Max_norm_rescales_each_unit_after_the_step_and_nothing_else()
    {
        using var constrained = new MaxNormModel();
        using var plain = new UnconstrainedModel();
        float[] x = GradientCheck.RandomInputs(8 * 5, 90);
        int[] y = GradientCheck.RandomLabels(8, 3, 91);
        Assert.Equal(plain.Parameters[0].Span.ToArray(), constrained.Parameters[0].Span.ToArray());

        // The constraint is not part of the loss: the same loss and gradients, then the update, then the rescaling.
        Assert.Equal(plain.TrainStep(x, y), constrained.TrainStep(x, y));
        float[] expected = plain.Hidden.Parameters[0].Span.ToArray();
        float[] actual = constrained.Hidden.Parameters[0].Span.ToArray();
        int scaled = 0;
        for (int unit = 0; unit < 16; unit++)
        {
            double norm = Math.Sqrt(expected.Skip(unit * 5).Take(5).Sum(v => (double)v * v));
            double factor = norm > 1.4 ? 1.4 / norm : 1;
            scaled += norm > 1.4 ? 1 : 0;
            for (int i = unit * 5; i < (unit + 1) * 5; i++)
            {
                Assert.Equal(expected[i] * factor, actual[i], 1e-6);
            }
        }

        Assert.InRange(scaled, 1, 15); // both cases occur
        Assert.Equal(plain.Hidden.Parameters[1].Span.ToArray(), constrained.Hidden.Parameters[1].Span.ToArray()); // bias free
        Assert.Equal(plain.Output.Parameters[0].Span.ToArray(), constrained.Output.Parameters[0].Span.ToArray());

        for (int step = 0; step < 20; step++)
        {
            constrained.TrainStep(x, y);
        }

        float[] trained = constrained.Hidden.Parameters[0].Span.ToArray();
        for (int unit = 0; unit < 16; unit++)
        {
            Assert.InRange(Math.Sqrt(trained.Skip(unit * 5).Take(5).Sum(v => (double)v * v)), 0, 1.4 * (1 + 1e-6));
        }
    }

    private static void AssertGram(float[] w, int rows, int columns, bool byRows, double gain)
    {
        int k = byRows ? rows : columns, n = byRows ? columns : rows;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double dot = 0;
                for (int m = 0; m < n; m++)
                {
                    dot += byRows ? (double)w[(i * columns) + m] * w[(j * columns) + m] : (double)w[(m * columns) + i] * w[(m * columns) + j];
                }

                Assert.Equal(i == j ? gain * gain : 0, dot, 1e-5);
            }
        }
    }
}
