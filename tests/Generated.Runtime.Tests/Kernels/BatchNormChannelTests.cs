using System;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Per-channel batch norm split over workers by channel gives exactly what the single-threaded kernel gives: the
/// outputs, running statistics, batch count and all three gradients.
/// </summary>
public sealed class BatchNormChannelTests
{
    private const int Batch = 6, Channels = 5, Positions = 1500;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Workers_split_by_channel_reproduce_the_serial_kernel(bool training)
    {
        using var engine = new KernelEngine(2, 0);
        float[] x = Random(Batch * Channels * Positions, 1, 3f), gamma = Random(Channels, 2, 1f), beta = Random(Channels, 3, 1f);
        float[] dy = Random(x.Length, 4, 1f);
        (float[] Y, float[] State, float[] Gradients) serial = Run(null, x, gamma, beta, dy, training);
        (float[] Y, float[] State, float[] Gradients) split = Run(engine, x, gamma, beta, dy, training);
        Assert.Equal(serial.Y, split.Y);
        Assert.Equal(serial.State, split.State);
        Assert.Equal(serial.Gradients, split.Gradients);
    }

    /// <summary>
    /// The fused ReLU: the forward sweep rectifies, and the backward pass masks the incoming gradient from x (it never
    /// sees the rectified output). Both must be exactly the stand-alone ReLU around the plain norm: max(BN(x), 0) forward,
    /// the gradient zeroed where that output is not positive backward. Positions of 1500 leave a scalar tail per plane.
    /// </summary>
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(2, false)]
    public void A_fused_relu_is_the_stand_alone_relu_to_the_bit(int threads, bool training)
    {
        using var engine = new KernelEngine(threads, 0);
        float[] x = Random(Batch * Channels * Positions, 5, 3f), gamma = Random(Channels, 6, 1f), beta = Random(Channels, 7, 1f);
        float[] dy = Random(x.Length, 8, 1f);
        if (!training)
        {
            // NaN stays NaN forward and passes no gradient back, either way. (In training it would turn its whole
            // channel's statistics into NaN, so it is checked with the running statistics only.)
            x[17] = float.NaN;
        }

        float[] y = new float[x.Length], mean = new float[Channels], variance = new float[Channels], count = new float[1];
        float[] statistics = new float[BatchNorm.WorkLength(Channels)], expected = (float[])dy.Clone();
        float[] dgamma = new float[Channels], dbeta = new float[Channels];
        Array.Fill(variance, 1.5f);
        engine.BatchNormForward(x, gamma, beta, y, mean, variance, count, statistics, Batch, Channels, Positions, 0.1f, 1e-5f, training);
        float[] rectified = new float[x.Length];
        engine.ActivationForward(y, rectified, Positions, Activation.ReLU, 0);
        engine.ActivationBackward(expected, ReadOnlySpan<float>.Empty, rectified, Positions, Activation.ReLU, 0);
        Assert.InRange(Array.IndexOf(expected, 0f), 0, x.Length); // the mask did zero some
        engine.BatchNormBackward(x, gamma, expected, dgamma, dbeta, statistics, Batch, Channels, Positions, training, inputGradient: true);
        float[] expectedGradients = [.. expected, .. dgamma, .. dbeta];

        float[] fusedY = new float[x.Length], fusedGradient = (float[])dy.Clone();
        Array.Fill(mean, 0f);
        Array.Fill(variance, 1.5f);
        engine.BatchNormForward(x, gamma, beta, fusedY, mean, variance, count, statistics, Batch, Channels, Positions, 0.1f, 1e-5f, training, relu: true);
        engine.BatchNormBackward(x, gamma, fusedGradient, dgamma, dbeta, statistics, Batch, Channels, Positions, training, inputGradient: true, relu: true);

        Assert.Equal(rectified, fusedY);
        float[] fusedGradients = [.. fusedGradient, .. dgamma, .. dbeta];
        Assert.Equal(expectedGradients, fusedGradients);
    }

    /// <summary>
    /// The plane sweeps run at the engine's vector width. The normalised value is a multiply then an add at every width,
    /// so the forward output and the ReLU mask are the same bits at every level (a NaN and a −0 among the inputs); the
    /// gradients are sums, taken in a different order per width, so they agree to rounding.
    /// </summary>
    [Theory]
    [InlineData(1500)] // a scalar tail at every width
    [InlineData(784)]  // 28 x 28: one lone vector after the pairs at 512 bits
    [InlineData(7)]    // shorter than a vector
    public void Every_vector_width_normalises_to_the_same_bits(int positions)
    {
        float[] x = Random(Batch * Channels * positions, 9, 3f), gamma = Random(Channels, 10, 1f), beta = Random(Channels, 11, 1f);
        float[] dy = Random(x.Length, 12, 1f);
        x[3] = float.NaN;

        // Channel 0 normalises x[4] to exactly −0 (−0·scale + shift with shift = −0 − 0·scale): the rectifier makes it +0.
        x[4] = -0f;
        gamma[0] = 1f;
        beta[0] = -0f;
        (float[] Y, float[] Gradients) scalar = RunFused(SimdLevel.Scalar, x, gamma, beta, dy, positions);
        Assert.True(float.IsNaN(scalar.Y[3]), "NaN stays NaN through the fused ReLU");
        Assert.Equal(0, BitConverter.SingleToInt32Bits(scalar.Y[4]));
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            if (level <= SimdSelection.Best)
            {
                (float[] Y, float[] Gradients) run = RunFused(level, x, gamma, beta, dy, positions);
                Assert.Equal(scalar.Y, run.Y);
                Assert.Equal(0, BitConverter.SingleToInt32Bits(run.Y[4]));
                for (int i = 0; i < run.Gradients.Length; i++)
                {
                    float expected = scalar.Gradients[i], actual = run.Gradients[i];
                    Assert.True(float.IsNaN(expected) ? float.IsNaN(actual) : Math.Abs(actual - expected) <= 1e-4f * (1f + Math.Abs(expected)), $"{level}: gradient {i}");
                }
            }
        }
    }

    /// <summary>The static entry points sweep the planes through pointers: a span short of the planes is refused, not overrun.</summary>
    [Fact]
    public void Spans_short_of_the_planes_are_refused()
    {
        float[] x = Random(Batch * Channels * Positions, 13, 1f), gamma = Random(Channels, 14, 1f), beta = Random(Channels, 15, 1f);
        float[] mean = new float[Channels], variance = new float[Channels], count = new float[1], statistics = new float[BatchNorm.WorkLength(Channels)];
        Array.Fill(variance, 1f);
        Assert.Throws<ArgumentException>(() => BatchNorm.Forward(
            x, gamma, beta, new float[x.Length - 1], mean, variance, count, statistics, Batch, Channels, Positions, 0.1f, 1e-5f, training: false));
        Assert.Throws<ArgumentException>(() => BatchNorm.Forward(
            x.AsSpan(0, x.Length - 1), gamma, beta, new float[x.Length], mean, variance, count, statistics, Batch, Channels, Positions, 0.1f, 1e-5f, training: false));
        BatchNorm.Forward(x, gamma, beta, new float[x.Length], mean, variance, count, statistics, Batch, Channels, Positions, 0.1f, 1e-5f, training: false);
        Assert.Throws<ArgumentException>(() => BatchNorm.Backward(
            x, gamma, new float[x.Length - 1], new float[Channels], new float[Channels], statistics, Batch, Channels, Positions, training: false, inputGradient: true));
    }

    /// <summary>Evaluation mode (the running statistics), so a NaN input stays in its own value (and its input gradient, b·x with b = 0).</summary>
    private static (float[] Y, float[] Gradients) RunFused(SimdLevel level, float[] x, float[] gamma, float[] beta, float[] dy, int positions)
    {
        using var engine = new KernelEngine(1, 0, level);
        float[] y = new float[x.Length], mean = new float[Channels], variance = new float[Channels], count = new float[1];
        float[] statistics = new float[BatchNorm.WorkLength(Channels)], gradient = (float[])dy.Clone();
        float[] dgamma = new float[Channels], dbeta = new float[Channels];
        Array.Fill(variance, 1.5f);
        engine.BatchNormForward(x, gamma, beta, y, mean, variance, count, statistics, Batch, Channels, positions, 0.1f, 1e-5f, training: false, relu: true);
        engine.BatchNormBackward(x, gamma, gradient, dgamma, dbeta, statistics, Batch, Channels, positions, training: false, inputGradient: true, relu: true);
        return (y, [.. gradient, .. dgamma, .. dbeta]);
    }

    private static (float[] Y, float[] State, float[] Gradients) Run(KernelEngine? engine, float[] x, float[] gamma, float[] beta, float[] dy, bool training)
    {
        float[] y = new float[x.Length], mean = new float[Channels], variance = new float[Channels], count = new float[1];
        float[] statistics = new float[BatchNorm.WorkLength(Channels)], gradient = (float[])dy.Clone();
        float[] dgamma = new float[Channels], dbeta = new float[Channels];
        Array.Fill(variance, 1.5f);
        if (engine is null)
        {
            BatchNorm.Forward(x, gamma, beta, y, mean, variance, count, statistics, Batch, Channels, Positions, 0.1f, 1e-5f, training);
            BatchNorm.Backward(x, gamma, gradient, dgamma, dbeta, statistics, Batch, Channels, Positions, training, inputGradient: true);
        }
        else
        {
            engine.BatchNormForward(x, gamma, beta, y, mean, variance, count, statistics, Batch, Channels, Positions, 0.1f, 1e-5f, training);
            engine.BatchNormBackward(x, gamma, gradient, dgamma, dbeta, statistics, Batch, Channels, Positions, training, inputGradient: true);
        }

        return (y, [.. mean, .. variance, .. count], [.. gradient, .. dgamma, .. dbeta]);
    }

    private static float[] Random(int count, int seed, float scale)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * scale) + 0.5f;
        }

        return values;
    }
}
