using System;
using System.Linq;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// The new losses and loss options through generated code against finite differences: MAE, Huber on both sides of
/// delta, categorical cross-entropy with one-hot and soft targets (fused with a dense or stand-alone softmax, and
/// unfused), sparse categorical cross-entropy, class weights and the positive-target weight.
/// </summary>
public sealed class LossGradientTests
{
    private const int Batch = 6;

    [Fact]
    public void Mean_absolute_error()
    {
        using var model = new MaeModel();
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 4, 70), GradientCheck.RandomInputs(Batch * 2, 71));
    }

    [Fact]
    public void Huber_in_the_quadratic_and_the_linear_zone()
    {
        using var model = new HuberModel();
        float[] x = GradientCheck.RandomInputs(Batch * 4, 72);
        float[] t = GradientCheck.RandomInputs(Batch * 2, 73, 1.5f);
        var y = new float[Batch * 2];
        model.Forward(x, y);
        // Delta is 0.5: the check must see errors on both sides of it.
        Assert.Contains(y.Zip(t), p => Math.Abs(p.First - p.Second) < 0.5);
        Assert.Contains(y.Zip(t), p => Math.Abs(p.First - p.Second) > 0.5);
        GradientCheck.Verify(model, x, t);
    }

    [Theory]
    [InlineData(typeof(CategoricalModel), false)]
    [InlineData(typeof(CategoricalModel), true)]
    [InlineData(typeof(WeightedCategoricalModel), false)]
    [InlineData(typeof(WeightedCategoricalModel), true)]
    [InlineData(typeof(UnfusedCategoricalModel), true)]
    public void Categorical_cross_entropy(Type modelType, bool softTargets)
    {
        using var model = (ISupervisedModel<float>)Activator.CreateInstance(modelType)!;
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 5, 74), Targets(softTargets, 75));
    }

    [Theory]
    [InlineData(typeof(SparseModel))]
    [InlineData(typeof(WeightedSparseModel))]
    [InlineData(typeof(UnfusedSparseModel))]
    [InlineData(typeof(WeightedSoftmaxModel))]
    public void Cross_entropy_against_labels(Type modelType)
    {
        using var model = (ISupervisedModel<int>)Activator.CreateInstance(modelType)!;
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 5, 76), GradientCheck.RandomLabels(Batch, 3, 77));
    }

    [Theory]
    [InlineData(typeof(PositiveWeightedBinaryModel))]
    [InlineData(typeof(PositiveWeightedLogitModel))]
    public void Binary_losses_with_a_positive_weight(Type modelType)
    {
        using var model = (ISupervisedModel<float>)Activator.CreateInstance(modelType)!;
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 4, 78, 2f), [1f, 0f, 1f, 1f, 0f, 0f]);
    }

    /// <summary>Rows of 4 class probabilities: one-hot, or positive values normalised to sum to 1.</summary>
    internal static float[] Targets(bool soft, long seed, int rows = Batch)
    {
        int[] labels = GradientCheck.RandomLabels(rows, 4, seed);
        float[] noise = GradientCheck.RandomInputs(rows * 4, seed + 1);
        var targets = new float[rows * 4];
        for (int row = 0; row < rows; row++)
        {
            Span<float> t = targets.AsSpan(row * 4, 4);
            if (!soft)
            {
                t[labels[row]] = 1f;
                continue;
            }

            for (int c = 0; c < 4; c++)
            {
                t[c] = MathF.Exp(noise[(row * 4) + c]);
            }

            float sum = t[0] + t[1] + t[2] + t[3];
            for (int c = 0; c < 4; c++)
            {
                t[c] /= sum;
            }
        }

        return targets;
    }
}
