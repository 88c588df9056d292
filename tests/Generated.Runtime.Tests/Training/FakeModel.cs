using System;
using System.Collections.Generic;
using Generated;

namespace Generated.Runtime.Tests.Training;

/// <summary>The parts of <see cref="IModel"/> that the trainer does not exercise, shared by the test doubles.</summary>
public abstract class FakeModel : IModel
{
    protected FakeModel(int inputSize, int outputSize, int maxBatch)
    {
        InputSize = inputSize;
        OutputSize = outputSize;
        MaxBatch = maxBatch;
    }

    public string Name => GetType().Name;

    public int InputSize { get; }

    public int OutputSize { get; }

    public int MaxBatch { get; }

    public virtual long ParameterCount => 0;

    public ModelMode Mode { get; set; } = ModelMode.Train;

    public double LearningRate { get; set; } = 0.1;

    public IReadOnlyList<Layer> Layers { get; } = [];

    public IReadOnlyList<ParameterTensor> Parameters { get; } = [];

    public IReadOnlyList<ParameterTensor> Gradients { get; } = [];

    public abstract void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);

    public void ReseedDropout(long seed)
    {
    }

    public string Summary() => Name;

    public void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Fails like a generated model would if the trainer broke the span contract (no Assert: it allocates).</summary>
    protected int CheckBatch(ReadOnlySpan<float> inputs, int targets, int targetSize)
    {
        int batch = inputs.Length / InputSize;
        if (batch * InputSize != inputs.Length || batch * targetSize != targets || batch < 1 || batch > MaxBatch)
        {
            throw new InvalidOperationException(
                $"Bad batch: {inputs.Length} inputs, {targets} targets for InputSize {InputSize}, MaxBatch {MaxBatch}.");
        }

        return batch;
    }
}
