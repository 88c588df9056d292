using System;
using System.Linq;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>Initialisers draw from the documented distributions; biases start at zero.</summary>
public sealed class InitializationTests
{
    [Fact]
    public void He_uniform_is_the_default_for_relu()
    {
        using var model = new WideModel(); // Hidden1: 300 -> 96, ReLU, Init.Auto
        float[] w = model.Parameters[0].Span.ToArray();
        double limit = Math.Sqrt(6.0 / 300);
        Assert.All(w, value => Assert.InRange(Math.Abs(value), 0, limit));
        AssertStandardDeviation(w, limit / Math.Sqrt(3)); // U(-a, a) has sd a/sqrt(3)
        Assert.All(model.Parameters[1].Span.ToArray(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void Xavier_uniform_is_the_default_for_tanh()
    {
        using var model = new WideModel(); // Hidden2: 96 -> 40, Tanh
        float[] w = model.Parameters[2].Span.ToArray();
        double limit = Math.Sqrt(6.0 / (96 + 40));
        Assert.All(w, value => Assert.InRange(Math.Abs(value), 0, limit));
        AssertStandardDeviation(w, limit / Math.Sqrt(3));
    }

    [Fact]
    public void Explicit_normal_initialisers_have_the_right_spread()
    {
        using var sigmoid = new SigmoidModel(); // XavierNormal 5 -> 6
        using var regression = new RegressionModel(); // HeNormal 3 -> 6
        // Small tensors: pool many seeds to estimate the spread.
        var xavier = Enumerable.Range(0, 200).SelectMany(seed => Draw<SigmoidModel>(seed)).ToArray();
        var he = Enumerable.Range(0, 200).SelectMany(seed => Draw<RegressionModel>(seed)).ToArray();
        AssertStandardDeviation(xavier, Math.Sqrt(2.0 / (5 + 6)));
        AssertStandardDeviation(he, Math.Sqrt(2.0 / 3));
        Assert.Contains(xavier, value => Math.Abs(value) > 2 * Math.Sqrt(2.0 / 11)); // unbounded tails
    }

    [Fact]
    public void LeCun_uniform_is_bounded_by_sqrt_three_over_fan_in()
    {
        using var model = new InitializerModel(); // 200 -> 100
        float[] w = model.LeCunUniform.Parameters[0].Span.ToArray();
        double limit = Math.Sqrt(3.0 / 200);
        Assert.All(w, value => Assert.InRange(Math.Abs(value), 0, limit));
        Assert.Contains(w, value => Math.Abs(value) > 0.95 * limit); // the bound is reached, not a narrower one
        AssertStandardDeviation(w, Math.Sqrt(1.0 / 200));
    }

    [Fact]
    public void LeCun_normal_has_variance_one_over_fan_in()
    {
        using var model = new InitializerModel(); // 100 -> 150
        float[] w = model.LeCunNormal.Parameters[0].Span.ToArray();
        AssertStandardDeviation(w, Math.Sqrt(1.0 / 100));
        Assert.Contains(w, value => Math.Abs(value) > 3 * Math.Sqrt(1.0 / 100)); // unbounded tails
    }

    [Fact]
    public void Constant_initialisers_fill_exactly_and_leave_biases_at_zero()
    {
        using var model = new InitializerModel();
        Assert.All(model.Zeros.Parameters[0].Span.ToArray(), value => Assert.Equal(0f, value));
        Assert.All(model.Ones.Parameters[0].Span.ToArray(), value => Assert.Equal(1f, value));
        Assert.All(model.Constant.Parameters[0].Span.ToArray(), value => Assert.Equal(-0.375f, value));
        Assert.Equal(4 * 6, model.Constant.Parameters[0].Length);
        foreach (Layer layer in model.Layers)
        {
            Assert.All(layer.Parameters[1].Span.ToArray(), b => Assert.Equal(0f, b));
        }

        // Constants ignore the seed; the random kinds do not.
        using var other = new InitializerModel(new ModelOptions { Seed = 5 });
        Assert.Equal(model.Ones.Parameters[0].Span.ToArray(), other.Ones.Parameters[0].Span.ToArray());
        Assert.NotEqual(model.LeCunNormal.Parameters[0].Span.ToArray(), other.LeCunNormal.Parameters[0].Span.ToArray());
    }

    private static float[] Draw<TModel>(int seed)
        where TModel : IModel
    {
        using var model = (IModel)Activator.CreateInstance(typeof(TModel), new ModelOptions { Seed = seed })!;
        return model.Parameters[0].Span.ToArray();
    }

    /// <summary>The sample's mean is within four standard errors of 0 and its spread within 7% of <paramref name="expected"/>.</summary>
    internal static void AssertStandardDeviation(float[] values, double expected)
    {
        double mean = values.Average(v => (double)v);
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        Assert.InRange(Math.Abs(mean), 0, 4 * expected / Math.Sqrt(values.Length));
        Assert.InRange(sd / expected, 0.93, 1.07);
    }
}
