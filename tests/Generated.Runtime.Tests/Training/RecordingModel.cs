using System;
using System.Collections.Generic;
using Generated;
using Generated.Training;
using Xunit;

namespace Generated.Runtime.Tests.Training;

/// <summary>
/// Learns nothing; records what the trainer feeds it. Datasets for it carry each sample's index as its label and
/// as its first feature, so a recorded batch says exactly which samples were seen and whether rows stayed aligned.
/// </summary>
public sealed class RecordingModel : FakeModel, ISupervisedModel<int>
{
    // Labels are sample ids, and the trainer refuses a label without an output unit: one "class" per possible id.
    private const int IdClasses = 4096;

    public RecordingModel(int inputSize = 2, int maxBatch = 16)
        : base(inputSize, IdClasses, maxBatch)
    {
    }

    public int TargetSize => 1;

    Generated.Loss ISupervisedModel<int>.Loss => Generated.Loss.SoftmaxCrossEntropy;

    /// <summary>Sample ids of every training step, in order.</summary>
    public List<int[]> Batches { get; } = [];

    /// <summary>Mode seen by each training step and each loss evaluation.</summary>
    public List<ModelMode> TrainModes { get; } = [];

    public List<ModelMode> EvalModes { get; } = [];

    /// <summary>Zero-based step index at which TrainStep returns NaN; -1 for never.</summary>
    public int NaNAtStep { get; set; } = -1;

    public float Loss { get; set; } = 1f;

    public override void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        // Always predicts class 0.
        outputs.Slice(0, inputs.Length / InputSize * OutputSize).Clear();
    }

    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets)
    {
        int batch = CheckBatch(inputs, targets.Length, TargetSize);
        int[] ids = new int[batch];
        for (int n = 0; n < batch; n++)
        {
            ids[n] = targets[n];
            for (int j = 0; j < InputSize; j++)
            {
                Assert.Equal(Feature(targets[n], j), inputs[(n * InputSize) + j]); // the whole row, paired with its label
            }
        }

        TrainModes.Add(Mode);
        Batches.Add(ids);
        return Batches.Count - 1 == NaNAtStep ? float.NaN : Loss;
    }

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets) => Loss;

    public float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets)
    {
        CheckBatch(inputs, targets.Length, TargetSize);
        EvalModes.Add(Mode);
        return Loss;
    }

    /// <summary>
    /// A dataset of <paramref name="count"/> samples whose label and first feature are the sample's index; feature j of
    /// sample i is <see cref="Feature"/>(i, j), so a whole gathered row can be checked.
    /// </summary>
    public static Dataset<int> IdDataset(int count, int inputSize = 2)
    {
        float[] features = new float[count * inputSize];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < inputSize; j++)
            {
                features[(i * inputSize) + j] = Feature(i, j);
            }

            labels[i] = i;
        }

        return new Dataset<int>(features, labels, inputSize);
    }

    /// <summary>Feature j of sample i: the index first, then values that differ along the row and between rows.</summary>
    public static float Feature(int i, int j) => j == 0 ? i : ((i * 31) + j) % 997;
}
