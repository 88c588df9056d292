using System;

namespace Generated.Kernels;

/// <summary>
/// The regression losses: a function of each output's error d = y − t, averaged over every element. One loop serves
/// all three; each loss is a pair of small functions, inlined per loss by specialisation over a struct.
/// </summary>
public static partial class Losses
{
    /// <summary>Mean squared error over every element; gradient 2(y - t)/n.</summary>
    public static float MeanSquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient) =>
        Elementwise<SquaredError>(outputs, targets, gradient, 0f, slopeFactor: 2f);

    /// <summary>Mean absolute error over every element (PyTorch's L1Loss); gradient sign(y − t)/n with sign(0) = 0.</summary>
    public static float MeanAbsoluteError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient) =>
        Elementwise<AbsoluteError>(outputs, targets, gradient, 0f, slopeFactor: 1f);

    /// <summary>
    /// Huber loss over every element (PyTorch's HuberLoss): 0.5·d² for |d| &lt;= delta, delta·(|d| − 0.5·delta) beyond;
    /// gradient clamp(d, −delta, delta)/n.
    /// </summary>
    public static float Huber(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, float delta) =>
        Elementwise<HuberError>(outputs, targets, gradient, delta, slopeFactor: 1f);

    /// <summary>Mean of <typeparamref name="TError"/>'s value; the gradient is its slope times <paramref name="slopeFactor"/>/n.</summary>
    private static float Elementwise<TError>(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, float parameter, float slopeFactor)
        where TError : struct, IElementError
    {
        int count = outputs.Length;
        bool withGradient = !gradient.IsEmpty;
        float scale = slopeFactor / count;
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            float difference = outputs[i] - targets[i];
            total += TError.Value(difference, parameter);
            if (withGradient)
            {
                gradient[i] = TError.Slope(difference, parameter) * scale;
            }
        }

        return (float)(total / count);
    }

    private interface IElementError
    {
        static abstract double Value(float difference, float parameter);

        static abstract float Slope(float difference, float parameter);
    }

    private readonly struct SquaredError : IElementError
    {
        public static double Value(float difference, float parameter) => difference * difference;

        public static float Slope(float difference, float parameter) => difference;
    }

    private readonly struct AbsoluteError : IElementError
    {
        public static double Value(float difference, float parameter) => MathF.Abs(difference);

        public static float Slope(float difference, float parameter) => MathF.Sign(difference);
    }

    private readonly struct HuberError : IElementError
    {
        public static double Value(float difference, float delta)
        {
            float magnitude = MathF.Abs(difference);
            return magnitude <= delta ? 0.5 * difference * difference : delta * (magnitude - (0.5 * delta));
        }

        public static float Slope(float difference, float delta) => Math.Clamp(difference, -delta, delta);
    }
}
