using System;
using Generated;

namespace Generated.Runtime.Tests.Training;

/// <summary>Outputs its input features unchanged and has loss 0: a model whose outputs a test writes directly into the data.</summary>
public sealed class PassThroughModel(Loss loss, int size, int maxBatch) : FakeModel(inputSize: size, outputSize: size, maxBatch), ISupervisedModel<float>
{
    public int TargetSize => OutputSize;

    public Loss Loss => loss;

    public override void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) => inputs.CopyTo(outputs);

    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => 0f;

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => 0f;

    public float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => 0f;
}
