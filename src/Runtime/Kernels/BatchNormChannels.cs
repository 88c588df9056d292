using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>
/// The per-channel form of batch normalisation (PyTorch BatchNorm2d) for NCHW samples: channel c of sample n is one
/// contiguous plane of <c>positions</c> floats, and the statistics of channel c run over the N planes that hold it.
/// Every inner operation is a vector sweep over one plane; nothing is stored per position, the backward pass works from
/// the input and the mean, inverse standard deviation, scale and shift the forward pass left in the work region.
/// </summary>
public static unsafe partial class BatchNorm
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
        int batch, int channels, int positions, float momentum, float epsilon, bool training, int first, int end, SimdLevel level, bool relu = false)
    {
        CheckPlanes(x.Length, y.Length, nameof(y), batch, channels, positions);
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
            fixed (float* px = x, py = y)
            {
                for (int n = 0; n < batch; n++)
                {
                    // The fused ReLU rectifies in the same sweep, with the stand-alone layer's rule (NaN stays NaN).
                    long start = PlaneStart(n, c, channels, positions);
                    ChannelSweeps.Normalize(level, px + start, py + start, positions, scale, shift, relu);
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
        SimdLevel level, bool relu = false)
    {
        CheckPlanes(x.Length, gradient.Length, nameof(gradient), batch, channels, positions);
        ReadOnlySpan<float> mean = statistics.Slice(0, channels);
        ReadOnlySpan<float> inverseStd = statistics.Slice(channels, channels);
        float inverseCount = 1f / ((float)batch * positions);
        fixed (float* px = x, pdy = gradient)
        {
            for (int c = first; c < end; c++)
            {
                double dyTotal = 0, dyCentered = 0;
                float scale = statistics[(2 * channels) + c], shift = statistics[(3 * channels) + c];
                for (int n = 0; n < batch; n++)
                {
                    // The fused ReLU's derivative first, in the same pass as the sums below.
                    long start = PlaneStart(n, c, channels, positions);
                    (double total, double centered) = ChannelSweeps.GradientSums(level, pdy + start, px + start, positions, mean[c], scale, shift, relu);
                    dyTotal += total;
                    dyCentered += centered;
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
                    long start = PlaneStart(n, c, channels, positions);
                    ChannelSweeps.InputGradient(level, pdy + start, px + start, positions, k, b, offset);
                }
            }
        }
    }

    /// <summary>
    /// The planes are swept through pointers: x and the output (or gradient) must hold every plane, or a short span would
    /// be read or written past its end (the per-channel values are still read through checked spans).
    /// </summary>
    private static void CheckPlanes(int x, int output, string outputName, int batch, int channels, int positions)
    {
        int values = checked(batch * channels * positions);
        Checks.AtLeast(x, values, "x", "batch x channels x positions");
        Checks.AtLeast(output, values, outputName, "batch x channels x positions");
    }

    /// <summary>Where plane (sample, channel) starts in a [batch, channels, positions] buffer.</summary>
    private static long PlaneStart(int sample, int channel, int channels, int positions) => (((long)sample * channels) + channel) * positions;

    private static ReadOnlySpan<float> Plane(ReadOnlySpan<float> values, int sample, int channel, int channels, int positions) =>
        values.Slice(((sample * channels) + channel) * positions, positions);
}
