using System;
using Generated.Training;
using Xunit;

namespace Generated.Runtime.Tests.Training;

public class MetricsTests
{
    [Fact]
    public void ArgMaxCorrect_counts_rows_whose_largest_score_is_the_label()
    {
        float[] outputs =
        [
            0.1f, 0.7f, 0.2f, // 1
            2.0f, -1f, 0.5f,  // 0
            0.0f, 0.0f, 3.0f, // 2
        ];
        Assert.Equal(2, Metrics.ArgMaxCorrect(outputs, [1, 0, 0], classes: 3));
        Assert.Equal(3, Metrics.ArgMaxCorrect(outputs, [1, 0, 2], classes: 3));
    }

    [Fact]
    public void ArgMaxCorrect_breaks_ties_towards_the_first_class()
    {
        Assert.Equal(1, Metrics.ArgMaxCorrect([0.5f, 0.5f], [0], classes: 2));
        Assert.Equal(0, Metrics.ArgMaxCorrect([0.5f, 0.5f], [1], classes: 2));
    }

    [Fact]
    public void ArgMaxCorrect_rejects_mismatched_lengths()
    {
        Assert.Throws<ArgumentException>(() => Metrics.ArgMaxCorrect(new float[5], new int[2], classes: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.ArgMaxCorrect([], [], classes: 0));
    }

    [Fact]
    public void BinaryCorrect_thresholds_probabilities_at_one_half()
    {
        Assert.Equal(3, Metrics.BinaryCorrect([0.9f, 0.1f, 0.5f, 0.49f], [1f, 0f, 1f, 1f]));
        Assert.Throws<ArgumentException>(() => Metrics.BinaryCorrect(new float[2], new float[3]));
    }

    [Fact]
    public void BinaryCorrect_thresholds_logits_at_zero_when_asked()
    {
        Assert.Equal(4, Metrics.BinaryCorrect([2.5f, -0.1f, 0f, -3f], [1f, 0f, 1f, 0f], threshold: 0f));
    }
}
