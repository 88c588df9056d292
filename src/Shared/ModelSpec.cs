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
    ELU = 6,
    SELU = 7,
    GELU = 8,
    Swish = 9,
    Softplus = 10,
}

internal enum InitKind
{
    Auto = 0,
    XavierUniform = 1,
    XavierNormal = 2,
    HeUniform = 3,
    HeNormal = 4,
    Zeros = 5,
    Ones = 6,
    Constant = 7,
    LeCunUniform = 8,
    LeCunNormal = 9,
    Uniform = 10,
    Normal = 11,
    Orthogonal = 12,
}

internal enum LossKind
{
    SoftmaxCrossEntropy = 0,
    BinaryCrossEntropy = 1,
    MeanSquaredError = 2,
    BinaryCrossEntropyWithLogits = 3,
    MeanAbsoluteError = 4,
    Huber = 5,
    CategoricalCrossEntropy = 6,
    SparseCategoricalCrossEntropy = 7,
}

internal enum OptimizerKind
{
    Sgd = 0,
    Adam = 1,
}

internal enum PaddingKind
{
    Valid = 0,
    Same = 1,
}

internal enum LayerKind
{
    Dense,
    Dropout,
    Flatten,
    Reshape,
    Activation,
    BatchNorm,
    Conv2D,
    MaxPool2D,
    AvgPool2D,
    GlobalAveragePool,
    Add,
    Concat,
    LayerNorm,
    Embedding,
}

/// <summary>One declared layer, exactly as the attributes say (defaults applied, nothing inferred).</summary>
/// <param name="Modifiers">The declaration's modifiers other than <c>partial</c>, repeated on the implementation.</param>
/// <param name="Implementable">The member is a <c>partial Layer X { get; }</c> definition the generator may implement.</param>
/// <param name="StubSignature">For any partial property definition (even a wrong one): its full signature and
/// accessors, e.g. <c>public static partial global::Generated.Layer X|get,set</c>, so an invalid model can get a
/// matching throwing implementation instead of a "missing implementation part" error. Empty otherwise.</param>
internal sealed partial record LayerSpec(
    string Name,
    string Modifiers,
    bool Implementable,
    string StubSignature,
    LayerKind Kind,
    int Units,
    ActivationKind Activation,
    InitKind Init,
    bool UseBias,
    double LeakySlope,
    double Rate)
{
    /// <summary>Reshape: the target per-sample shape.</summary>
    public EquatableArray<int> Shape { get; init; } = EquatableArray<int>.Empty;

    /// <summary>Dense: the weight value for <see cref="InitKind.Constant"/>.</summary>
    public double InitValue { get; init; }

    /// <summary>Dense: the regularisation strengths exactly as declared (the planner combines them).</summary>
    public double L1 { get; init; }

    public double L2 { get; init; }

    public double ElasticNet { get; init; }

    public double L1Ratio { get; init; } = 0.5;

    /// <summary>BatchNorm: running-statistics momentum and variance epsilon.</summary>
    public double Momentum { get; init; } = 0.1;

    public double Epsilon { get; init; } = 1e-5;

    /// <summary>Conv2D: the kernel size; pooling: the window size (both square).</summary>
    public int Kernel { get; init; }

    /// <summary>Conv2D and pooling: the window step (a pooling layer defaults it to its size).</summary>
    public int Stride { get; init; } = 1;

    public PaddingKind Padding { get; init; }

    /// <summary>Conv2D: spacing between kernel taps, and the channel groups.</summary>
    public int Dilation { get; init; } = 1;

    public int Groups { get; init; } = 1;

    /// <summary>Dropout: drop whole channels of a [C, H, W] input (Dropout2d).</summary>
    public bool Spatial { get; init; }

    /// <summary>The effective L1 strength: <see cref="L1"/> plus the L1 share of <see cref="ElasticNet"/>.</summary>
    public double EffectiveL1 => L1 + (ElasticNet * L1Ratio);

    /// <summary>The effective L2 strength: <see cref="L2"/> plus the L2 share of <see cref="ElasticNet"/>.</summary>
    public double EffectiveL2 => L2 + (ElasticNet * (1 - L1Ratio));

    /// <summary>True for layers whose output is a non-linear function of their input.</summary>
    public bool AppliesActivation => (Kind is LayerKind.Dense or LayerKind.Conv2D or LayerKind.Activation) && Activation != ActivationKind.Linear;

    /// <summary>Layers with a weight matrix and optional bias (the ones penalties, initialisers and bias rules apply to).</summary>
    public bool IsWeighted => Kind is LayerKind.Dense or LayerKind.Conv2D;
}

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
/// <param name="Declaration">How to reopen the type for a second partial part.</param>
/// <param name="HasUserParameterlessConstructor">The user wrote <c>M()</c>, so the generator must not.</param>
/// <param name="IsValid">False when the declaration has errors: the generator then emits only stubs that keep
/// the user's code compiling, and the analyzer reports why.</param>
internal sealed partial record ModelSpec(
    string? Namespace,
    string ClassName,
    EquatableArray<int> InputShape,
    int MaxBatch,
    long Seed,
    int Classes,
    LossKind Loss,
    OptimizerSpec Optimizer,
    EquatableArray<LayerSpec> Layers,
    TypeDeclarationSpec Declaration,
    bool HasUserParameterlessConstructor,
    bool IsValid);

/// <summary>
/// Enough of the type's declaration to write another part of it: its keyword ("class", "record", "struct"),
/// type parameters and the chain of containing types. <paramref name="CanAddPart"/> is false when a second
/// part would itself be an error (the type or a containing type is not partial).
/// </summary>
internal sealed record TypeDeclarationSpec(
    string Keyword,
    string TypeParameters,
    EquatableArray<string> ContainingTypes,
    bool CanAddPart);
