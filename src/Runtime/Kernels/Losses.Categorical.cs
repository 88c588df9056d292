using System;

namespace Generated.Kernels;

/// <summary>
/// Cross-entropy of class probabilities (the output of a softmax) against one-hot or soft float targets, or against
/// integer labels, with optional class weights. When the probabilities come from a softmax layer the generator folds
/// its derivative into the loss (<c>gradientIsForLogits</c>), so the gradient written is the one with respect to the
/// logits, p·Σt − t, exact even where a probability underflows; otherwise it is dL/dp.
/// </summary>
public static partial class Losses
{
    /// <summary>
    /// Mean over the batch of −Σ_c w_c·t_c·log p_c (w = 1 without <paramref name="classWeights"/>). With class weights
    /// the mean divides by Σ_rows Σ_c w_c·t_c, the weight of the batch's targets: for one-hot targets that is PyTorch's
    /// Σ w_y, so a one-hot categorical model and a sparse one report the same loss.
    /// </summary>
    public static float CategoricalCrossEntropy(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> targets, Span<float> gradient,
        int batch, int classes, bool gradientIsForLogits, ReadOnlySpan<float> classWeights = default)
    {
        bool weighted = !classWeights.IsEmpty;
        double normalizer = batch;
        if (weighted)
        {
            normalizer = 0;
            for (int row = 0; row < batch; row++)
            {
                normalizer += RowTargetWeight(targets.Slice(row * classes, classes), classWeights);
            }
        }

        float inverse = normalizer > 0 ? (float)(1.0 / normalizer) : 0f;
        bool withGradient = !gradient.IsEmpty;
        double total = 0;
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> p = probabilities.Slice(row * classes, classes);
            ReadOnlySpan<float> t = targets.Slice(row * classes, classes);
            // Σ_c w_c·t_c: the row's share of the gradient p·Σ(w·t) − w·t with respect to the logits.
            float rowWeight = 0f;
            for (int c = 0; c < classes; c++)
            {
                float weightedTarget = (weighted ? classWeights[c] : 1f) * t[c];
                rowWeight += weightedTarget;
                if (weightedTarget != 0f)
                {
                    total -= weightedTarget * MathF.Max(MathF.Log(p[c]), LogFloor);
                }
            }

            if (withGradient)
            {
                Span<float> g = gradient.Slice(row * classes, classes);
                for (int c = 0; c < classes; c++)
                {
                    float weightedTarget = (weighted ? classWeights[c] : 1f) * t[c];
                    g[c] = gradientIsForLogits
                        ? ((p[c] * rowWeight) - weightedTarget) * inverse
                        : -weightedTarget / MathF.Max(p[c], 1e-12f) * inverse;
                }
            }
        }

        return normalizer > 0 ? (float)(total / normalizer) : 0f;
    }

    /// <summary>
    /// Mean over the batch of −w_y·log p_y against integer labels, divided by Σ w_y (by the batch size without
    /// <paramref name="classWeights"/>). Gradient with respect to the logits: w_y·(p − onehot(y)) / Σ w_y.
    /// </summary>
    public static float SparseCategoricalCrossEntropy(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels, Span<float> gradient,
        int batch, int classes, bool gradientIsForLogits, ReadOnlySpan<float> classWeights = default)
    {
        double normalizer = LabelWeightTotal(labels, batch, classes, classWeights);
        float inverse = normalizer > 0 ? (float)(1.0 / normalizer) : 0f;
        bool withGradient = !gradient.IsEmpty;
        double total = 0;
        for (int row = 0; row < batch; row++)
        {
            int label = labels[row];
            float weight = classWeights.IsEmpty ? 1f : classWeights[label];
            ReadOnlySpan<float> p = probabilities.Slice(row * classes, classes);
            total -= weight * MathF.Max(MathF.Log(p[label]), LogFloor);
            if (withGradient)
            {
                Span<float> g = gradient.Slice(row * classes, classes);
                float scale = weight * inverse;
                if (gradientIsForLogits)
                {
                    for (int c = 0; c < classes; c++)
                    {
                        g[c] = p[c] * scale;
                    }

                    g[label] -= scale;
                }
                else
                {
                    g.Clear();
                    g[label] = -scale / MathF.Max(p[label], 1e-12f);
                }
            }
        }

        return normalizer > 0 ? (float)(total / normalizer) : 0f;
    }

    /// <summary>Σ w_label over the batch (the batch size without weights), checking every label first.</summary>
    private static double LabelWeightTotal(ReadOnlySpan<int> labels, int batch, int classes, ReadOnlySpan<float> classWeights)
    {
        double total = 0;
        for (int row = 0; row < batch; row++)
        {
            int label = labels[row];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"Label at sample {row} is outside [0, {classes}).");
            }

            total += classWeights.IsEmpty ? 1.0 : classWeights[label];
        }

        return total;
    }

    private static double RowTargetWeight(ReadOnlySpan<float> targets, ReadOnlySpan<float> classWeights)
    {
        double total = 0;
        for (int c = 0; c < targets.Length; c++)
        {
            total += (double)classWeights[c] * targets[c];
        }

        return total;
    }
}
