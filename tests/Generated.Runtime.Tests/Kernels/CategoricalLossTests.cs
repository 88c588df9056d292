using System;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Categorical and sparse categorical cross-entropy on probabilities, class weights (PyTorch's weighted mean) and the
/// binary losses' positive weight, against values computed by hand in double and against central differences.
/// </summary>
public sealed class CategoricalLossTests
{
    // Two rows of three class probabilities (each row a softmax of some logits).
    private static readonly float[] Logits = [1f, 2f, 0.5f, -1f, 3f, 0f];
    private static readonly float[] Probabilities = Softmax(Logits, 3);

    [Fact]
    public void Categorical_value_with_soft_targets()
    {
        float[] t = [0.2f, 0.7f, 0.1f, 0f, 0.5f, 0.5f];
        double expected = 0;
        for (int i = 0; i < 6; i++)
        {
            expected -= t[i] * Math.Log(Probabilities[i]);
        }

        Assert.Equal(expected / 2, Losses.CategoricalCrossEntropy(Probabilities, t, Span<float>.Empty, 2, 3, gradientIsForLogits: false), 5);
    }

    [Fact]
    public void Fused_categorical_gradient_is_the_logit_gradient_of_softmax_then_loss()
    {
        // p·Σt − t per row, exact for targets that do not sum to 1 too: compare with differences taken through the softmax.
        float[] t = [0.2f, 0.7f, 0.3f, 1f, 0f, 0f];
        float[] weights = [1f, 2.5f, 0.5f];
        var gradient = new float[6];
        Losses.CategoricalCrossEntropy(Probabilities, t, gradient, 2, 3, gradientIsForLogits: true, weights);
        LossTests.CheckGradient((float[])Logits.Clone(), gradient,
            z => Losses.CategoricalCrossEntropy(Softmax(z, 3), t, Span<float>.Empty, 2, 3, gradientIsForLogits: true, weights));
    }

    [Fact]
    public void Unfused_categorical_gradient_is_with_respect_to_the_probabilities()
    {
        float[] t = [0.2f, 0.7f, 0.1f, 0f, 1f, 0f];
        float[] p = (float[])Probabilities.Clone();
        var gradient = new float[6];
        Losses.CategoricalCrossEntropy(p, t, gradient, 2, 3, gradientIsForLogits: false, [2f, 1f, 0.5f]);
        LossTests.CheckGradient(p, gradient, v => Losses.CategoricalCrossEntropy(v, t, Span<float>.Empty, 2, 3, false, [2f, 1f, 0.5f]), step: 1e-3f);
    }

    [Fact]
    public void Class_weights_give_the_weighted_mean_over_the_batch_classes()
    {
        // PyTorch: Σ w_y·(−log p_y) / Σ w_y.
        float[] weights = [1f, 3f, 0.5f];
        int[] labels = [1, 2];
        double expected = ((3 * -Math.Log(Probabilities[1])) + (0.5 * -Math.Log(Probabilities[5]))) / 3.5;
        Assert.Equal(expected, Losses.SparseCategoricalCrossEntropy(Probabilities, labels, Span<float>.Empty, 2, 3, false, weights), 5);
        Assert.Equal(expected, Losses.SoftmaxCrossEntropy(Logits, labels, Span<float>.Empty, 2, 3, weights), 5);

        // One-hot categorical targets are the same loss.
        float[] oneHot = [0f, 1f, 0f, 0f, 0f, 1f];
        Assert.Equal(expected, Losses.CategoricalCrossEntropy(Probabilities, oneHot, Span<float>.Empty, 2, 3, false, weights), 5);
    }

    [Fact]
    public void Sparse_and_softmax_cross_entropy_gradients_agree_and_match_differences()
    {
        float[] weights = [2f, 0.5f, 1f];
        int[] labels = [0, 1];
        var sparse = new float[6];
        var softmax = new float[6];
        Losses.SparseCategoricalCrossEntropy(Probabilities, labels, sparse, 2, 3, gradientIsForLogits: true, weights);
        Losses.SoftmaxCrossEntropy(Logits, labels, softmax, 2, 3, weights);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(softmax[i], sparse[i], 6);
        }

        LossTests.CheckGradient((float[])Logits.Clone(), softmax, z => Losses.SoftmaxCrossEntropy(z, labels, Span<float>.Empty, 2, 3, weights));

        var unfused = new float[6];
        float[] p = (float[])Probabilities.Clone();
        Losses.SparseCategoricalCrossEntropy(p, labels, unfused, 2, 3, gradientIsForLogits: false, weights);
        LossTests.CheckGradient(p, unfused, v => Losses.SparseCategoricalCrossEntropy(v, labels, Span<float>.Empty, 2, 3, false, weights), step: 1e-3f);
    }

    [Fact]
    public void A_batch_whose_classes_all_weigh_zero_has_zero_loss_and_gradient()
    {
        // PyTorch divides 0 by 0 here; nothing in such a batch says which way to move, so report 0 and leave the weights alone.
        var gradient = new float[6];
        Assert.Equal(0f, Losses.SoftmaxCrossEntropy(Logits, [1, 1], gradient, 2, 3, [1f, 0f, 1f]));
        Assert.All(gradient, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Probabilities_of_zero_cost_the_clamped_100_like_binary_cross_entropy()
    {
        Assert.Equal(100f, Losses.SparseCategoricalCrossEntropy([0f, 1f], [0], Span<float>.Empty, 1, 2, false));
        Assert.Equal(100f, Losses.CategoricalCrossEntropy([0f, 1f], [1f, 0f], Span<float>.Empty, 1, 2, false));
    }

    [Fact]
    public void Positive_weight_scales_the_loss_of_positive_targets()
    {
        float[] z = [-2f, 0.5f, 1.5f, -0.3f];
        float[] t = [1f, 0f, 1f, 0.4f];
        const float w = 3f;
        double expected = 0;
        for (int i = 0; i < 4; i++)
        {
            double p = 1 / (1 + Math.Exp(-z[i]));
            expected -= ((w * t[i] * Math.Log(p)) + ((1 - t[i]) * Math.Log(1 - p))) / 4;
        }

        var logitGradient = new float[4];
        Assert.Equal(expected, Losses.BinaryCrossEntropyWithLogits(z, t, logitGradient, w), 5);
        LossTests.CheckGradient(z, logitGradient, v => Losses.BinaryCrossEntropyWithLogits(v, t, Span<float>.Empty, w));

        float[] probabilities = Array.ConvertAll(z, v => (float)(1 / (1 + Math.Exp(-v))));
        var probabilityGradient = new float[4];
        Assert.Equal(expected, Losses.BinaryCrossEntropy(probabilities, t, Span<float>.Empty, gradientIsForLogits: false, w), 5);
        Losses.BinaryCrossEntropy(probabilities, t, probabilityGradient, gradientIsForLogits: false, w);
        LossTests.CheckGradient(probabilities, probabilityGradient, v => Losses.BinaryCrossEntropy(v, t, Span<float>.Empty, false, w), step: 1e-3f);

        // Fused with a sigmoid, the probability form writes the logit gradient, which must equal the logits loss's.
        var fused = new float[4];
        Losses.BinaryCrossEntropy(probabilities, t, fused, gradientIsForLogits: true, w);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(logitGradient[i], fused[i], 6);
        }
    }

    private static float[] Softmax(float[] logits, int classes)
    {
        var p = new float[logits.Length];
        for (int start = 0; start < logits.Length; start += classes)
        {
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += Math.Exp(logits[start + c]);
            }

            for (int c = 0; c < classes; c++)
            {
                p[start + c] = (float)(Math.Exp(logits[start + c]) / sum);
            }
        }

        return p;
    }
}
