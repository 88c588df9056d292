namespace Generated.SourceGeneration;

/// <summary>One layer after planning: its shapes, its place in the arena and its buffers.</summary>
/// <param name="WeightOffset">Start of the weight in the parameter region (gradients sit at the same offset plus the parameter count); -1 without parameters.</param>
/// <param name="BiasOffset">Start of the bias, or -1.</param>
/// <param name="NeedsInputGradient">False for the first trainable layer and anything before it: nobody consumes dL/dx there.</param>
/// <param name="GradientBuffer">Which of the two gradient buffers (0 or 1) holds dL/d(output) when the backward pass reaches this layer.</param>
/// <param name="DerivativeInLoss">The loss already produced dL/dz for this layer (sigmoid + binary cross-entropy).</param>
internal sealed record LayerPlan(
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
    string OutputShapeText);

/// <summary>
/// A model ready to emit. Memory: one arena [parameters | gradients | optimizer state] and, per layer, an
/// activation buffer of MaxBatch x Outputs kept alive from forward to backward; gradients with respect to
/// activations only live between two adjacent layers, so they share two ping-pong buffers of the widest layer.
/// </summary>
internal sealed record ModelPlan(
    string? Namespace,
    string ClassName,
    TypeDeclarationSpec Declaration,
    bool HasUserParameterlessConstructor,
    bool IsValid,
    EquatableArray<LayerPlan> Layers,
    int InputSize,
    int OutputSize,
    int ParameterCount,
    int OptimizerStateCount,
    int MaxWidth,
    long ScratchFixed,
    int ScratchPerSample,
    int MaxBatch,
    long Seed,
    LossKind Loss,
    OptimizerSpec Optimizer,
    string Summary);
