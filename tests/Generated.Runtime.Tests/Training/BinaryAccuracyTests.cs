using System;
using Generated;
using Generated.Training;
using Xunit;

namespace Generated.Runtime.Tests.Training;

/// <summary>
/// What a single float output means decides how the trainer scores it: a probability (binary cross-entropy) is class 1
/// from 0.5, a logit (binary cross-entropy with logits) from 0, and a regression value (mean squared error) has no accuracy.
/// </summary>
public class BinaryAccuracyTests
{
    // Outputs chosen so the two thresholds disagree on three of the four samples.
    private static readonly Dataset<float> Data = new([-1f, 0.3f, 0.2f, 2f], [0f, 1f, 1f, 1f], sampleSize: 1);

    [Fact]
    public void Logits_are_class_one_from_zero()
    {
        (_, double? accuracy) = Evaluate(Loss.BinaryCrossEntropyWithLogits);
        Assert.Equal(1.0, accuracy);
    }

    [Fact]
    public void Probabilities_are_class_one_from_one_half()
    {
        (_, double? accuracy) = Evaluate(Loss.BinaryCrossEntropy);
        Assert.Equal(0.5, accuracy); // -1 → 0 (right), 0.3 → 0 (wrong), 0.2 → 0 (wrong), 2 → 1 (right)
    }

    [Fact]
    public void A_single_regression_output_has_no_accuracy()
    {
        (double loss, double? accuracy) = Evaluate(Loss.MeanSquaredError);
        Assert.Null(accuracy);
        Assert.Equal(0.0, loss);
    }

    private static (double Loss, double? Accuracy) Evaluate(Loss loss)
    {
        using var model = new PassThroughModel(loss, size: 1, maxBatch: 4);
        return new Trainer<float>(new TrainerOptions { Output = null }).Evaluate(model, Data);
    }
}
