using System;
using System.Linq;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The batch-norm kernel's input gradient against central differences in double precision, in training mode (where
/// every sample's statistics depend on every input) and in evaluation mode (where they are constants).
/// </summary>
public sealed class BatchNormKernelTests
{
    private const int Batch = 5;
    private const int Features = 3;
    private const float Epsilon = 1e-3f;

    private static readonly float[] Gamma = [1.5f, -0.7f, 0.9f];
    private static readonly float[] Beta = [0.2f, 0.1f, -0.4f];
    private static readonly float[] RunningMean = [0.3f, -0.2f, 1f];
    private static readonly float[] RunningVar = [0.8f, 1.7f, 0.5f];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Input_gamma_and_beta_gradients_match_finite_differences(bool training)
    {
        float[] x = Sequence(Batch * Features, seed: 1, scale: 2);
        float[] weights = Sequence(Batch * Features, seed: 2, scale: 1); // L = Σ weights ⊙ y: dL/dy = weights
        var gradient = (float[])weights.Clone();
        var gradGamma = new float[Features];
        var gradBeta = new float[Features];
        float[] statistics = Forward(x, Gamma, training, out _);
        BatchNorm.Backward(x, Gamma, gradient, gradGamma, gradBeta, statistics, Batch, Features, training, inputGradient: true);

        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(Numeric(i, x, weights, training, perturbInput: true), gradient[i], 3);
        }

        for (int j = 0; j < Features; j++)
        {
            Assert.Equal(Numeric(j, x, weights, training, perturbInput: false), gradGamma[j], 3);
            double beta = 0;
            for (int n = 0; n < Batch; n++)
            {
                beta += weights[(n * Features) + j];
            }

            Assert.Equal(beta, gradBeta[j], 5);
        }
    }

    [Fact]
    public void Without_an_input_gradient_dy_is_left_as_it_was()
    {
        float[] x = Sequence(Batch * Features, seed: 3, scale: 1);
        float[] dy = Sequence(Batch * Features, seed: 4, scale: 1);
        var gradient = (float[])dy.Clone();
        float[] statistics = Forward(x, Gamma, training: true, out _);
        BatchNorm.Backward(x, Gamma, gradient, new float[Features], new float[Features], statistics, Batch, Features, training: true, inputGradient: false);
        Assert.Equal(dy, gradient);
    }

    [Fact]
    public void Training_forward_refuses_a_single_sample()
    {
        var error = Assert.Throws<ArgumentException>(() => BatchNorm.Forward(
            new float[3], Gamma, Beta, new float[3], new float[3], new float[3], new float[1], new float[12], 1, 3, 0.1f, Epsilon, training: true));
        Assert.Contains("more than 1 sample", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Σ weights ⊙ y, perturbing either input element <paramref name="index"/> or gamma[index].</summary>
    private static double Numeric(int index, float[] x, float[] weights, bool training, bool perturbInput)
    {
        const float step = 1e-2f;
        float[] input = (float[])x.Clone();
        float[] gamma = (float[])Gamma.Clone();
        float[] target = perturbInput ? input : gamma;
        float original = target[index];
        target[index] = original + step;
        Forward(input, gamma, training, out float[] plus);
        target[index] = original - step;
        Forward(input, gamma, training, out float[] minus);
        double difference = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            difference += weights[i] * ((double)plus[i] - minus[i]);
        }

        return difference / (2 * step);
    }

    private static float[] Forward(float[] x, float[] gamma, bool training, out float[] y)
    {
        y = new float[x.Length];
        var statistics = new float[BatchNorm.WorkLength(Features)];
        BatchNorm.Forward(x, gamma, Beta, y, (float[])RunningMean.Clone(), (float[])RunningVar.Clone(), new float[1], statistics,
            Batch, Features, 0.1f, Epsilon, training);
        return statistics;
    }

    private static float[] Sequence(int count, long seed, float scale)
    {
        var rng = new Rng(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(rng.NextGaussian() * scale)).ToArray();
    }
}
