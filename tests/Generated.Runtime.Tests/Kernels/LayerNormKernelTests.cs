using System;
using System.Linq;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The layer-norm kernel against a double-precision reference: forward values and statistics, and the input, gamma and
/// beta gradients against central differences, both of the reference (in double, tight) and of the kernel's own forward
/// pass (in float, with the tolerance of the model gradient checks: |analytic − numeric| ≤ 1e-3 + 1e-2·|numeric| at
/// h = 1e-2). Feature counts that are not a multiple of the vector width exercise the scalar tails.
/// </summary>
public sealed class LayerNormKernelTests
{
    private const float Epsilon = 1e-5f;

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(3, 5, true)]
    [InlineData(4, 19, true)]
    [InlineData(2, 37, false)]
    [InlineData(3, 64, true)]
    [InlineData(2, 1000, true)]
    public void Forward_values_and_statistics_match_a_double_reference(int batch, int features, bool affine)
    {
        float[] x = Sequence(batch * features, seed: 1, scale: 2, offset: 0.5f);
        (float[] gamma, float[] beta) = Parameters(features, affine);
        var y = new float[x.Length];
        var statistics = new float[LayerNorm.WorkLength(batch)];
        LayerNorm.Forward(x, gamma, beta, y, statistics, batch, features, Epsilon);

        double[] expected = Reference(x, gamma, beta, batch, features, out double[] mean, out double[] inverseStd);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.True(Math.Abs(y[i] - expected[i]) <= 1e-5 * (1 + Math.Abs(expected[i])), $"y[{i}]: {y[i]:G9} vs {expected[i]:G9}");
        }

        for (int r = 0; r < batch; r++)
        {
            Assert.Equal(mean[r], statistics[2 * r], 5);
            Assert.True(Math.Abs(statistics[(2 * r) + 1] - inverseStd[r]) <= 1e-5 * inverseStd[r], $"inverse std of row {r}");
        }
    }

    [Fact]
    public void Statistics_are_interleaved_per_row_and_nothing_past_the_batch_is_written()
    {
        const int features = 6;
        float[] x = [1, 2, 3, 4, 5, 6, -2, -2, -2, 2, 2, 2];
        var statistics = Enumerable.Repeat(-7f, LayerNorm.WorkLength(maxBatch: 4)).ToArray();
        LayerNorm.Forward(x, [], [], new float[x.Length], statistics, batch: 2, features, Epsilon);

        Assert.Equal(3.5f, statistics[0]);                                        // mean of row 0
        Assert.Equal(1 / Math.Sqrt((35.0 / 12) + Epsilon), statistics[1], 6);     // its variance is 35/12
        Assert.Equal(0f, statistics[2]);                                          // mean of row 1
        Assert.Equal(1 / Math.Sqrt(4 + Epsilon), statistics[3], 6);               // its variance is 4
        Assert.All(statistics.Skip(4), value => Assert.Equal(-7f, value));
    }

    [Theory]
    [InlineData(3, 19, true)]
    [InlineData(4, 8, true)]
    [InlineData(2, 37, false)]
    [InlineData(1, 2, true)]
    public void Gradients_match_central_differences_of_a_double_reference(int batch, int features, bool affine)
    {
        float[] x = Sequence(batch * features, seed: 3, scale: 2, offset: -0.3f);
        float[] weights = Sequence(batch * features, seed: 4, scale: 1, offset: 0); // L = Σ weights ⊙ y: dL/dy = weights
        (float[] gamma, float[] beta) = Parameters(features, affine);
        (float[] dx, float[] dgamma, float[] dbeta) = Gradients(x, gamma, beta, weights, batch, features);

        const double step = 1e-6;
        double Loss(double[] input, double[] g, double[] b) => Dot(weights, Reference(input, g, b, batch, features));
        double[] xd = ToDouble(x), gd = ToDouble(gamma), bd = ToDouble(beta);
        for (int i = 0; i < x.Length; i++)
        {
            AssertClose(Central(xd, i, step, () => Loss(xd, gd, bd)), dx[i], 1e-4, 1e-4, $"dx[{i}]");
        }

        for (int j = 0; j < gamma.Length; j++)
        {
            AssertClose(Central(gd, j, step, () => Loss(xd, gd, bd)), dgamma[j], 1e-4, 1e-4, $"dgamma[{j}]");
            AssertClose(Central(bd, j, step, () => Loss(xd, gd, bd)), dbeta[j], 1e-4, 1e-4, $"dbeta[{j}]");
        }
    }

    [Theory]
    [InlineData(3, 19, true)]
    [InlineData(2, 37, false)]
    public void Gradients_match_central_differences_of_the_kernel_itself(int batch, int features, bool affine)
    {
        float[] x = Sequence(batch * features, seed: 5, scale: 2, offset: 1);
        float[] weights = Sequence(batch * features, seed: 6, scale: 1, offset: 0);
        (float[] gamma, float[] beta) = Parameters(features, affine);
        (float[] dx, float[] dgamma, float[] dbeta) = Gradients(x, gamma, beta, weights, batch, features);

        const float step = 1e-2f;
        double Loss() => Dot(weights, ToDouble(Forward(x, gamma, beta, batch, features, out _)));
        for (int i = 0; i < x.Length; i++)
        {
            AssertClose(Central(x, i, step, Loss), dx[i], 1e-3, 1e-2, $"dx[{i}]");
        }

        for (int j = 0; j < gamma.Length; j++)
        {
            AssertClose(Central(gamma, j, step, Loss), dgamma[j], 1e-3, 1e-2, $"dgamma[{j}]");
            AssertClose(Central(beta, j, step, Loss), dbeta[j], 1e-3, 1e-2, $"dbeta[{j}]");
        }
    }

    [Fact]
    public void Parameter_gradients_are_overwritten_and_do_not_depend_on_the_input_gradient_flag()
    {
        const int batch = 3, features = 11;
        float[] x = Sequence(batch * features, seed: 7, scale: 1, offset: 0);
        float[] dy = Sequence(batch * features, seed: 8, scale: 1, offset: 0);
        (float[] gamma, float[] beta) = Parameters(features, affine: true);
        float[] statistics = new float[LayerNorm.WorkLength(batch)];
        LayerNorm.Forward(x, gamma, beta, new float[x.Length], statistics, batch, features, Epsilon);

        var withInput = (float[])dy.Clone();
        var dgamma = new float[features];
        var dbeta = new float[features];
        LayerNorm.Backward(x, gamma, withInput, dgamma, dbeta, statistics, batch, features, needsInputGradient: true);

        var without = (float[])dy.Clone();
        float[] staleGamma = Enumerable.Repeat(1e3f, features).ToArray();
        float[] staleBeta = Enumerable.Repeat(-1e3f, features).ToArray();
        LayerNorm.Backward(x, gamma, without, staleGamma, staleBeta, statistics, batch, features, needsInputGradient: false);

        Assert.Equal(dy, without); // dL/dy left as it was
        Assert.NotEqual(dy, withInput);
        Assert.Equal(dgamma, staleGamma);
        Assert.Equal(dbeta, staleBeta);
    }

    [Fact]
    public void A_constant_row_gives_beta_and_finite_gradients()
    {
        const int batch = 2, features = 21;
        float[] x = Sequence(batch * features, seed: 9, scale: 1, offset: 0);
        Array.Fill(x, 3.7f, 0, features); // row 0 has variance 0
        (float[] gamma, float[] beta) = Parameters(features, affine: true);
        float[] weights = Sequence(batch * features, seed: 10, scale: 1, offset: 0);
        float[] y = Forward(x, gamma, beta, batch, features, out float[] statistics);

        Assert.Equal(beta, y.Take(features));
        Assert.Equal(3.7f, statistics[0]);
        Assert.Equal(1 / Math.Sqrt(Epsilon), statistics[1], 2);

        (float[] dx, float[] dgamma, float[] dbeta) = Gradients(x, gamma, beta, weights, batch, features);
        Assert.All(dx.Concat(dgamma).Concat(dbeta), value => Assert.True(float.IsFinite(value)));
        // x̂ = 0 in the constant row, so there dx = inverseStd · (g − mean(g)) with g = dy ⊙ gamma.
        double meanG = Enumerable.Range(0, features).Average(j => (double)weights[j] * gamma[j]);
        for (int j = 0; j < features; j++)
        {
            AssertClose(((weights[j] * (double)gamma[j]) - meanG) / Math.Sqrt(Epsilon), dx[j], 1e-5, 1e-5, $"dx[{j}]");
        }
    }

    [Fact]
    public void A_large_mean_does_not_cancel_the_variance_away()
    {
        // |mean| / std = 1e3: the one-pass E[x²] − E[x]² loses every digit of the variance in float here.
        const int batch = 2, features = 50;
        float[] x = Sequence(batch * features, seed: 11, scale: 1, offset: 1000);
        (float[] gamma, float[] beta) = Parameters(features, affine: true);
        float[] y = Forward(x, gamma, beta, batch, features, out float[] statistics);
        double[] expected = Reference(x, gamma, beta, batch, features, out _, out double[] inverseStd);

        for (int i = 0; i < y.Length; i++)
        {
            Assert.True(Math.Abs(y[i] - expected[i]) <= 1e-5 * (1 + Math.Abs(expected[i])), $"y[{i}]: {y[i]:G9} vs {expected[i]:G9}");
        }

        Assert.True(Math.Abs(statistics[1] - inverseStd[0]) <= 1e-5 * inverseStd[0]);
        Assert.True(Math.Abs(statistics[3] - inverseStd[1]) <= 1e-5 * inverseStd[1]);
    }

    [Fact]
    public void Parameters_must_be_both_present_with_one_per_feature_or_both_absent()
    {
        const int features = 4;
        float[] x = Sequence(features, seed: 12, scale: 1, offset: 0);
        var y = new float[features];
        Assert.Throws<ArgumentException>(() => LayerNorm.Forward(x, new float[3], new float[3], y, new float[2], 1, features, Epsilon));
        Assert.Throws<ArgumentException>(() => LayerNorm.Forward(x, new float[4], new float[3], y, new float[2], 1, features, Epsilon));
        var error = Assert.Throws<ArgumentException>(() => LayerNorm.Forward(x, [], new float[4], y, new float[2], 1, features, Epsilon));
        Assert.Equal("beta", error.ParamName);
        Assert.Throws<ArgumentException>(() => LayerNorm.Backward(x, new float[5], new float[4], new float[5], new float[5], new float[2], 1, features, true));
        Assert.All(y, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Forward_and_backward_do_not_allocate()
    {
        const int batch = 8, features = 67;
        float[] x = Sequence(batch * features, seed: 13, scale: 1, offset: 0);
        (float[] gamma, float[] beta) = Parameters(features, affine: true);
        var y = new float[x.Length];
        var gradient = new float[x.Length];
        var dgamma = new float[features];
        var dbeta = new float[features];
        var statistics = new float[LayerNorm.WorkLength(batch)];
        void Step()
        {
            LayerNorm.Forward(x, gamma, beta, y, statistics, batch, features, Epsilon);
            LayerNorm.Backward(x, gamma, gradient, dgamma, dbeta, statistics, batch, features, needsInputGradient: true);
            LayerNorm.Forward(x, [], [], y, statistics, batch, features, Epsilon);
            LayerNorm.Backward(x, [], gradient, [], [], statistics, batch, features, needsInputGradient: true);
        }

        Step(); // warm-up: JIT
        Assert.Equal(0, FewestAllocatedBytes(Step));
    }

    /// <summary>Bytes a warm call allocates, fewest over three rounds (a one-off runtime allocation under load does not count).</summary>
    private static long FewestAllocatedBytes(Action work)
    {
        long fewest = long.MaxValue;
        for (int round = 0; round < 3 && fewest != 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            work();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }

    private static float[] Forward(float[] x, float[] gamma, float[] beta, int batch, int features, out float[] statistics)
    {
        var y = new float[x.Length];
        statistics = new float[LayerNorm.WorkLength(batch)];
        LayerNorm.Forward(x, gamma, beta, y, statistics, batch, features, Epsilon);
        return y;
    }

    private static (float[] Input, float[] Gamma, float[] Beta) Gradients(
        float[] x, float[] gamma, float[] beta, float[] weights, int batch, int features)
    {
        Forward(x, gamma, beta, batch, features, out float[] statistics);
        var gradient = (float[])weights.Clone();
        var dgamma = new float[gamma.Length];
        var dbeta = new float[gamma.Length];
        LayerNorm.Backward(x, gamma, gradient, dgamma, dbeta, statistics, batch, features, needsInputGradient: true);
        return (gradient, dgamma, dbeta);
    }

    /// <summary>nn.LayerNorm in double: per row, biased variance, y = gamma ⊙ x̂ + beta (x̂ alone without parameters).</summary>
    private static double[] Reference(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, int batch, int features,
        out double[] mean, out double[] inverseStd) =>
        Reference(ToDouble(x), ToDouble(gamma), ToDouble(beta), batch, features, out mean, out inverseStd);

    private static double[] Reference(double[] x, double[] gamma, double[] beta, int batch, int features) =>
        Reference(x, gamma, beta, batch, features, out _, out _);

    private static double[] Reference(
        double[] x, double[] gamma, double[] beta, int batch, int features, out double[] mean, out double[] inverseStd)
    {
        var y = new double[x.Length];
        mean = new double[batch];
        inverseStd = new double[batch];
        for (int r = 0; r < batch; r++)
        {
            ArraySegment<double> row = new(x, r * features, features);
            double m = row.Average();
            double variance = row.Sum(v => (v - m) * (v - m)) / features;
            mean[r] = m;
            inverseStd[r] = 1 / Math.Sqrt(variance + Epsilon);
            for (int j = 0; j < features; j++)
            {
                double normalized = (row[j] - m) * inverseStd[r];
                y[(r * features) + j] = gamma.Length == 0 ? normalized : (gamma[j] * normalized) + beta[j];
            }
        }

        return y;
    }

    /// <summary>(L(v + h) − L(v − h)) / 2h, perturbing <paramref name="values"/>[index] and restoring it.</summary>
    private static double Central(double[] values, int index, double step, Func<double> loss)
    {
        double original = values[index];
        values[index] = original + step;
        double plus = loss();
        values[index] = original - step;
        double minus = loss();
        values[index] = original;
        return (plus - minus) / (2 * step);
    }

    private static double Central(float[] values, int index, float step, Func<double> loss)
    {
        float original = values[index];
        values[index] = original + step;
        double plus = loss();
        values[index] = original - step;
        double minus = loss();
        values[index] = original;
        return (plus - minus) / (2 * step);
    }

    /// <summary>|analytic − numeric| ≤ absolute + relative·|numeric| (the model gradient checks' form).</summary>
    private static void AssertClose(double numeric, float analytic, double absolute, double relative, string what) =>
        Assert.True(Math.Abs(analytic - numeric) <= absolute + (relative * Math.Abs(numeric)), $"{what}: analytic {analytic:G6}, numeric {numeric:G6}");

    private static double Dot(float[] weights, double[] y)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            sum += weights[i] * y[i];
        }

        return sum;
    }

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    private static (float[] Gamma, float[] Beta) Parameters(int features, bool affine) =>
        affine
            ? (Sequence(features, seed: 100, scale: 0.5f, offset: 1), Sequence(features, seed: 101, scale: 0.5f, offset: 0))
            : ([], []);

    private static float[] Sequence(int count, long seed, float scale, float offset)
    {
        var rng = new Rng(seed);
        return Enumerable.Range(0, count).Select(_ => offset + (float)(rng.NextGaussian() * scale)).ToArray();
    }
}
