using System;
using Generated;
using Generated.Training;
using Xunit;

namespace Generated.Runtime.Tests.Training;

/// <summary>
/// Accuracy follows what the loss says the outputs are: a categorical model (one-hot or soft float targets) is right
/// where its largest output sits at the target's largest value; the robust regression losses report no accuracy.
/// </summary>
public class LossAccuracyTests
{
    // Three samples of three class scores; targets: one-hot, soft, one-hot. Predictions: class 1 (right), class 2
    // (the soft target's largest is class 0: wrong), class 0 (right).
    private static readonly float[] Scores = [0.1f, 0.8f, 0.1f, 0.2f, 0.3f, 0.5f, 0.6f, 0.3f, 0.1f];
    private static readonly float[] CategoricalTargets = [0f, 1f, 0f, 0.5f, 0.2f, 0.3f, 1f, 0f, 0f];

    [Fact]
    public void Categorical_targets_are_scored_by_argmax_against_argmax()
    {
        (_, double? accuracy) = Evaluate(Loss.CategoricalCrossEntropy, CategoricalTargets);
        Assert.Equal(2.0 / 3, accuracy);
    }

    [Theory]
    [InlineData(Loss.MeanAbsoluteError)]
    [InlineData(Loss.Huber)]
    [InlineData(Loss.MeanSquaredError)]
    public void Regression_losses_have_no_accuracy(Loss loss)
    {
        (_, double? accuracy) = Evaluate(loss, CategoricalTargets);
        Assert.Null(accuracy);
    }

    [Fact]
    public void Argmax_matches_take_the_first_maximum_on_both_sides()
    {
        Assert.Equal(1, Metrics.ArgMaxMatches([0.5f, 0.5f], [1f, 1f], 2));
        Assert.Throws<ArgumentException>(() => Metrics.ArgMaxMatches([0.5f, 0.5f], [1f], 2));
    }

    private static (double Loss, double? Accuracy) Evaluate(Loss loss, float[] targets)
    {
        using var model = new PassThroughModel(loss, size: 3, maxBatch: 2);
        return new Trainer<float>(new TrainerOptions { Output = null }).Evaluate(model, new Dataset<float>(Scores, targets, sampleSize: 3, targetSize: 3));
    }
}
