using System;
using Generated.Training;
using Xunit;

namespace Generated.Runtime.Tests.Training;

/// <summary>Targets the model cannot produce are refused before the first step, naming the sample, with the model untouched.</summary>
public sealed class TargetCheckTests
{
    private static readonly TrainerOptions Options = new() { Epochs = 1, BatchSize = 4, Progress = ProgressMode.None };

    [Fact]
    public void A_label_without_an_output_unit_names_its_sample()
    {
        using var model = new SoftmaxRegression(inputSize: 2, classes: 3);
        float[] probe = [0.5f, -1.5f];
        float[] before = new float[3];
        model.Forward(probe, before);
        var data = new Dataset<int>([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [0, 1, 2, 1, 3, 0], 2, 1);

        var error = Assert.Throws<ArgumentException>(() => new Trainer<int>(Options).Fit(model, data));

        Assert.Equal("train", error.ParamName);
        Assert.Contains("Sample 4 has label 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 output units", error.Message, StringComparison.Ordinal);
        float[] after = new float[3];
        model.Forward(probe, after);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Negative_labels_are_refused_in_validation_and_evaluation_too()
    {
        using var model = new SoftmaxRegression(inputSize: 2, classes: 3);
        var good = new Dataset<int>(new float[4 * 2], [0, 1, 2, 1], 2, 1);
        var bad = new Dataset<int>(new float[2 * 2], [0, -1], 2, 1);

        var validation = Assert.Throws<ArgumentException>(() => new Trainer<int>(Options).Fit(model, good, bad));
        var evaluation = Assert.Throws<ArgumentException>(() => new Trainer<int>(Options).Evaluate(model, bad));

        Assert.Equal("validation", validation.ParamName);
        Assert.Equal("data", evaluation.ParamName);
        Assert.Contains("Sample 1 has label -1", evaluation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2f, "Sample 2 has target 2")]
    [InlineData(-0.5f, "Sample 2 has target -0.5")]
    [InlineData(float.NaN, "Sample 2 has a non-finite target")]
    public void Binary_cross_entropy_targets_must_be_finite_probabilities(float target, string expected)
    {
        using var model = new LogisticRegression(inputSize: 2);
        var data = new Dataset<float>(new float[4 * 2], [0, 1, target, 0.25f], 2, 1);

        var error = Assert.Throws<ArgumentException>(() => new Trainer<float>(Options).Fit(model, data));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
