namespace Generated.SourceGeneration;

/// <summary>The activation, initialiser and constraint decisions for one layer, resolved by the planner.</summary>
internal sealed partial record LayerPlan
{
    /// <summary>
    /// Dense with GELU or Swish: the layer keeps its pre-activation in a buffer of its own, because the derivative of
    /// these activations is not a function of their output.
    /// </summary>
    public bool KeepsPreActivation { get; init; }

    /// <summary>Dense: the max-norm constraint applied after each optimizer step; 0 for none.</summary>
    public double MaxNorm { get; init; }
}

/// <summary>The loss options, as declared.</summary>
internal sealed partial record ModelPlan
{
    public LossOptions LossOptions { get; init; } = LossOptions.Default;
}
