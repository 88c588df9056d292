using System;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>The fused optimizer sweeps against straightforward double-precision references (PyTorch's formulas).</summary>
public sealed class OptimizerTests
{
    [Fact]
    public void Adam_matches_the_reference_over_several_steps()
    {
        using var model = new DropoutModel(); // lr 0.01, beta1 0.8, beta2 0.99, eps 1e-6
        model.Mode = ModelMode.Eval;
        float[] x = GradientCheck.RandomInputs(8 * 6, 31);
        int[] y = GradientCheck.RandomLabels(8, 4, 32);
        double[] p = Flatten(model.Parameters);
        var m = new double[p.Length];
        var v = new double[p.Length];
        for (int step = 1; step <= 4; step++)
        {
            model.ComputeGradients(x, y);
            double[] g = Flatten(model.Gradients);
            model.TrainStep(x, y); // recomputes the same gradients (eval mode: deterministic), then updates
            for (int i = 0; i < p.Length; i++)
            {
                m[i] = (0.8 * m[i]) + (0.2 * g[i]);
                v[i] = (0.99 * v[i]) + (0.01 * g[i] * g[i]);
                double mHat = m[i] / (1 - Math.Pow(0.8, step));
                double vHat = v[i] / (1 - Math.Pow(0.99, step));
                p[i] -= 0.01 * mHat / (Math.Sqrt(vHat) + 1e-6);
            }

            AssertClose(p, Flatten(model.Parameters), 2e-5);
            p = Flatten(model.Parameters); // follow the model so float rounding does not accumulate
        }
    }

    [Fact]
    public void Sgd_with_nesterov_momentum_matches_the_reference()
    {
        using var model = new RegressionModel(); // lr 0.05, momentum 0.9, nesterov
        float[] x = GradientCheck.RandomInputs(8 * 3, 33);
        float[] t = GradientCheck.RandomInputs(8 * 2, 34);
        double[] p = Flatten(model.Parameters);
        var velocity = new double[p.Length];
        for (int step = 1; step <= 3; step++)
        {
            model.ComputeGradients(x, t);
            double[] g = Flatten(model.Gradients);
            model.TrainStep(x, t);
            for (int i = 0; i < p.Length; i++)
            {
                velocity[i] = (0.9 * velocity[i]) + g[i];
                p[i] -= 0.05 * (g[i] + (0.9 * velocity[i]));
            }

            AssertClose(p, Flatten(model.Parameters), 1e-5);
            p = Flatten(model.Parameters);
        }
    }

    [Fact]
    public void Sgd_with_plain_momentum_matches_the_reference()
    {
        using var model = new MomentumModel(); // lr 0.05, momentum 0.9
        float[] x = GradientCheck.RandomInputs(8 * 3, 35);
        float[] t = GradientCheck.RandomInputs(8 * 2, 36, 0.5f);
        double[] p = Flatten(model.Parameters);
        var velocity = new double[p.Length];
        for (int step = 1; step <= 3; step++)
        {
            model.ComputeGradients(x, t);
            double[] g = Flatten(model.Gradients);
            model.TrainStep(x, t);
            for (int i = 0; i < p.Length; i++)
            {
                velocity[i] = (0.9 * velocity[i]) + g[i];
                p[i] -= 0.05 * velocity[i];
            }

            AssertClose(p, Flatten(model.Parameters), 1e-5);
            p = Flatten(model.Parameters);
        }
    }

    [Fact]
    public void Learning_rate_can_be_changed_at_run_time()
    {
        using var model = new BinaryModel(new ModelOptions { LearningRate = 0.25 });
        Assert.Equal(0.25, model.LearningRate);
        float[] x = GradientCheck.RandomInputs(4 * 4, 37);
        float[] t = [1, 0, 1, 0];
        double[] before = Flatten(model.Parameters);
        model.ComputeGradients(x, t);
        double[] g = Flatten(model.Gradients);
        model.LearningRate = 0.1;
        model.TrainStep(x, t);
        double[] after = Flatten(model.Parameters);
        for (int i = 0; i < before.Length; i++)
        {
            before[i] -= 0.1 * g[i];
        }

        AssertClose(before, after, 1e-6);
    }

    /// <summary>The tensors as one array of doubles, the precision the reference updates are computed in.</summary>
    private static double[] Flatten(System.Collections.Generic.IReadOnlyList<ParameterTensor> tensors) =>
        System.Array.ConvertAll(ParameterValues.Concatenated(tensors), value => (double)value);

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}] expected {expected[i]:G8}, got {actual[i]:G8}");
        }
    }
}
