using System;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// ELU, SELU, GELU, Swish and Softplus against double-precision references: values (including the tails, where a
/// naive formula overflows or cancels), derivatives, lengths that are not whole vectors and in-place use.
/// </summary>
public sealed class SmoothActivationTests
{
    private const double SeluAlpha = 1.6732632423543772848170429916717;
    private const double SeluScale = 1.0507009873554804934193349852946;

    // Lengths around the vector widths and the 256-element staging chunk.
    public static TheoryData<int> Lengths => new() { 1, 7, 16, 255, 257, 1000 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Forward_matches_the_reference_at_every_length(int length)
    {
        float[] x = Points(length, 7f);
        foreach (Activation activation in Smooth)
        {
            var y = new float[length];
            Activations.Apply(x, y, activation, 0.8f);
            for (int i = 0; i < length; i++)
            {
                double expected = Reference(activation, x[i], 0.8);
                Assert.True(Math.Abs(y[i] - expected) <= Tolerance(expected), $"{activation}({x[i]}) = {y[i]}, expected {expected}");
            }

            // In place gives the same result (the dense epilogue applies activations to its own output row).
            float[] inPlace = (float[])x.Clone();
            Activations.ApplyInPlace(inPlace, activation, 0.8f);
            Assert.Equal(y, inPlace);
        }
    }

    [Fact]
    public void Tails_neither_overflow_nor_lose_small_values()
    {
        float[] x = [-100f, -30f, -17f, 30f, 100f, 1e30f];
        var y = new float[x.Length];
        Activations.Apply(x, y, Activation.Softplus, 0f);
        Assert.InRange(y[0], 3e-44f, 4e-44f); // e^-100, a subnormal float: positive, not rounded to 0
        Assert.Equal(Math.Exp(-30), y[1], Math.Exp(-30) * 1e-5); // log1p keeps e^x instead of rounding 1 + e^x to 1
        Assert.Equal(Math.Exp(-17), y[2], Math.Exp(-17) * 1e-5);
        Assert.Equal([30f, 100f, 1e30f], y[3..]);

        Activations.Apply(x, y, Activation.ELU, 1f);
        Assert.Equal([-1f, -1f], y[..2]);
        Assert.Equal(1e30f, y[5]);
        Activations.Apply(x, y, Activation.GELU, 0f);
        Assert.Equal(0f, y[0]);
        Assert.Equal([30f, 100f, 1e30f], y[3..]);
        Activations.Apply(x, y, Activation.Swish, 0f);
        Assert.Equal([30f, 100f, 1e30f], y[3..]);
    }

    [Fact]
    public void Gelu_uses_the_exact_erf_form_to_float_precision()
    {
        // Φ by Simpson's rule in double (error far below float precision), compared over [-8, 8]: the erfc approximation
        // (Abramowitz and Stegun 7.1.26) and float32 arithmetic stay within 2e-7 · max(1, |x|).
        double worst = 0;
        for (double v = -8; v <= 8; v += 1.0 / 64)
        {
            var y = new float[1];
            Activations.Apply([(float)v], y, Activation.GELU, 0f);
            double exact = (float)v * NormalCdf((float)v);
            worst = Math.Max(worst, Math.Abs(y[0] - exact) / Math.Max(1, Math.Abs(v)));
        }

        Assert.InRange(worst, 0, 2e-7);

        // Not the tanh approximation, which misses by far more than this in the negative tail (PyTorch's
        // approximate="tanh"; the default, matched here, is the erf form).
        var at = new float[1];
        Activations.Apply([-3f], at, Activation.GELU, 0f);
        double atMinus3 = -3 * NormalCdf(-3);
        double tanhForm = 0.5 * -3 * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (-3 + (0.044715 * -27))));
        Assert.True(Math.Abs(tanhForm - atMinus3) > 100 * Math.Abs(at[0] - atMinus3), $"tanh form {tanhForm}, ours {at[0]}, exact {atMinus3}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Backward_multiplies_by_the_derivative(int length)
    {
        float[] x = Points(length, 6f);
        foreach (Activation activation in Smooth)
        {
            var y = new float[length];
            Activations.Apply(x, y, activation, 0.8f);
            float[] gradient = Points(length, 1f, seed: 3);
            float[] upstream = (float[])gradient.Clone();
            Activations.BackwardInPlace(gradient, x, y, activation, 0.8f);
            for (int i = 0; i < length; i++)
            {
                double expected = upstream[i] * Derivative(activation, x[i], 0.8);
                Assert.True(Math.Abs(gradient[i] - expected) <= 2e-6 + (2e-5 * Math.Abs(expected)),
                    $"{activation}'({x[i]}) · {upstream[i]} = {gradient[i]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void Gelu_and_swish_refuse_a_backward_without_the_input()
    {
        float[] gradient = [1f, 2f];
        Assert.Throws<ArgumentException>(() => Activations.BackwardInPlace(gradient, [0.5f, 0.5f], Activation.GELU, 0f));
        Assert.True(Activations.NeedsInput(Activation.Swish));
        Assert.False(Activations.NeedsInput(Activation.ELU));
    }

    private static readonly Activation[] Smooth = [Activation.ELU, Activation.SELU, Activation.GELU, Activation.Swish, Activation.Softplus];

    private static double Reference(Activation activation, double x, double alpha) => activation switch
    {
        Activation.ELU => x > 0 ? x : alpha * (Math.Exp(x) - 1),
        Activation.SELU => SeluScale * (x > 0 ? x : SeluAlpha * (Math.Exp(x) - 1)),
        Activation.GELU => x * NormalCdf(x),
        Activation.Swish => x / (1 + Math.Exp(-x)),
        _ => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))),
    };

    private static double Derivative(Activation activation, double x, double alpha) => activation switch
    {
        Activation.ELU => x > 0 ? 1 : alpha * Math.Exp(x),
        Activation.SELU => SeluScale * (x > 0 ? 1 : SeluAlpha * Math.Exp(x)),
        Activation.GELU => NormalCdf(x) + (x * Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI)),
        Activation.Swish => Sigmoid(x) * (1 + (x * (1 - Sigmoid(x)))),
        _ => Sigmoid(x),
    };

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Φ(x) = 1/2 + ∫₀ˣ φ by composite Simpson with 4000 intervals (error ~1e-15 on [-8, 8]); exact tails beyond.</summary>
    private static double NormalCdf(double x)
    {
        const int intervals = 4000;
        double h = x / intervals, sum = Density(0) + Density(x);
        for (int i = 1; i < intervals; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * Density(i * h);
        }

        return 0.5 + (sum * h / 3);
    }

    private static double Density(double t) => Math.Exp(-t * t / 2) / Math.Sqrt(2 * Math.PI);

    /// <summary>Float rounding of the result plus a few ulps of the intermediate steps.</summary>
    private static double Tolerance(double expected) => 1e-6 + (2e-6 * Math.Abs(expected));

    private static float[] Points(int length, float scale, long seed = 1)
    {
        var rng = new Rng(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(((2 * rng.NextDouble()) - 1) * scale);
        }

        return values;
    }
}
