using System;
using System.Collections.Generic;

namespace Generated;

/// <summary>What every generated model offers, independent of its targets' type.</summary>
public interface IModel : IDisposable
{
    /// <summary>The declared class name.</summary>
    string Name { get; }

    /// <summary>Floats per input sample.</summary>
    int InputSize { get; }

    /// <summary>Floats per output sample.</summary>
    int OutputSize { get; }

    /// <summary>Largest batch a training step accepts.</summary>
    int MaxBatch { get; }

    /// <summary>Number of trainable scalars.</summary>
    long ParameterCount { get; }

    /// <summary>Train or eval behaviour of stochastic layers; a new model starts in <see cref="ModelMode.Train"/>.</summary>
    ModelMode Mode { get; set; }

    /// <summary>The optimizer's step size, adjustable between steps.</summary>
    double LearningRate { get; set; }

    /// <summary>The layers in execution order.</summary>
    IReadOnlyList<Layer> Layers { get; }

    /// <summary>Parameters in PyTorch naming and layout (<c>Hidden1.weight</c> is <c>[out, in]</c>).</summary>
    IReadOnlyList<ParameterTensor> Parameters { get; }

    /// <summary>Gradients, one per parameter, same names and shapes.</summary>
    IReadOnlyList<ParameterTensor> Gradients { get; }

    /// <summary>
    /// State that is saved and loaded with the parameters but never trained (PyTorch's buffers), e.g. batch
    /// normalisation's <c>Norm.running_mean</c>, <c>Norm.running_var</c> and <c>Norm.num_batches_tracked</c>.
    /// Empty for models without such layers.
    /// </summary>
    IReadOnlyList<ParameterTensor> Buffers => Array.Empty<ParameterTensor>();

    /// <summary>
    /// Runs the network on <c>inputs.Length / InputSize</c> samples (any count; large inputs are processed in
    /// chunks of <see cref="MaxBatch"/>) and writes the final layer's output (logits for a linear output layer).
    /// </summary>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>
    /// Copies rows <paramref name="rows"/> of a feature matrix (<paramref name="rowLength"/> floats each) to the front
    /// of <paramref name="destination"/>, in order: how the trainer builds a shuffled batch. Generated models split
    /// the copy over their threads; the default copies on the calling thread. Like every other call on a model, it must
    /// not overlap another call on the same model (its threads run one job at a time).
    /// </summary>
    void GatherRows(ReadOnlySpan<float> source, int rowLength, ReadOnlySpan<int> rows, Span<float> destination) =>
        Training.RowGather.Copy(source, rowLength, rows, destination);

    /// <summary>
    /// The same gather from rows of bytes (an 8-bit image's pixels), each value decoded as <c>value / divisor</c>,
    /// exactly the float division, on the way: a quarter of the memory traffic of gathering floats. Generated models
    /// split it over their threads.
    /// </summary>
    void GatherRows(ReadOnlySpan<byte> source, float divisor, int rowLength, ReadOnlySpan<int> rows, Span<float> destination) =>
        Training.RowGather.Copy(source, divisor, rowLength, rows, destination);

    /// <summary>Reseeds the stream that draws dropout masks (so a pass can be repeated exactly).</summary>
    void ReseedDropout(long seed);

    /// <summary>A Keras-like table of layers, output shapes and parameter counts.</summary>
    string Summary();
}

/// <summary>A generated model trained against targets of type <typeparamref name="TTarget"/>:
/// <see cref="int"/> class labels for softmax cross-entropy, <see cref="float"/> values otherwise.</summary>
public interface ISupervisedModel<TTarget> : IModel
    where TTarget : unmanaged
{
    /// <summary>Targets per sample: 1 for class labels, <see cref="IModel.OutputSize"/> for float targets.</summary>
    int TargetSize { get; }

    /// <summary>
    /// The declared training objective. It also says what the outputs are: logits per class, one probability
    /// (<see cref="Generated.Loss.BinaryCrossEntropy"/>), one logit (<see cref="Generated.Loss.BinaryCrossEntropyWithLogits"/>)
    /// or values (<see cref="Generated.Loss.MeanSquaredError"/>), which is how accuracy is measured.
    /// </summary>
    Loss Loss { get; }

    /// <summary>Forward, backward and one optimizer update; returns the mean loss of the batch.</summary>
    float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets);

    /// <summary>Forward and backward without updating; gradients land in <see cref="IModel.Gradients"/>.</summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets);

    /// <summary>Forward and loss only (current mode), no gradients.</summary>
    float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets);
}
