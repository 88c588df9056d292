using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Generated.Kernels;

/// <summary>
/// Layer normalisation of flat rows, PyTorch <c>nn.LayerNorm(features)</c> semantics, forward and backward side by side.
/// Each sample (a row of <c>features</c> floats of a [batch, features] row-major span) is normalised with its own mean
/// and biased variance, then scaled by gamma and shifted by beta elementwise. Unlike batch normalisation the
/// statistics never mix samples, so training and evaluation compute the same thing and there are no running statistics.
/// </summary>
/// <remarks>
/// <para>
/// <c>statistics</c> is the layer's own buffer of <see cref="WorkLength"/>(maxBatch) = 2 × maxBatch floats (sized by the
/// MaxBatch the model is built with), interleaved
/// per sample: <c>statistics[2r]</c> is the mean of row r and <c>statistics[2r + 1]</c> its inverse standard deviation
/// 1/sqrt(var + ε). The forward pass writes them, the backward pass of the same step reads them, so the backward pass
/// needs neither the normalised values nor any allocation. A row's pair sits at the same place whatever the batch,
/// so the layout does not depend on the batch size (forward and backward of one step share it anyway).
/// </para>
/// <para>
/// gamma and beta are both of length <c>features</c> (PyTorch's <c>elementwise_affine=True</c>), or both empty for no
/// affine transform (<c>elementwise_affine=False</c>): y = x̂, and the backward pass ignores the parameter gradients.
/// </para>
/// <para>
/// Precision: statistics are accumulated in float (vectorised sums: many partial sums, so rounding grows slowly with
/// the row length), in two passes over the row shifted by its first value x₀. The first pass gives mean − x₀, the
/// second the variance as the mean square of the centred row. The one-pass E[x²] − E[x]² would cancel catastrophically
/// when |mean| ≫ std; centring first leaves only the mean's own rounding δ, which adds δ² to the variance (second
/// order, far below any ε in use). The shift keeps the summed numbers of the size of the spread rather than of the
/// mean, so δ is relative to the spread, and it makes a constant row exact: its centred values are exactly 0 and y is
/// exactly beta. Double accumulation would buy nothing these do not already give, at half the vector width. The backward
/// reductions likewise centre x before multiplying.
/// </para>
/// </remarks>
public static class LayerNorm
{
    /// <summary>Work slots per sample: mean and inverse std.</summary>
    private const int StatisticsSlots = 2;

    /// <summary>Floats of work memory a layer run on up to <paramref name="maxBatch"/> samples needs.</summary>
    public static int WorkLength(int maxBatch) => StatisticsSlots * maxBatch;

    /// <summary>
    /// y = gamma ⊙ (x − mean) / sqrt(var + ε) + beta for every row, with the row's mean and biased variance; leaves the
    /// mean and inverse standard deviation of row r in <c>statistics[2r]</c> and <c>statistics[2r + 1]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">gamma and beta are neither both empty nor both of length <paramref name="features"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A span is shorter than the shape needs (checked before anything is written).</exception>
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y, Span<float> statistics,
        int batch, int features, float epsilon)
    {
        bool affine = CheckShape(gamma, beta.Length, batch, features);
        int length = checked(batch * features);
        x = x.Slice(0, length);
        y = y.Slice(0, length);
        statistics = statistics.Slice(0, StatisticsSlots * batch);
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> xr = x.Slice(row * features, features);
            Span<float> yr = y.Slice(row * features, features);
            // y holds the centred row until it is scaled: (x − x₀) − (mean − x₀), the row shifted by its first value first.
            float shift = xr[0];
            TensorPrimitives.Subtract(xr, shift, yr);
            float offset = TensorPrimitives.Sum<float>(yr) / features;
            TensorPrimitives.Subtract(yr, offset, yr);
            float variance = TensorPrimitives.SumOfSquares<float>(yr) / features;
            float inverseStd = 1f / MathF.Sqrt(variance + epsilon);
            statistics[StatisticsSlots * row] = shift + offset;
            statistics[(StatisticsSlots * row) + 1] = inverseStd;
            if (affine)
            {
                TensorPrimitives.Multiply(yr, gamma, yr);
                TensorPrimitives.MultiplyAdd(yr, inverseStd, beta, yr);
            }
            else
            {
                TensorPrimitives.Multiply(yr, inverseStd, yr);
            }
        }
    }

    /// <summary>
    /// Backward of <see cref="Forward"/>, reading the statistics it left. On entry <paramref name="gradient"/> holds dL/dy;
    /// with x̂ = (x − mean)·inverseStd, dgamma = Σ dy ⊙ x̂ and dbeta = Σ dy over the batch (overwritten, not accumulated,
    /// as every parameter gradient of a step; untouched when there is no affine transform). When
    /// <paramref name="needsInputGradient"/> is set the gradient becomes dL/dx in place: with g = dy ⊙ gamma, per row
    /// dx = inverseStd/N · (N·g − Σg − x̂·Σ(g ⊙ x̂)); otherwise it is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">gamma is neither empty nor of length <paramref name="features"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A span is shorter than the shape needs (checked before anything is written).</exception>
    public static void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, Span<float> gradient, Span<float> gammaGradient, Span<float> betaGradient,
        ReadOnlySpan<float> statistics, int batch, int features, bool needsInputGradient)
    {
        bool affine = CheckShape(gamma, gamma.Length, batch, features);
        int length = checked(batch * features);
        x = x.Slice(0, length);
        gradient = gradient.Slice(0, length);
        statistics = statistics.Slice(0, StatisticsSlots * batch);
        if (affine)
        {
            gammaGradient = gammaGradient.Slice(0, features);
            betaGradient = betaGradient.Slice(0, features);
            gammaGradient.Clear();
            betaGradient.Clear();
        }

        float inverseFeatures = 1f / features;
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> xr = x.Slice(row * features, features);
            Span<float> dy = gradient.Slice(row * features, features);
            float mean = statistics[StatisticsSlots * row];
            float inverseStd = statistics[(StatisticsSlots * row) + 1];
            double sumG, sumGNormalized;
            if (affine)
            {
                ParameterGradients(xr, dy, gamma, gammaGradient, betaGradient, mean, inverseStd, out sumG, out sumGNormalized);
            }
            else
            {
                sumG = TensorPrimitives.Sum<float>(dy);
                sumGNormalized = Centered.Dot(dy, xr, mean) * inverseStd;
            }

            if (needsInputGradient)
            {
                if (affine)
                {
                    TensorPrimitives.Multiply(dy, gamma, dy); // dy becomes g; dy itself is no longer needed
                }

                InputGradient(dy, xr, mean, inverseStd, (float)sumG * inverseFeatures, (float)sumGNormalized * inverseFeatures);
            }
        }
    }

    /// <summary>Checks the shape and whether there is an affine transform: gamma and the other parameter both of length features, or both empty.</summary>
    private static bool CheckShape(ReadOnlySpan<float> gamma, int betaLength, int batch, int features)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if (gamma.IsEmpty)
        {
            Checks.Length(betaLength, 0, "beta", "none: gamma is empty, so there is no affine transform");
            return false;
        }

        Checks.Length(gamma.Length, features, nameof(gamma), "one per feature, or none for no affine transform");
        Checks.Length(betaLength, features, "beta", "one per feature, as gamma");
        return true;
    }

    /// <summary>
    /// One row's share of the parameter gradients, dgamma += dy ⊙ x̂ and dbeta += dy, with x̂ recomputed on the fly; returns
    /// Σg and Σ(g ⊙ x̂) for g = dy ⊙ gamma, the two reductions the input gradient needs.
    /// </summary>
    private static void ParameterGradients(
        ReadOnlySpan<float> x, ReadOnlySpan<float> dy, ReadOnlySpan<float> gamma, Span<float> gammaGradient, Span<float> betaGradient,
        float mean, float inverseStd, out double sumG, out double sumGNormalized)
    {
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        ReadOnlySpan<Vector<float>> dv = MemoryMarshal.Cast<float, Vector<float>>(dy);
        ReadOnlySpan<Vector<float>> gv = MemoryMarshal.Cast<float, Vector<float>>(gamma);
        Span<Vector<float>> dgv = MemoryMarshal.Cast<float, Vector<float>>(gammaGradient);
        Span<Vector<float>> dbv = MemoryMarshal.Cast<float, Vector<float>>(betaGradient);
        var center = new Vector<float>(mean);
        var scale = new Vector<float>(inverseStd);
        Vector<float> g = Vector<float>.Zero, gx = Vector<float>.Zero;
        for (int i = 0; i < xv.Length; i++)
        {
            Vector<float> normalized = (xv[i] - center) * scale;
            Vector<float> d = dv[i];
            dgv[i] += d * normalized;
            dbv[i] += d;
            Vector<float> scaled = d * gv[i];
            g += scaled;
            gx += scaled * normalized;
        }

        sumG = Vector.Sum(g);
        sumGNormalized = Vector.Sum(gx);
        for (int i = xv.Length * Vector<float>.Count; i < x.Length; i++)
        {
            float normalized = (x[i] - mean) * inverseStd;
            gammaGradient[i] += dy[i] * normalized;
            betaGradient[i] += dy[i];
            float scaled = dy[i] * gamma[i];
            sumG += scaled;
            sumGNormalized += scaled * normalized;
        }
    }

    /// <summary>
    /// g ← inverseStd · (g − mean(g) − x̂ · mean(g ⊙ x̂)) in place, one sweep, x̂ recomputed from the centred x (not
    /// x·scale + offset, which would cancel when |mean| ≫ std).
    /// </summary>
    private static void InputGradient(Span<float> g, ReadOnlySpan<float> x, float mean, float inverseStd, float meanG, float meanGNormalized)
    {
        Span<Vector<float>> gv = MemoryMarshal.Cast<float, Vector<float>>(g);
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        float slope = inverseStd * inverseStd * meanGNormalized; // x̂·mean(g ⊙ x̂)·inverseStd = (x − mean)·slope
        var center = new Vector<float>(mean);
        var scale = new Vector<float>(inverseStd);
        var shift = new Vector<float>(meanG);
        var slopes = new Vector<float>(slope);
        for (int i = 0; i < gv.Length; i++)
        {
            gv[i] = ((gv[i] - shift) * scale) - ((xv[i] - center) * slopes);
        }

        for (int i = gv.Length * Vector<float>.Count; i < g.Length; i++)
        {
            g[i] = ((g[i] - meanG) * inverseStd) - ((x[i] - mean) * slope);
        }
    }
}
