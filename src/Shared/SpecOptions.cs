namespace Generated.SourceGeneration;

// The activation, initialiser, constraint and loss options of a declaration, kept apart from the layer and model
// shapes in ModelSpec.cs. Defaults match the attributes', so a spec built without them means the same.

/// <summary>A layer's activation parameter, initialiser spread and weight constraint.</summary>
internal sealed partial record LayerSpec
{
    /// <summary>Dense and Activation: ELU's alpha.</summary>
    public double EluAlpha { get; init; } = 1.0;

    /// <summary>
    /// The limit of <see cref="InitKind.Uniform"/>, the standard deviation of <see cref="InitKind.Normal"/> or the gain of
    /// <see cref="InitKind.Orthogonal"/> as written; 0 when unset (the planner then applies the initialiser's default).
    /// </summary>
    public double InitScale { get; init; }

    /// <summary>Dense: the max-norm constraint on each unit's incoming weights; 0 for none.</summary>
    public double MaxNorm { get; init; }
}

/// <summary>The loss options of a model.</summary>
internal sealed partial record ModelSpec
{
    public LossOptions LossOptions { get; init; } = LossOptions.Default;
}

/// <summary>
/// Huber's delta, one weight per class for the cross-entropy losses over classes (empty when every class weighs 1) and
/// the binary losses' weight of positive targets, as declared.
/// </summary>
internal sealed record LossOptions(double Delta, EquatableArray<double> ClassWeights, double PositiveWeight)
{
    public static LossOptions Default { get; } = new(1.0, EquatableArray<double>.Empty, 1.0);
}
