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

    private static float[] Draw<TModel>(int seed)
        where TModel : IModel
    {
        using var model = (IModel)Activator.CreateInstance(typeof(TModel), new ModelOptions { Seed = seed })!;
        return model.Parameters[0].Span.ToArray();
    }

    private static void AssertStandardDeviation(float[] values, double expected)
    {
        double mean = values.Average(v => (double)v);
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        Assert.InRange(Math.Abs(mean), 0, 4 * expected / Math.Sqrt(values.Length));
        Assert.InRange(sd / expected, 0.93, 1.07);
    }
}
