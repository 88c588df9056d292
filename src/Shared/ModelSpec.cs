namespace Generated.SourceGeneration;

// Mirrors of the public enums in Generated.Attributes. The generator and analyzers must not load the
// attributes assembly, so the numeric values are duplicated here; a test asserts the two stay in sync.

internal enum ActivationKind
{
    Linear = 0,
    ReLU = 1,
    LeakyReLU = 2,
    Sigmoid = 3,
    Tanh = 4,
    Softmax = 5,
}

internal enum InitKind
{
    Auto = 0,
    XavierUniform = 1,
    XavierNormal = 2,
    HeUniform = 3,
    HeNormal = 4,
}

internal enum LossKind
{
    SoftmaxCrossEntropy = 0,
    BinaryCrossEntropy = 1,
    MeanSquaredError = 2,
}

internal enum OptimizerKind
{
    Sgd = 0,
    Adam = 1,
}

internal enum LayerKind
{
    Dense,
    Dropout,
}

/// <summary>One declared layer, exactly as the attributes say (defaults applied, nothing inferred).</summary>
internal sealed record LayerSpec(
    string Name,
    string Modifiers,
    LayerKind Kind,
    int Units,
    ActivationKind Activation,
    InitKind Init,
    bool UseBias,
    double LeakySlope,
    double Rate);

/// <summary>The optimizer and its hyperparameters, with per-kind defaults applied.</summary>
internal sealed record OptimizerSpec(
    OptimizerKind Kind,
    double LearningRate,
    double Momentum,
    bool Nesterov,
    double Beta1,
    double Beta2,
    double Epsilon);

/// <summary>
/// Everything the generator needs to know about one model class: plain values only (no symbols, syntax or
/// locations), so two parses of an unchanged declaration compare equal and later steps stay cached.
/// </summary>
/// <param name="IsValid">False when the declaration has errors: the generator then emits only stubs that keep
/// the user's code compiling, and the analyzer reports why.</param>
internal sealed record ModelSpec(
    string? Namespace,
    string ClassName,
    EquatableArray<int> InputShape,
    int MaxBatch,
    long Seed,
    LossKind Loss,
    OptimizerSpec Optimizer,
    EquatableArray<LayerSpec> Layers,
    bool IsValid);
