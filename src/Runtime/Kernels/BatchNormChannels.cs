using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Generated.Kernels;

/// <summary>
/// The per-channel form of batch normalisation (PyTorch BatchNorm2d) for NCHW samples: channel c of sample n is one
/// contiguous plane of <c>positions</c> floats, and the statistics of channel c run over the N planes that hold it.
/// Every inner operation is a vector sweep over one plane; nothing is stored per position, the backward pass works from
/// the input and the mean, inverse standard deviation, scale and shift the forward pass left in the work region.
/// </summary>
public static partial class BatchNorm
{
    /// <summary>
    /// The forward pass for channels [<paramref name="first"/>, <paramref name="end"/>): statistics (two passes, stable
    /// where the mean is large), running statistics, then every plane of the channel as y = x·scale + shift, rectified
    /// when <paramref name="relu"/> (a fused ReLU). Channels are independent, so ranges of them can run on different
    /// threads; the caller counts the batch.
    /// </summary>
    internal static void ChannelForward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y,
        Span<float> runningMean, Span<float> runningVar, Span<float> statistics,
        int batch, int channels, int positions, float momentum, float epsilon, bool training, int first, int end, bool relu = false)
    {
        long count = (long)batch * positions;
        for (int c = first; c < end; c++)
        {
            float mean, inverseStd;
            if (training)
            {
                double sum = 0;
                for (int n = 0; n < batch; n++)
                {
                    sum += TensorPrimitives.Sum(Plane(x, n, c, channels, positions));
                }

                mean = (float)(sum / count);
                double squares = 0;
                for (int n = 0; n < batch; n++)
                {
                    squares += Centered.Dot(Plane(x, n, c, channels, positions), Plane(x, n, c, channels, positions), mean);
                }

                inverseStd = UpdateRunning(ref runningMean[c], ref runningVar[c], mean, (float)(squares / count), count, momentum, epsilon);
            }
            else
            {
                mean = runningMean[c];
                inverseStd = 1f / MathF.Sqrt(runningVar[c] + epsilon);
            }

            float scale = gamma[c] * inverseStd, shift = beta[c] - (mean * scale);
            statistics[c] = mean;
            statistics[channels + c] = inverseStd;
            statistics[(2 * channels) + c] = scale; // for a fused ReLU's mask in the backward pass
            statistics[(3 * channels) + c] = shift;
            for (int n = 0; n < batch; n++)
            {
                int start = ((n * channels) + c) * positions;
                Span<float> plane = y.Slice(start, positions);
                Affine(x.Slice(start, positions), scale, shift, plane);
                if (relu)
                {
                    // The fused ReLU on the plane while it is in L1, with the stand-alone layer's operation (NaN stays NaN).
                    TensorPrimitives.Max(plane, 0f, plane);
                }
            }
        }
    }

    /// <summary>
    /// The backward pass for channels [first, end). With <paramref name="relu"/> (the forward pass rectified) the incoming
    /// gradient is the ReLU's, and is first zeroed plane by plane where the normalised value x·scale + shift was not
    /// positive; that value is recomputed from x with the forward sweep's arithmetic and its scale and shift, so the mask
    /// is the forward's bit for bit, and the rectified output (as large again as x) is never read. Then dgamma_c = Σ dy·x̂ and dbeta_c = Σ dy over the channel's planes; then, with k = gamma·invstd and M = N·positions,
    /// dx = k·(dy − dbeta/M − x̂·dgamma/M) in training, which per plane is the affine sweep k·dy + b·x + (c − b·mean) with
    /// b = −k·invstd·dgamma/M and c = −k·dbeta/M; in evaluation dx = k·dy.
    /// </summary>
    internal static void ChannelBackward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, Span<float> gradient, Span<float> gradGamma, Span<float> gradBeta,
        Span<float> statistics, int batch, int channels, int positions, bool training, bool inputGradient, int first, int end,
        bool relu = false)
    {
        ReadOnlySpan<float> mean = statistics.Slice(0, channels);
        ReadOnlySpan<float> inverseStd = statistics.Slice(channels, channels);
        float inverseCount = 1f / ((float)batch * positions);
        for (int c = first; c < end; c++)
        {
            double dyTotal = 0, dyCentered = 0;
            for (int n = 0; n < batch; n++)
            {
                if (relu)
                {
                    // The fused ReLU's derivative first, while the plane is in L1 for the sums below.
                    MaskWhereNotPositive(Plane(gradient, n, c, channels, positions), Plane(x, n, c, channels, positions),
                        statistics[(2 * channels) + c], statistics[(3 * channels) + c]);
                }

                ReadOnlySpan<float> dy = Plane(gradient, n, c, channels, positions);
                dyTotal += TensorPrimitives.Sum(dy);
                dyCentered += Centered.Dot(dy, Plane(x, n, c, channels, positions), mean[c]);
            }

            float dgamma = (float)dyCentered * inverseStd[c];
            float dbeta = (float)dyTotal;
            gradGamma[c] = dgamma;
            gradBeta[c] = dbeta;
            if (!inputGradient)
            {
                continue;
            }

            float k = gamma[c] * inverseStd[c];
            float b = training ? -k * inverseStd[c] * dgamma * inverseCount : 0f;
            float offset = training ? (-k * dbeta * inverseCount) - (b * mean[c]) : 0f;
            for (int n = 0; n < batch; n++)
            {
                InputGradient(Plane(gradient, n, c, channels, positions), k, Plane(x, n, c, channels, positions), b, offset);
            }
        }
    }

    private static Span<float> Plane(Span<float> values, int sample, int channel, int channels, int positions) =>
        values.Slice(((sample * channels) + channel) * positions, positions);

    private static ReadOnlySpan<float> Plane(ReadOnlySpan<float> values, int sample, int channel, int channels, int positions) =>
        values.Slice(((sample * channels) + channel) * positions, positions);

    /// <summary>y = x·s + t in one sweep.</summary>
    private static void Affine(ReadOnlySpan<float> x, float s, float t, Span<float> y)
    {
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        Span<Vector<float>> yv = MemoryMarshal.Cast<float, Vector<float>>(y);
        var scale = new Vector<float>(s);
        var shift = new Vector<float>(t);
        for (int i = 0; i < xv.Length; i++)
        {
            yv[i] = (xv[i] * scale) + shift;
        }

        for (int i = xv.Length * Vector<float>.Count; i < x.Length; i++)
        {
            y[i] = (x[i] * s) + t;
        }
    }

    /// <summary>
    /// dy = 0 where x·s + t is not positive (NaN included), the ReLU's derivative at the output <see cref="Affine"/> gives:
    /// the same expression in the same vector and tail form, so each value is the forward's to the bit.
    /// </summary>
    private static void MaskWhereNotPositive(Span<float> dy, ReadOnlySpan<float> x, float s, float t)
    {
        Span<Vector<float>> dv = MemoryMarshal.Cast<float, Vector<float>>(dy);
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        var scale = new Vector<float>(s);
        var shift = new Vector<float>(t);
        for (int i = 0; i < dv.Length; i++)
        {
            dv[i] = Vector.ConditionalSelect(Vector.GreaterThan((xv[i] * scale) + shift, Vector<float>.Zero), dv[i], Vector<float>.Zero);
        }

        for (int i = dv.Length * Vector<float>.Count; i < dy.Length; i++)
        {
            dy[i] = ((x[i] * s) + t) > 0f ? dy[i] : 0f;
        }
    }

    /// <summary>dy = k·dy + b·x + offset in one sweep.</summary>
    private static void InputGradient(Span<float> dy, float k, ReadOnlySpan<float> x, float b, float offset)
    {
        Span<Vector<float>> dv = MemoryMarshal.Cast<float, Vector<float>>(dy);
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        var kv = new Vector<float>(k);
        var bv = new Vector<float>(b);
        var ov = new Vector<float>(offset);
        for (int i = 0; i < dv.Length; i++)
        {
            dv[i] = (dv[i] * kv) + (xv[i] * bv) + ov;
        }

        for (int i = dv.Length * Vector<float>.Count; i < dy.Length; i++)
        {
            dy[i] = (dy[i] * k) + (x[i] * b) + offset;
        }
    }
}
