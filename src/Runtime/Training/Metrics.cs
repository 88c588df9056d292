using System;
using System.Numerics.Tensors;

namespace Generated.Training;

/// <summary>Counting metrics shared by the trainer and benchmarks; they return counts so callers can sum over chunks.</summary>
public static class Metrics
{
    /// <summary>
    /// Counts rows of <paramref name="outputs"/> (<paramref name="classes"/> scores each) whose largest score sits at
    /// the row's label; ties go to the first maximum, as in NumPy and PyTorch.
    /// </summary>
    public static int ArgMaxCorrect(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, int classes)
    {
        if (classes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "Must be positive.");
        }

        if (outputs.Length != labels.Length * classes)
        {
            throw new ArgumentException(
                $"Outputs hold {outputs.Length} scores, expected {labels.Length} rows of {classes}.", nameof(outputs));
        }

        int correct = 0;
        for (int row = 0; row < labels.Length; row++)
        {
            if (TensorPrimitives.IndexOfMax(outputs.Slice(row * classes, classes)) == labels[row])
            {
                correct++;
            }
        }

        return correct;
    }

    /// <summary>
    /// Counts rows whose largest score sits where the row's one-hot (or soft) target is largest: accuracy for a model
    /// trained with <see cref="Loss.CategoricalCrossEntropy"/>. Ties go to the first maximum on both sides.
    /// </summary>
    public static int ArgMaxMatches(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int classes)
    {
        if (classes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "Must be positive.");
        }

        if (outputs.Length != targets.Length || outputs.Length % classes != 0)
        {
            throw new ArgumentException(
                $"Outputs hold {outputs.Length} scores and targets {targets.Length}; expected equal whole rows of {classes}.", nameof(targets));
        }

        int correct = 0;
        for (int start = 0; start < outputs.Length; start += classes)
        {
            if (TensorPrimitives.IndexOfMax(outputs.Slice(start, classes)) == TensorPrimitives.IndexOfMax(targets.Slice(start, classes)))
            {
                correct++;
            }
        }

        return correct;
    }

    /// <summary>
    /// Counts positions where the predicted class (<c>p &gt;= threshold</c>) equals the target class (<c>t &gt;= 0.5</c>):
    /// accuracy for sigmoid outputs trained with binary cross-entropy on 0/1 (or smoothed) targets. For logits (a
    /// model trained with <see cref="Loss.BinaryCrossEntropyWithLogits"/>) pass a threshold of 0, i.e. probability 0.5.
    /// </summary>
    public static int BinaryCorrect(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> targets, float threshold = 0.5f)
    {
        if (probabilities.Length != targets.Length)
        {
            throw new ArgumentException(
                $"Got {probabilities.Length} probabilities for {targets.Length} targets.", nameof(targets));
        }

        int correct = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            if ((probabilities[i] >= threshold) == (targets[i] >= 0.5f))
            {
                correct++;
            }
        }

        return correct;
    }
}
