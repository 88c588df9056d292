namespace Generated.SourceGeneration;

/// <summary>
/// What the generator and the analyzer both need to know about an activation, in one place so the default initialiser
/// the planner picks and the one the GEN107 rule recommends cannot disagree.
/// </summary>
internal static class ActivationFacts
{
    /// <summary>
    /// The derivative needs the pre-activation x, not just the output y: GELU and Swish dip below zero and come back,
    /// so two inputs share one output. Every other activation's derivative is a function of y.
    /// </summary>
    public static bool NeedsInput(ActivationKind activation) => activation is ActivationKind.GELU or ActivationKind.Swish;

    /// <summary>
    /// Rectifier-like: about linear for positive inputs and near zero (or small) for negative ones, so roughly half of
    /// the input variance passes and He's doubled variance keeps deep activations at scale. SELU is excluded: its
    /// self-normalisation is derived for LeCun-normal weights.
    /// </summary>
    public static bool IsReLUFamily(ActivationKind activation) =>
        activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.ELU or ActivationKind.GELU
            or ActivationKind.Swish or ActivationKind.Softplus;

    /// <summary>
    /// Flat on both sides, so the derivative vanishes for large inputs of either sign. The rectifier-like activations
    /// only flatten on the negative side, where ReLU is flat too, and keep a unit slope for positive inputs.
    /// </summary>
    public static bool IsSaturating(ActivationKind activation) => activation is ActivationKind.Sigmoid or ActivationKind.Tanh;

    /// <summary>What <see cref="InitKind.Auto"/> resolves to: LeCun normal for SELU, He uniform for the ReLU family, Xavier uniform otherwise.</summary>
    public static InitKind DefaultInit(ActivationKind activation) =>
        activation == ActivationKind.SELU ? InitKind.LeCunNormal
        : IsReLUFamily(activation) ? InitKind.HeUniform
        : InitKind.XavierUniform;
}
