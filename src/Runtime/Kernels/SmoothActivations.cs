using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Generated.Kernels;

/// <summary>
/// ELU, SELU, GELU, Swish and Softplus, forward and backward side by side. Each works on chunks staged on the stack
/// and padded to whole vectors, so every step is a <see cref="Vector{T}"/> or <see cref="TensorPrimitives"/> pass over
/// data still in L1, with no scalar tail written twice; nothing is allocated. The stack buffers are not zeroed
/// (<see cref="SkipLocalsInitAttribute"/>): the padding is cleared explicitly and every scratch value is written before
/// it is read.
/// </summary>
[SkipLocalsInit]
internal static class SmoothActivations
{
    /// <summary>SELU's alpha and scale (Klambauer et al. 2017), to float precision, as in PyTorch.</summary>
    public const float SeluAlpha = 1.6732632423543772f;
    public const float SeluScale = 1.0507009873554805f;

    // Elements per staged chunk: a multiple of every vector width, three buffers of it fit in L1 with room to spare.
    private const int Chunk = 256;

    // 1/sqrt(2) and 1/sqrt(2π).
    private const float InverseSqrt2 = 0.70710678118654752f;
    private const float InverseSqrt2Pi = 0.39894228040143268f;

    // erfc(a) ≈ t·(a1 + t·(a2 + t·(a3 + t·(a4 + t·a5))))·e^(−a²), t = 1/(1 + p·a), a >= 0: Abramowitz and Stegun,
    // Handbook of Mathematical Functions (1964), formula 7.1.26, absolute error below 1.5e-7. Evaluated in float32
    // the GELU built on it stays within 2e-7·max(1, |x|) of the exact value (checked against a numerical integral).
    private const float ErfP = 0.3275911f;
    private const float ErfA1 = 0.254829592f;
    private const float ErfA2 = -0.284496736f;
    private const float ErfA3 = 1.421413741f;
    private const float ErfA4 = -1.453152027f;
    private const float ErfA5 = 1.061405429f;

    public static void EluForward(ReadOnlySpan<float> x, Span<float> y, float alpha) => Forward<Elu>(x, y, alpha);

    public static void SeluForward(ReadOnlySpan<float> x, Span<float> y) => Forward<Selu>(x, y, 0f);

    public static void GeluForward(ReadOnlySpan<float> x, Span<float> y) => Forward<Gelu>(x, y, 0f);

    public static void SwishForward(ReadOnlySpan<float> x, Span<float> y) => Forward<Swish>(x, y, 0f);

    public static void SoftplusForward(ReadOnlySpan<float> x, Span<float> y) => Forward<Softplus>(x, y, 0f);

    /// <summary>ELU' from the output: 1 where y &gt; 0, else alpha·e^x = y + alpha.</summary>
    public static void EluBackward(Span<float> gradient, ReadOnlySpan<float> output, float alpha) => Backward<Elu>(gradient, output, alpha);

    /// <summary>SELU' from the output: scale where y &gt; 0, else y + scale·alpha.</summary>
    public static void SeluBackward(Span<float> gradient, ReadOnlySpan<float> output) => Backward<Selu>(gradient, output, 0f);

    /// <summary>GELU' = Φ(x) + x·φ(x), from the input (GELU is not monotonic, so y does not determine x).</summary>
    public static void GeluBackward(Span<float> gradient, ReadOnlySpan<float> input) => Backward<Gelu>(gradient, input, 0f);

    /// <summary>Swish' = σ(x)·(1 + x·(1 − σ(x))), from the input (Swish is not monotonic either).</summary>
    public static void SwishBackward(Span<float> gradient, ReadOnlySpan<float> input) => Backward<Swish>(gradient, input, 0f);

    /// <summary>Softplus' = σ(x) = 1 − e^−y, from the output.</summary>
    public static void SoftplusBackward(Span<float> gradient, ReadOnlySpan<float> output) => Backward<Softplus>(gradient, output, 0f);

    /// <summary>y = f(x) chunk by chunk; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    private static void Forward<TKernel>(ReadOnlySpan<float> x, Span<float> y, float alpha)
        where TKernel : struct, IStagedKernel
    {
        Span<float> stage = stackalloc float[3 * Chunk];
        Span<float> values = stage.Slice(0, Chunk), scratch0 = stage.Slice(Chunk, Chunk), scratch1 = stage.Slice(2 * Chunk, Chunk);
        for (int start = 0; start < x.Length; start += Chunk)
        {
            int count = Math.Min(Chunk, x.Length - start);
            int padded = Padded(count);
            x.Slice(start, count).CopyTo(values);
            values.Slice(count, padded - count).Clear();
            TKernel.Forward(values.Slice(0, padded), scratch0.Slice(0, padded), scratch1.Slice(0, padded), alpha);
            values.Slice(0, count).CopyTo(y.Slice(start, count));
        }
    }

    /// <summary>dL/dy becomes dL/dx in place, chunk by chunk; <paramref name="source"/> is x or y, as the kernel needs.</summary>
    private static void Backward<TKernel>(Span<float> gradient, ReadOnlySpan<float> source, float alpha)
        where TKernel : struct, IStagedKernel
    {
        Span<float> stage = stackalloc float[4 * Chunk];
        Span<float> values = stage.Slice(0, Chunk), sources = stage.Slice(Chunk, Chunk);
        Span<float> scratch0 = stage.Slice(2 * Chunk, Chunk), scratch1 = stage.Slice(3 * Chunk, Chunk);
        for (int start = 0; start < gradient.Length; start += Chunk)
        {
            int count = Math.Min(Chunk, gradient.Length - start);
            int padded = Padded(count);
            gradient.Slice(start, count).CopyTo(values);
            source.Slice(start, count).CopyTo(sources);
            values.Slice(count, padded - count).Clear();
            sources.Slice(count, padded - count).Clear();
            TKernel.Backward(values.Slice(0, padded), sources.Slice(0, padded), scratch0.Slice(0, padded), scratch1.Slice(0, padded), alpha);
            values.Slice(0, count).CopyTo(gradient.Slice(start, count));
        }
    }

    private static int Padded(int count) => (count + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

    private static Span<Vector<float>> Vectors(Span<float> values) => MemoryMarshal.Cast<float, Vector<float>>(values);

    /// <summary>One activation over whole vectors: <c>values</c> holds x (or dL/dy) on entry and y (or dL/dx) on exit.</summary>
    private interface IStagedKernel
    {
        static abstract void Forward(Span<float> values, Span<float> scratch0, Span<float> scratch1, float alpha);

        static abstract void Backward(Span<float> gradient, Span<float> source, Span<float> scratch0, Span<float> scratch1, float alpha);
    }

    /// <summary>scale·(max(x, 0) + alpha·(e^min(x, 0) − 1)): exponentiating min(x, 0) never overflows.</summary>
    private static void ScaledEluForward(Span<float> values, Span<float> exponent, float alpha, float scale)
    {
        TensorPrimitives.Min(values, 0f, exponent);
        TensorPrimitives.Exp(exponent, exponent);
        Span<Vector<float>> x = Vectors(values), e = Vectors(exponent);
        var alphaVector = new Vector<float>(alpha);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = scale * (Vector.Max(x[i], Vector<float>.Zero) + (alphaVector * (e[i] - Vector<float>.One)));
        }
    }

    private static void ScaledEluBackward(Span<float> gradient, Span<float> output, float alpha, float scale)
    {
        Span<Vector<float>> g = Vectors(gradient), y = Vectors(output);
        var scaleVector = new Vector<float>(scale);
        var scaledAlpha = new Vector<float>(scale * alpha);
        for (int i = 0; i < g.Length; i++)
        {
            g[i] *= Vector.ConditionalSelect(Vector.GreaterThan(y[i], Vector<float>.Zero), scaleVector, y[i] + scaledAlpha);
        }
    }

    private readonly struct Elu : IStagedKernel
    {
        public static void Forward(Span<float> values, Span<float> scratch0, Span<float> scratch1, float alpha) => ScaledEluForward(values, scratch0, alpha, 1f);

        public static void Backward(Span<float> gradient, Span<float> source, Span<float> scratch0, Span<float> scratch1, float alpha) => ScaledEluBackward(gradient, source, alpha, 1f);
    }

    private readonly struct Selu : IStagedKernel
    {
        public static void Forward(Span<float> values, Span<float> scratch0, Span<float> scratch1, float alpha) => ScaledEluForward(values, scratch0, SeluAlpha, SeluScale);

        public static void Backward(Span<float> gradient, Span<float> source, Span<float> scratch0, Span<float> scratch1, float alpha) => ScaledEluBackward(gradient, source, SeluAlpha, SeluScale);
    }

    /// <summary>
    /// GELU through the complementary error function: Φ(x) = 1 − Q/2 for x &gt;= 0 and Q/2 below, Q = erfc(|x|/√2).
    /// Taking Q directly (not 1 − erf) keeps the tiny values of Φ for negative x accurate, and e^(−x²/2) serves both
    /// Q and the density φ the derivative needs.
    /// </summary>
    private readonly struct Gelu : IStagedKernel
    {
        public static void Forward(Span<float> values, Span<float> scratch0, Span<float> scratch1, float alpha)
        {
            Cdf(values, scratch0, scratch1);
            TensorPrimitives.Multiply(values, scratch0, values);
        }

        public static void Backward(Span<float> gradient, Span<float> source, Span<float> scratch0, Span<float> scratch1, float alpha)
        {
            Cdf(source, scratch0, scratch1);
            Span<Vector<float>> g = Vectors(gradient), x = Vectors(source), cdf = Vectors(scratch0), e = Vectors(scratch1);
            for (int i = 0; i < g.Length; i++)
            {
                g[i] *= cdf[i] + (x[i] * e[i] * InverseSqrt2Pi);
            }
        }

        /// <summary>Φ(x) into <paramref name="cdf"/> and e^(−x²/2) into <paramref name="exponential"/>.</summary>
        private static void Cdf(Span<float> values, Span<float> cdf, Span<float> exponential)
        {
            Span<Vector<float>> x = Vectors(values), q = Vectors(cdf), e = Vectors(exponential);
            var half = new Vector<float>(-0.5f);
            for (int i = 0; i < x.Length; i++)
            {
                Vector<float> a = Vector.Abs(x[i]) * InverseSqrt2;
                Vector<float> t = Vector<float>.One / (Vector<float>.One + (a * ErfP));
                q[i] = t * (new Vector<float>(ErfA1) + (t * (new Vector<float>(ErfA2) + (t * (new Vector<float>(ErfA3) + (t * (new Vector<float>(ErfA4) + (t * ErfA5))))))));
                e[i] = half * x[i] * x[i];
            }

            TensorPrimitives.Exp(exponential, exponential);
            var halfVector = new Vector<float>(0.5f);
            for (int i = 0; i < x.Length; i++)
            {
                Vector<float> halfErfc = halfVector * q[i] * e[i];
                q[i] = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x[i], Vector<float>.Zero), Vector<float>.One - halfErfc, halfErfc);
            }
        }
    }

    private readonly struct Swish : IStagedKernel
    {
        public static void Forward(Span<float> values, Span<float> scratch0, Span<float> scratch1, float alpha)
        {
            TensorPrimitives.Sigmoid(values, scratch0);
            TensorPrimitives.Multiply(values, scratch0, values);
        }

        public static void Backward(Span<float> gradient, Span<float> source, Span<float> scratch0, Span<float> scratch1, float alpha)
        {
            TensorPrimitives.Sigmoid(source, scratch0);
            Span<Vector<float>> g = Vectors(gradient), x = Vectors(source), s = Vectors(scratch0);
            for (int i = 0; i < g.Length; i++)
            {
                g[i] *= s[i] * (Vector<float>.One + (x[i] * (Vector<float>.One - s[i])));
            }
        }
    }

    /// <summary>
    /// max(x, 0) + log1p(e^−|x|), never exponentiating a positive number. log1p(u) is log(w)·u/(w − 1) with w = 1 + u
    /// (exact where w rounds to 1, where it is u), so a very negative x still gives its tiny e^x rather than 0.
    /// </summary>
    private readonly struct Softplus : IStagedKernel
    {
        public static void Forward(Span<float> values, Span<float> scratch0, Span<float> scratch1, float alpha)
        {
            TensorPrimitives.Abs(values, scratch0);
            TensorPrimitives.Negate(scratch0, scratch0);
            TensorPrimitives.Exp(scratch0, scratch0);
            TensorPrimitives.Add(scratch0, 1f, scratch1);
            TensorPrimitives.Log(scratch1, scratch1);
            Span<Vector<float>> x = Vectors(values), u = Vectors(scratch0), logW = Vectors(scratch1);
            for (int i = 0; i < x.Length; i++)
            {
                Vector<float> w = Vector<float>.One + u[i];
                Vector<float> log1p = Vector.ConditionalSelect(Vector.Equals(w, Vector<float>.One), u[i], logW[i] * u[i] / (w - Vector<float>.One));
                x[i] = Vector.Max(x[i], Vector<float>.Zero) + log1p;
            }
        }

        public static void Backward(Span<float> gradient, Span<float> source, Span<float> scratch0, Span<float> scratch1, float alpha)
        {
            TensorPrimitives.Negate(source, scratch0);
            TensorPrimitives.Exp(scratch0, scratch0);
            Span<Vector<float>> g = Vectors(gradient), e = Vectors(scratch0);
            for (int i = 0; i < g.Length; i++)
            {
                g[i] *= Vector<float>.One - e[i];
            }
        }
    }
}
