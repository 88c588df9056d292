namespace Generated.SourceGeneration;

/// <summary>One layer after planning: its shapes, its place in the arena and its buffers.</summary>
/// <param name="WeightOffset">Start of the weight in the parameter region (gradients sit at the same offset plus the parameter count); -1 without parameters.</param>
/// <param name="BiasOffset">Start of the bias, or -1.</param>
/// <param name="NeedsInputGradient">True when some input depends on a parameter, so someone consumes dL/dx (see <see cref="LayerPlan.InputGradients"/>).</param>
/// <param name="GradientBuffer">Which gradient buffer holds dL/d(output) when the backward pass reaches this layer (<see cref="GradientPlanner"/>).</param>
/// <param name="DerivativeInLoss">The loss already produced dL/dz for this layer (sigmoid + binary cross-entropy).</param>
internal sealed partial record LayerPlan(
    string Name,
    string Modifiers,
    string StubSignature,
    LayerKind Kind,
    int Index,
    int Inputs,
    int Outputs,
    ActivationKind Activation,
    InitKind Init,
    double LeakySlope,
    double Rate,
    int WeightOffset,
    int BiasOffset,
    bool NeedsInputGradient,
    int GradientBuffer,
    bool DerivativeInLoss,
    string OutputShapeText)
{
    /// <summary>Output shape of one sample (no batch dimension).</summary>
    public EquatableArray<int> Shape { get; init; } = EquatableArray<int>.Empty;

    /// <summary>
    /// Which layer's buffer holds this layer's output: the layer itself, an earlier layer for a view (Flatten,
    /// Reshape, a Linear activation), or -1 when a view passes the model input straight through.
    /// </summary>
    public int Source { get; init; }

    /// <summary>The output is another buffer reinterpreted: no work forward, the gradient passes through unchanged.</summary>
    public bool IsView => Source != Index;

    /// <summary>
    /// Per-channel batch norm whose only reader is a ReLU: the normalising sweep also rectifies, the ReLU layer is a view
    /// of this output, and the backward pass masks the incoming gradient where the output is 0 before its own sums.
    /// Saves the ReLU's read and write of the whole activation in each direction.
    /// </summary>
    public bool FusesRelu { get; init; }

    /// <summary>
    /// Dense whose only reader is a (non-spatial) dropout declared right after it: the index of that dropout, -1
    /// otherwise (see <c>ModelPlanner.FusesIntoDense</c>). In training the product's epilogue draws the dropout's mask
    /// and writes its output row by row while the row is in L1, and the dense backward sweep applies the mask to the
    /// incoming gradient before the activation derivative. Saves the dropout's read and write of the whole activation
    /// in each direction.
    /// </summary>
    public int FusedDropout { get; init; } = -1;

    /// <summary>Dense: effective penalty strengths (nothing is emitted when both are zero).</summary>
    public double L1 { get; init; }

    public double L2 { get; init; }

    /// <summary>Dense with <see cref="InitKind.Constant"/>: the weight value.</summary>
    public double InitValue { get; init; }

    /// <summary>BatchNorm: running-statistics momentum and variance epsilon.</summary>
    public double Momentum { get; init; }

    public double Epsilon { get; init; }

    /// <summary>BatchNorm: start of [running_mean | running_var | num_batches_tracked] in the buffer region; -1 otherwise.</summary>
    public int BufferOffset { get; init; } = -1;

    /// <summary>BatchNorm: start of the 4 × features work floats (batch mean, inverse std, temporaries); -1 otherwise.</summary>
    public int WorkOffset { get; init; } = -1;

    /// <summary>
    /// Length of the bias (and, for batch normalisation, of gamma and of each running statistic): the units of a dense
    /// layer, the filters of a convolution, the features or channels a batch norm normalises.
    /// </summary>
    public int Features { get; init; }

    /// <summary>Positions per channel of a [C, H, W] input (H·W), for per-channel batch norm, spatial dropout and global pooling; 1 otherwise.</summary>
    public int Positions { get; init; } = 1;

    /// <summary>Conv2D and pooling: where the window slides.</summary>
    public WindowPlan? Window { get; init; }

    /// <summary>Conv2D: channel groups.</summary>
    public int Groups { get; init; } = 1;

    /// <summary>Dropout: drops whole channels (Dropout2d).</summary>
    public bool Spatial { get; init; }

    /// <summary>Weighted layers: the fans the initialisers scale by (PyTorch's: in = C/groups·k², out = filters·k² for a convolution).</summary>
    public int FanIn { get; init; }

    public int FanOut { get; init; }

    /// <summary>Floats of the weight (gamma for batch normalisation).</summary>
    public int WeightLength => Kind switch
    {
        LayerKind.BatchNorm => Features,
        LayerKind.Conv2D => Features * FanIn,
        LayerKind.LayerNorm => Features,
        LayerKind.Embedding => Vocabulary * Features,
        _ => Inputs * Outputs,
    };

    /// <summary>Trainable scalars of the layer.</summary>
    public int ParameterCount => WeightOffset < 0 ? 0 : WeightLength + (BiasOffset >= 0 ? Features : 0);
}

/// <summary>A sliding window over one [Channels, Height, Width] sample and the [OutHeight, OutWidth] positions it visits.</summary>
internal sealed record WindowPlan(int Channels, int Height, int Width, int Kernel, int Stride, int Dilation, PaddingKind Padding, int PadTop, int PadLeft, int OutHeight, int OutWidth);

/// <summary>
/// A model ready to emit. Memory: one arena [parameters | gradients | optimizer state | buffers | work] (where each
/// starts: <see cref="ParameterStride"/> and the members beside it) and, per
/// layer that computes something, an activation buffer of MaxBatch x Outputs kept alive from forward to backward
/// (views have none); gradients with respect to activations live from their first reader's backward to their
/// producer's, so they share <see cref="GradientBufferCount"/> buffers of the widest layer (two for a chain).
/// </summary>
internal sealed partial record ModelPlan(
    string? Namespace,
    string ClassName,
    TypeDeclarationSpec Declaration,
    bool HasUserParameterlessConstructor,
    bool IsValid,
    EquatableArray<LayerPlan> Layers,
    int InputSize,
    int OutputSize,
    int ParameterCount,
    int OptimizerStateRegions,
    int MaxWidth,
    int ScratchPerSample,
    int MaxBatch,
    long Seed,
    LossKind Loss,
    OptimizerSpec Optimizer,
    string Summary)
{
    /// <summary>Saved, untrained floats (batch-norm running statistics), after the optimizer state.</summary>
    public int BufferCount { get; init; }

    /// <summary>Per-step work floats (batch-norm batch statistics), after the buffers.</summary>
    public int WorkCount { get; init; }
}
