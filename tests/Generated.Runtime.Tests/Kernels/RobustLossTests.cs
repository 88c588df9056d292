using System;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>Mean absolute error and Huber loss against their definitions (PyTorch's L1Loss and HuberLoss, mean reduction).</summary>
public sealed class RobustLossTests
{
    private static readonly float[] Outputs = [1f, -2f, 0.5f, 3f];
    private static readonly float[] Targets = [0f, -1.75f, 2f, 3f];

    [Fact]
    public void Mean_absolute_error_value_and_gradient()
    {
        var gradient = new float[4];
        Assert.Equal((1 + 0.25 + 1.5 + 0) / 4, Losses.MeanAbsoluteError(Outputs, Targets, gradient), 6);
        // sign(d)/n, with the gradient of an exact hit 0 (PyTorch's sign(0)).
        Assert.Equal([0.25f, -0.25f, -0.25f, 0f], gradient);
    }

    [Fact]
    public void Huber_is_quadratic_inside_delta_and_linear_outside()
    {
        const float delta = 1f;
        var gradient = new float[4];
        // d = 1 (edge: 0.5), -0.25 (0.03125), -1.5 (1·(1.5 − 0.5) = 1), 0.
        Assert.Equal((0.5 + 0.03125 + 1.0 + 0) / 4, Losses.Huber(Outputs, Targets, gradient, delta), 6);
        Assert.Equal([0.25f, -0.0625f, -0.25f, 0f], gradient);
        float[] y = [0.3f, -2.2f, 1.7f, 4f];
        var g = new float[4];
        Losses.Huber(y, Targets, g, 0.7f);
        LossTests.CheckGradient(y, g, v => Losses.Huber(v, Targets, Span<float>.Empty, 0.7f), step: 1e-3f);
    }

    [Fact]
    public void Huber_with_a_large_delta_is_half_the_squared_error()
    {
        Assert.Equal(Losses.MeanSquaredError(Outputs, Targets, Span<float>.Empty) / 2, Losses.Huber(Outputs, Targets, Span<float>.Empty, 100f), 6);
    }
}
