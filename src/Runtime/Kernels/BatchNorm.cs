using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>
/// Batch normalisation over the features of flat rows, PyTorch BatchNorm1d semantics, forward and backward side by
/// side. Training normalises with the batch mean and biased variance and moves the running statistics towards the
/// batch ones (the running variance takes the unbiased estimate); evaluation uses the running statistics.
/// </summary>
/// <remarks>
/// <c>statistics</c> is a planned work region of 4 × features floats: [mean | inverse std | two row temporaries]; the per-channel form keeps each channel's scale and shift in the last two
/// for the backward pass (a fused ReLU's mask).
/// The forward pass leaves the mean and inverse standard deviation it normalised with there, so the backward pass
/// needs neither the normalised values nor any allocation. Rows are processed whole, so every inner operation is a
/// vectorised sweep over the features.
/// </remarks>
public static partial class BatchNorm
{
    /// <summary>Work slots per feature: mean, inverse std and two row temporaries (the per-channel form's scale and shift).</summary>
    private const int StatisticsSlots = 4;

    /// <summary>Floats of work memory one layer of <paramref name="features"/> needs.</summary>
    public static int WorkLength(int features) => StatisticsSlots * features;

    /// <summary>
    /// y = gamma ⊙ (x − mean) / sqrt(var + ε) + beta. In training the batch statistics are used and the running ones
    /// updated (running = (1 − momentum)·running + momentum·batch); <paramref name="batchesTracked"/> counts the
    /// training batches, as PyTorch's <c>num_batches_tracked</c> does.
    /// </summary>
    /// <exception cref="ArgumentException">Training with one sample: its variance is zero, so it has no statistics.</exception>
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y,
        Span<float> runningMean, Span<float> runningVar, Span<float> batchesTracked, Span<float> statistics,
        int batch, int features, float momentum, float epsilon, bool training) =>
        Forward(x, gamma, beta, y, runningMean, runningVar, batchesTracked, statistics, batch, features, 1, momentum, epsilon, training);

    /// <summary>
    /// <see cref="Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float}, Span{float}, Span{float}, int, int, float, float, bool)"/>
    /// for samples laid out [features, positions] (NCHW: a feature is a channel, a position a pixel): the statistics of a
    /// channel run over the batch and every position (PyTorch BatchNorm2d). <paramref name="positions"/> = 1 is BatchNorm1d.
    /// </summary>
    /// <exception cref="ArgumentException">Training with a single value per channel: it has no variance.</exception>
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y,
        Span<float> runningMean, Span<float> runningVar, Span<float> batchesTracked, Span<float> statistics,
        int batch, int features, int positions, float momentum, float epsilon, bool training)
    {
        if (positions > 1)
        {
            ChannelForward(x, gamma, beta, y, runningMean, runningVar, statistics, batch, features, positions, momentum, epsilon, training, 0, features, SimdSelection.Best);
            if (training)
            {
                batchesTracked[0] += 1f;
            }

            return;
        }

        Span<float> mean = statistics.Slice(0, features);
        Span<float> inverseStd = statistics.Slice(features, features);
        Span<float> scale = statistics.Slice(2 * features, features);
        Span<float> shift = statistics.Slice(3 * features, features);
        if (training)
        {
            Checks.BatchStatisticsSamples(batch, nameof(batch));
            BatchStatistics(x, mean, inverseStd, scale, batch, features);
            Span<float> variance = inverseStd;
            for (int j = 0; j < features; j++)
            {
                inverseStd[j] = UpdateRunning(ref runningMean[j], ref runningVar[j], mean[j], variance[j], batch, momentum, epsilon);
            }

            batchesTracked[0] += 1f;
        }
        else
        {
            runningMean.CopyTo(mean);
            for (int j = 0; j < features; j++)
            {
                inverseStd[j] = 1f / MathF.Sqrt(runningVar[j] + epsilon);
            }
        }

        // y = x·scale + shift with scale = gamma/std and shift = beta − mean·scale: one fused sweep per row.
        TensorPrimitives.Multiply(gamma, inverseStd, scale);
        TensorPrimitives.Multiply(mean, scale, shift);
        TensorPrimitives.Subtract(beta, shift, shift);
        for (int row = 0; row < batch; row++)
        {
            TensorPrimitives.FusedMultiplyAdd(x.Slice(row * features, features), scale, shift, y.Slice(row * features, features));
        }
    }

    /// <summary>
    /// Backward of <see cref="Forward"/>. On entry <paramref name="gradient"/> holds dL/dy; with x̂ = (x − mean)/std,
    /// dbeta = Σ dy and dgamma = Σ dy·x̂ over the batch (overwritten, not accumulated). When
    /// <paramref name="inputGradient"/> is set the gradient becomes dL/dx in place: in training
    /// dx = gamma/std · (dy − (dbeta + x̂·dgamma)/N), because the batch statistics depend on every sample; in
    /// evaluation the statistics are constants and dx = gamma/std · dy.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, Span<float> gradient, Span<float> gradGamma, Span<float> gradBeta,
        Span<float> statistics, int batch, int features, bool training, bool inputGradient) =>
        Backward(x, gamma, gradient, gradGamma, gradBeta, statistics, batch, features, 1, training, inputGradient);

    /// <summary>Backward of the per-channel form; <paramref name="positions"/> = 1 is the per-feature one.</summary>
    public static void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, Span<float> gradient, Span<float> gradGamma, Span<float> gradBeta,
        Span<float> statistics, int batch, int features, int positions, bool training, bool inputGradient)
    {
        if (positions > 1)
        {
            ChannelBackward(x, gamma, gradient, gradGamma, gradBeta, statistics, batch, features, positions, training, inputGradient, 0, features, SimdSelection.Best);
            return;
        }

        ReadOnlySpan<float> mean = statistics.Slice(0, features);
        ReadOnlySpan<float> inverseStd = statistics.Slice(features, features);
        Span<float> normalized = statistics.Slice(2 * features, features);
        Span<float> coefficient = statistics.Slice(3 * features, features);
        gradGamma.Clear();
        gradBeta.Clear();
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> dy = gradient.Slice(row * features, features);
            Normalize(x.Slice(row * features, features), mean, inverseStd, normalized);
            TensorPrimitives.FusedMultiplyAdd(dy, normalized, gradGamma, gradGamma);
            TensorPrimitives.Add(dy, gradBeta, gradBeta);
        }

        if (!inputGradient)
        {
            return;
        }

        TensorPrimitives.Multiply(gamma, inverseStd, coefficient);
        float inverseBatch = 1f / batch;
        for (int row = 0; row < batch; row++)
        {
            Span<float> dy = gradient.Slice(row * features, features);
            if (training)
            {
                // normalized = dy − (x̂·dgamma + dbeta)/N, computed in the temporary; dy is overwritten only at the end.
                Normalize(x.Slice(row * features, features), mean, inverseStd, normalized);
                TensorPrimitives.FusedMultiplyAdd(normalized, gradGamma, gradBeta, normalized);
                TensorPrimitives.MultiplyAdd(normalized, -inverseBatch, dy, normalized);
                TensorPrimitives.Multiply(normalized, coefficient, dy);
            }
            else
            {
                TensorPrimitives.Multiply(dy, coefficient, dy);
            }
        }
    }

    /// <summary>
    /// Moves the running statistics towards the batch ones, running = (1 − m)·running + m·batch, the variance with the
    /// unbiased estimate (count/(count − 1) times the biased one, as PyTorch); returns the inverse standard deviation the
    /// batch is normalised with.
    /// </summary>
    private static float UpdateRunning(ref float runningMean, ref float runningVar, float mean, float variance, long count, float momentum, float epsilon)
    {
        runningMean = ((1f - momentum) * runningMean) + (momentum * mean);
        runningVar = ((1f - momentum) * runningVar) + (momentum * variance * (count / (float)(count - 1)));
        return 1f / MathF.Sqrt(variance + epsilon);
    }

    /// <summary>Per-feature batch mean and biased variance, two passes (stable where the mean is large).</summary>
    private static void BatchStatistics(ReadOnlySpan<float> x, Span<float> mean, Span<float> variance, Span<float> centered, int batch, int features)
    {
        mean.Clear();
        variance.Clear();
        for (int row = 0; row < batch; row++)
        {
            TensorPrimitives.Add(x.Slice(row * features, features), mean, mean);
        }

        float inverseBatch = 1f / batch;
        TensorPrimitives.Multiply(mean, inverseBatch, mean);
        for (int row = 0; row < batch; row++)
        {
            TensorPrimitives.Subtract(x.Slice(row * features, features), mean, centered);
            TensorPrimitives.FusedMultiplyAdd(centered, centered, variance, variance);
        }

        TensorPrimitives.Multiply(variance, inverseBatch, variance);
    }

    private static void Normalize(ReadOnlySpan<float> row, ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd, Span<float> destination)
    {
        TensorPrimitives.Subtract(row, mean, destination);
        TensorPrimitives.Multiply(destination, inverseStd, destination);
    }
}
