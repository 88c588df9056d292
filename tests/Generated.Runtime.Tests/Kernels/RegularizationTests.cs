using System;
using System.Linq;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>Weight penalties: value and gradient over the vector body and the scalar tail, sign(0) = 0.</summary>
public sealed class RegularizationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(64)]
    public void Penalty_and_gradient_match_the_formula(int length)
    {
        var rng = new Rng(length);
        float[] w = Enumerable.Range(0, length).Select(i => i % 5 == 0 ? 0f : (float)rng.NextGaussian()).ToArray();
        float[] start = Enumerable.Range(0, length).Select(_ => (float)rng.NextGaussian()).ToArray();
        var gradient = (float[])start.Clone();
        const float l1 = 0.03f, l2 = 0.2f;

        float penalty = Regularization.AddGradient(w, gradient, l1, l2);

        double expected = w.Sum(v => (l1 * Math.Abs((double)v)) + (l2 * (double)v * v));
        Assert.Equal(expected, penalty, 5);
        Assert.Equal(penalty, Regularization.Penalty(w, l1, l2));
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(start[i] + (l1 * Math.Sign(w[i])) + (2 * l2 * w[i]), gradient[i], 5);
        }
    }

    [Fact]
    public void Zero_strengths_change_nothing()
    {
        float[] w = [1f, -2f, 3f];
        float[] gradient = [0.5f, 0.25f, -1f];
        Assert.Equal(0f, Regularization.AddGradient(w, gradient, 0f, 0f));
        Assert.Equal([0.5f, 0.25f, -1f], gradient);
    }
}
