using System;
using System.Runtime.InteropServices;

namespace Generated.Training;

/// <summary>
/// Eval passes over a whole dataset in chunks of the model's <see cref="IModel.MaxBatch"/>. Samples are contiguous
/// in a <see cref="Dataset{TTarget}"/>, so chunks are slices: nothing is gathered or copied.
/// </summary>
internal static class Evaluation
{
    /// <summary>
    /// Whether <paramref name="model"/>'s outputs have an accuracy: argmax for class labels, argmax against the
    /// target's argmax for one-hot (or soft) categorical targets, a threshold for a single binary output (see
    /// <see cref="BinaryThreshold"/>); the regression losses (squared, absolute, Huber) have none.
    /// </summary>
    public static bool HasAccuracy<TTarget>(ISupervisedModel<TTarget> model)
        where TTarget : unmanaged
    {
        // typeof comparisons on a type parameter are constants after specialisation: AOT-safe and free.
        if (typeof(TTarget) == typeof(int))
        {
            return model.TargetSize == 1 && model.OutputSize >= 1;
        }

        if (typeof(TTarget) != typeof(float))
        {
            return false;
        }

        return model.Loss switch
        {
            Loss.BinaryCrossEntropy or Loss.BinaryCrossEntropyWithLogits => model.TargetSize == 1 && model.OutputSize == 1,
            Loss.CategoricalCrossEntropy => model.TargetSize == model.OutputSize && model.OutputSize >= 2,
            _ => false,
        };
    }

    /// <summary>
    /// Where a binary output says "class 1": probability 0.5, which for a logit output (trained with
    /// <see cref="Loss.BinaryCrossEntropyWithLogits"/>) is the logit 0.
    /// </summary>
    public static float BinaryThreshold(Loss loss) => loss == Loss.BinaryCrossEntropyWithLogits ? 0f : 0.5f;

    /// <summary>
    /// Mean loss (weighted by chunk size, so exactly the dataset mean; NaN when <paramref name="computeLoss"/> is false)
    /// and accuracy (null when the model has none) in the model's current mode.
    /// </summary>
    /// <param name="outputs">Scratch of at least <c>MaxBatch * OutputSize</c> floats; reused so epochs do not allocate.</param>
    /// <param name="decoded">For a byte dataset, scratch of at least <c>MaxBatch * InputSize</c> floats for each chunk's decoded features.</param>
    public static (double Loss, double? Accuracy) Run<TTarget>(
        ISupervisedModel<TTarget> model, Dataset<TTarget> data, float[] outputs, float[] decoded, bool computeLoss)
        where TTarget : unmanaged
    {
        bool computeAccuracy = HasAccuracy(model);
        int chunkSize = model.MaxBatch;
        int outputSize = model.OutputSize;
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < data.Count; start += chunkSize)
        {
            int size = Math.Min(chunkSize, data.Count - start);
            ReadOnlySpan<float> inputs = data.Rows(start, size, decoded);
            ReadOnlySpan<TTarget> targets = data.Targets.AsSpan(start * data.TargetSize, size * data.TargetSize);
            if (computeLoss)
            {
                lossSum += (double)model.ComputeLoss(inputs, targets) * size;
            }

            if (computeAccuracy)
            {
                Span<float> chunkOutputs = outputs.AsSpan(0, size * outputSize);
                model.Forward(inputs, chunkOutputs);
                correct += CountCorrect(chunkOutputs, targets, outputSize, model.Loss);
            }
        }

        double loss = computeLoss ? lossSum / data.Count : double.NaN;
        double? accuracy = computeAccuracy ? (double)correct / data.Count : null;
        return (loss, accuracy);
    }

    private static int CountCorrect<TTarget>(ReadOnlySpan<float> outputs, ReadOnlySpan<TTarget> targets, int outputSize, Loss loss)
        where TTarget : unmanaged
    {
        if (typeof(TTarget) == typeof(int))
        {
            return Metrics.ArgMaxCorrect(outputs, MemoryMarshal.Cast<TTarget, int>(targets), outputSize);
        }

        if (loss == Loss.CategoricalCrossEntropy)
        {
            return Metrics.ArgMaxMatches(outputs, MemoryMarshal.Cast<TTarget, float>(targets), outputSize);
        }

        return Metrics.BinaryCorrect(outputs, MemoryMarshal.Cast<TTarget, float>(targets), BinaryThreshold(loss));
    }
}
