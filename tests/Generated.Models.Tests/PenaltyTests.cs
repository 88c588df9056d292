using System;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Dense weight penalties: <see cref="PenaltyModel"/> and <see cref="PlainModel"/> share architecture and seed, so they
/// start with the same weights and differ exactly by the penalty: loss + l1·Σ|W| + l2·ΣW², gradient + l1·sign(W) + 2·l2·W,
/// on weights only.
/// </summary>
public sealed class PenaltyTests
{
    // Effective strengths per dense layer of PenaltyModel: (L1, L2). Output: ElasticNet 0.04 with L1Ratio 0.25, plus L2 0.01.
    private static readonly (double L1, double L2)[] Strengths = [(0.03, 0), (0, 0.05), (0.04 * 0.25, 0.01 + (0.04 * 0.75))];

    [Fact]
    public void Reported_loss_includes_the_penalty_of_every_layer()
    {
        using var penalized = new PenaltyModel();
        using var plain = new PlainModel();
        float[] x = GradientCheck.RandomInputs(8 * 5, 40);
        int[] y = GradientCheck.RandomLabels(8, 3, 41);
        Assert.Equal(plain.Parameters[0].Span.ToArray(), penalized.Parameters[0].Span.ToArray());

        double expected = plain.ComputeLoss(x, y) + Penalty(penalized);
        Assert.Equal(expected, penalized.ComputeLoss(x, y), 5);
        Assert.Equal(expected, penalized.ComputeGradients(x, y), 5);
        Assert.Equal(expected, penalized.TrainStep(x, y), 5);
    }

    [Fact]
    public void Weight_gradients_gain_the_penalty_derivative_and_biases_nothing()
    {
        using var penalized = new PenaltyModel();
        using var plain = new PlainModel();
        float[] x = GradientCheck.RandomInputs(8 * 5, 42);
        int[] y = GradientCheck.RandomLabels(8, 3, 43);
        plain.ComputeGradients(x, y);
        penalized.ComputeGradients(x, y);

        for (int layer = 0; layer < 3; layer++)
        {
            (double l1, double l2) = Strengths[layer];
            float[] w = penalized.Parameters[2 * layer].Span.ToArray();
            float[] gradient = penalized.Gradients[2 * layer].Span.ToArray();
            float[] plainGradient = plain.Gradients[2 * layer].Span.ToArray();
            for (int i = 0; i < w.Length; i++)
            {
                double expected = plainGradient[i] + (l1 * Math.Sign(w[i])) + (2 * l2 * w[i]);
                Assert.Equal(expected, gradient[i], 6);
            }

            Assert.Equal(plain.Gradients[(2 * layer) + 1].Span.ToArray(), penalized.Gradients[(2 * layer) + 1].Span.ToArray());
        }
    }

    [Fact]
    public void L1_leaves_a_weight_at_exactly_zero_unpushed()
    {
        using var penalized = new PenaltyModel();
        using var plain = new PlainModel();
        penalized.Parameters[0].Span[3] = 0f;
        plain.Parameters[0].Span[3] = 0f;
        float[] x = GradientCheck.RandomInputs(8 * 5, 44);
        int[] y = GradientCheck.RandomLabels(8, 3, 45);
        plain.ComputeGradients(x, y);
        penalized.ComputeGradients(x, y);

        Assert.Equal(plain.Gradients[0].Span[3], penalized.Gradients[0].Span[3]);
    }

    private static double Penalty(PenaltyModel model)
    {
        double total = 0;
        for (int layer = 0; layer < 3; layer++)
        {
            (double l1, double l2) = Strengths[layer];
            foreach (float w in model.Parameters[2 * layer].Span)
            {
                total += (l1 * Math.Abs(w)) + (l2 * w * w);
            }
        }

        return total;
    }
}
