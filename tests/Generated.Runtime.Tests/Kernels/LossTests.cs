using System;
using System.Linq;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>Loss values against closed forms and loss gradients against central differences (double reference).</summary>
public sealed class LossTests
{
    [Fact]
    public void Softmax_cross_entropy_value_and_gradient()
    {
        float[] logits = [1f, 2f, 0.5f, -1f, 3f, 0f];
        int[] labels = [1, 0];
        var gradient = new float[6];
        float loss = Losses.SoftmaxCrossEntropy(logits, labels, gradient, 2, 3);
        double expected = (-Math.Log(Math.Exp(2) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(0.5)))
            - Math.Log(Math.Exp(-1) / (Math.Exp(-1) + Math.Exp(3) + Math.Exp(0)))) / 2;
        Assert.Equal(expected, loss, 5);
        CheckGradient(logits, gradient, v => Losses.SoftmaxCrossEntropy(v, labels, Span<float>.Empty, 2, 3));
    }

    [Fact]
    public void Softmax_cross_entropy_is_stable_for_huge_logits()
    {
        float[] logits = [1000f, -1000f];
        Assert.Equal(0f, Losses.SoftmaxCrossEntropy(logits, [0], Span<float>.Empty, 1, 2));
        Assert.Equal(2000f, Losses.SoftmaxCrossEntropy(logits, [1], Span<float>.Empty, 1, 2));
    }

    [Fact]
    public void Binary_cross_entropy_of_probabilities_gradient()
    {
        float[] p = [0.2f, 0.7f, 0.9f, 0.4f];
        float[] t = [0f, 1f, 1f, 0f];
        var gradient = new float[4];
        Losses.BinaryCrossEntropy(p, t, gradient, gradientIsForLogits: false);
        CheckGradient(p, gradient, v => Losses.BinaryCrossEntropy(v, t, Span<float>.Empty, false), step: 1e-3f);
    }

    [Fact]
    public void Binary_cross_entropy_clamps_log_like_pytorch()
    {
        Assert.Equal(100f, Losses.BinaryCrossEntropy([0f], [1f], Span<float>.Empty, false));
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_value_and_gradient()
    {
        float[] z = [-2f, 0f, 1.5f, 0.3f];
        float[] t = [0f, 1f, 1f, 0f];
        var gradient = new float[4];
        float loss = Losses.BinaryCrossEntropyWithLogits(z, t, gradient);
        double expected = 0;
        for (int i = 0; i < 4; i++)
        {
            double p = 1 / (1 + Math.Exp(-z[i]));
            expected -= ((t[i] * Math.Log(p)) + ((1 - t[i]) * Math.Log(1 - p))) / 4;
            Assert.Equal((p - t[i]) / 4, gradient[i], 6);
        }

        Assert.Equal(expected, loss, 6);
        CheckGradient(z, gradient, v => Losses.BinaryCrossEntropyWithLogits(v, t, Span<float>.Empty));
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_is_exact_where_the_sigmoid_saturates()
    {
        // A confident mistake costs |z| (plus e^-|z|), not the clamped 100 of the probability form; nothing overflows.
        Assert.Equal(200f, Losses.BinaryCrossEntropyWithLogits([200f], [0f], Span<float>.Empty));
        Assert.Equal(1000f, Losses.BinaryCrossEntropyWithLogits([-1000f], [1f], Span<float>.Empty));
        Assert.Equal(Math.Log(1 + Math.Exp(-20)), Losses.BinaryCrossEntropyWithLogits([20f], [1f], Span<float>.Empty), 12);

        var gradient = new float[2];
        Losses.BinaryCrossEntropyWithLogits([-1000f, 1000f], [1f, 1f], gradient);
        Assert.Equal([-0.5f, 0f], gradient);
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_matches_the_probability_form_where_both_are_accurate()
    {
        float[] z = [-3f, -0.5f, 0.25f, 2f, 4f];
        float[] t = [1f, 0f, 1f, 0.3f, 1f];
        float[] p = z.Select(v => (float)(1 / (1 + Math.Exp(-v)))).ToArray();
        Assert.Equal(
            Losses.BinaryCrossEntropy(p, t, Span<float>.Empty, gradientIsForLogits: true),
            Losses.BinaryCrossEntropyWithLogits(z, t, Span<float>.Empty),
            5);
    }

    [Fact]
    public void Mean_squared_error_value_and_gradient()
    {
        float[] y = [1f, -2f, 0.5f];
        float[] t = [0f, -1f, 2f];
        var gradient = new float[3];
        Assert.Equal((1 + 1 + 2.25) / 3, Losses.MeanSquaredError(y, t, gradient), 5);
        CheckGradient(y, gradient, v => Losses.MeanSquaredError(v, t, Span<float>.Empty));
    }

    [Fact]
    public void Out_of_range_label_names_the_sample()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Losses.SoftmaxCrossEntropy(new float[6], [0, 5], Span<float>.Empty, 2, 3));
        Assert.Contains("sample 1", error.Message, StringComparison.Ordinal);
    }

    internal delegate float LossOf(float[] values);

    /// <summary>Central differences of <paramref name="loss"/> against <paramref name="gradient"/>, element by element.</summary>
    internal static void CheckGradient(float[] values, float[] gradient, LossOf loss, float step = 1e-2f)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float original = values[i];
            values[i] = original + step;
            double plus = loss(values);
            values[i] = original - step;
            double minus = loss(values);
            values[i] = original;
            double numeric = (plus - minus) / (2 * step);
            Assert.True(Math.Abs(numeric - gradient[i]) < 1e-3 + (1e-2 * Math.Abs(numeric)), $"[{i}] analytic {gradient[i]}, numeric {numeric}");
        }
    }
}
