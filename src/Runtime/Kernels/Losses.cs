using System;

namespace Generated.Kernels;

/// <summary>
/// Losses with mean reduction, each computing the value and (when a gradient span is given) dL/d(output)
/// in the same pass. Sums run in double so the reported loss does not drift with the batch size.
/// </summary>
public static partial class Losses
{
    // PyTorch clamps log() at -100 in binary cross-entropy so a saturated probability gives a finite loss.
    private const float LogFloor = -100f;

    /// <summary>
    /// Softmax + cross-entropy against integer labels, fused: per row one max, one exp-sum, and the gradient
    /// (softmax - onehot) / batch written directly as dL/dlogits. With <paramref name="classWeights"/> each row counts
    /// w_label times and the mean divides by the batch's Σ w_label (PyTorch's weighted mean).
    /// </summary>
    public static float SoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> gradient, int batch, int classes,
        ReadOnlySpan<float> classWeights = default)
    {
        bool withGradient = !gradient.IsEmpty;
        double normalizer = LabelWeightTotal(labels, batch, classes, classWeights);
        float inverseBatch = normalizer > 0 ? (float)(1.0 / normalizer) : 0f;
        double total = 0;
        for (int row = 0; row < batch; row++)
        {
            int label = labels[row];
            float weight = classWeights.IsEmpty ? 1f : classWeights[label];
            ReadOnlySpan<float> z = logits.Slice(row * classes, classes);
            float max = z[0];
            for (int j = 1; j < classes; j++)
            {
                max = MathF.Max(max, z[j]);
            }

            float sum = 0f;
            for (int j = 0; j < classes; j++)
            {
                float e = MathF.Exp(z[j] - max);
                sum += e;
                if (withGradient)
                {
                    gradient[(row * classes) + j] = e;
                }
            }

            total += weight * (max + MathF.Log(sum) - z[label]);
            if (withGradient)
            {
                Span<float> g = gradient.Slice(row * classes, classes);
                float rowScale = weight * inverseBatch;
                float scale = rowScale / sum;
                for (int j = 0; j < classes; j++)
                {
                    g[j] *= scale;
                }

                g[label] -= rowScale;
            }
        }

        return normalizer > 0 ? (float)(total / normalizer) : 0f;
    }

    /// <summary>
    /// Binary cross-entropy of probabilities p against targets t. When <paramref name="gradientIsForLogits"/>
    /// is true the output came from a sigmoid and the gradient written is dL/dz = (p - t)/n, which stays exact
    /// where p saturates; otherwise it is dL/dp = (p - t) / (p(1 - p) n). A <paramref name="positiveWeight"/> w
    /// (PyTorch's pos_weight) makes each loss −[w·t·log p + (1 − t)·log(1 − p)]: dL/dz = (p(w·t + 1 − t) − w·t)/n.
    /// </summary>
    public static float BinaryCrossEntropy(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> targets, Span<float> gradient, bool gradientIsForLogits,
        float positiveWeight = 1f)
    {
        int count = probabilities.Length;
        bool withGradient = !gradient.IsEmpty;
        float inverseCount = 1f / count;
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            float p = probabilities[i];
            float t = targets[i];
            float logP = MathF.Max(MathF.Log(p), LogFloor);
            float logOneMinusP = MathF.Max(MathF.Log(1f - p), LogFloor);
            float weightedT = positiveWeight * t;
            total -= (weightedT * logP) + ((1f - t) * logOneMinusP);
            if (withGradient)
            {
                float logitGradient = (p * (weightedT + 1f - t)) - weightedT;
                gradient[i] = gradientIsForLogits
                    ? logitGradient * inverseCount
                    : logitGradient / MathF.Max(p * (1f - p), 1e-12f) * inverseCount;
            }
        }

        return (float)(total / count);
    }

    /// <summary>
    /// Sigmoid and binary cross-entropy fused, on logits z: per element max(z, 0) − z·t + log(1 + e^(−|z|)), which
    /// never exponentiates a positive number and so neither overflows nor loses the loss of a confident mistake to a
    /// clamped log; the gradient is dL/dz = (σ(z) − t)/n. A <paramref name="positiveWeight"/> w (PyTorch's pos_weight)
    /// makes each loss w·t·softplus(−z) + (1 − t)·softplus(z), with dL/dz = (σ(z)(w·t + 1 − t) − w·t)/n.
    /// </summary>
    public static float BinaryCrossEntropyWithLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient, float positiveWeight = 1f)
    {
        int count = logits.Length;
        bool withGradient = !gradient.IsEmpty;
        float inverseCount = 1f / count;
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            float z = logits[i];
            float t = targets[i];
            float e = MathF.Exp(-MathF.Abs(z)); // in (0, 1]
            // log(1 + e) in double: in float, 1 + e rounds to 1 once |z| passes about 17.
            double log1p = Math.Log(1.0 + e);
            double weightedT = (double)positiveWeight * t;
            // softplus(z) = max(z, 0) + log1p and softplus(−z) = max(−z, 0) + log1p; with w = 1 this is max(z, 0) − z·t + log1p.
            total += (weightedT * (MathF.Max(-z, 0f) + log1p)) + ((1.0 - t) * (MathF.Max(z, 0f) + log1p));
            if (withGradient)
            {
                // σ(z) from the same e: 1/(1 + e) for z >= 0, e/(1 + e) for z < 0.
                float sigmoid = z >= 0f ? 1f / (1f + e) : e / (1f + e);
                float weightedTarget = positiveWeight * t;
                gradient[i] = ((sigmoid * (weightedTarget + 1f - t)) - weightedTarget) * inverseCount;
            }
        }

        return (float)(total / count);
    }
}
