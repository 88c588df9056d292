using System;

namespace Generated;

/// <summary>A fully connected layer: y = activation(x · Wᵀ + b), W stored as [units, inputs].</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class DenseAttribute : Attribute
{
    /// <param name="units">Number of output units.</param>
    /// <param name="activation">Non-linearity applied to the output.</param>
    public DenseAttribute(int units, Activation activation = Activation.Linear)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Number of output units.</summary>
    public int Units { get; }

    /// <summary>Non-linearity applied to the output.</summary>
    public Activation Activation { get; }

    /// <summary>Weight initialiser; <see cref="Init.Auto"/> picks one that fits the activation.</summary>
    public Init Init { get; set; } = Init.Auto;

    /// <summary>Whether the layer adds a learned bias.</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>Slope for negative inputs when the activation is <see cref="Activation.LeakyReLU"/>.</summary>
    public double LeakySlope { get; set; } = 0.01;

    /// <summary>The weight value when <see cref="Init"/> is <see cref="Init.Constant"/>.</summary>
    public double InitValue { get; set; }

    /// <summary>
    /// The spread of <see cref="Init.Uniform"/> (the limit s of U(-s, s), default 0.05) and <see cref="Init.Normal"/>
    /// (the standard deviation, default 0.05), or the gain of <see cref="Init.Orthogonal"/> (default 1). Left unset, the
    /// initialiser's default applies; the other initialisers take no scale.
    /// </summary>
    public double InitScale { get; set; }

    /// <summary>ELU's alpha: negative inputs saturate at -alpha (default 1, as in PyTorch and Keras).</summary>
    public double EluAlpha { get; set; } = 1.0;

    /// <summary>
    /// Max-norm constraint (Keras <c>MaxNorm</c>; 0 = none): after every optimizer step, each unit's incoming weight
    /// vector (a row of the [units, inputs] weight) whose L2 norm exceeds this value is scaled back to it. The bias is
    /// not constrained.
    /// </summary>
    public double MaxNorm { get; set; }

    /// <summary>L1 penalty strength: adds L1 · Σ|W| to the loss (weights only, not the bias).</summary>
    public double L1 { get; set; }

    /// <summary>L2 penalty strength: adds L2 · ΣW² to the loss (weights only, not the bias).</summary>
    public double L2 { get; set; }

    /// <summary>
    /// Elastic-net strength s: adds s · (L1Ratio · Σ|W| + (1 - L1Ratio) · ΣW²) to the loss, on top of
    /// <see cref="L1"/> and <see cref="L2"/>.
    /// </summary>
    public double ElasticNet { get; set; }

    /// <summary>The L1 share of <see cref="ElasticNet"/>, in [0, 1].</summary>
    public double L1Ratio { get; set; } = 0.5;
}

/// <summary>Inverted dropout: in training each unit is zeroed with probability <c>rate</c> and the rest scaled by 1/(1-rate).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <param name="rate">Probability of dropping a unit, in [0, 1).</param>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>Probability of dropping a unit, in [0, 1).</summary>
    public double Rate { get; }
}

/// <summary>Reshapes each sample to one dimension (C·H·W → C·H·W); costs nothing, the buffer is reused.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class FlattenAttribute : Attribute
{
}

/// <summary>Reinterprets each sample with a new shape of the same element count (row-major, like PyTorch's view).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class ReshapeAttribute : Attribute
{
    /// <param name="shape">The new per-sample shape, without the batch dimension.</param>
    public ReshapeAttribute(params int[] shape) => Shape = shape;

    /// <summary>The new per-sample shape, without the batch dimension.</summary>
    public int[] Shape { get; }
}

/// <summary>A stand-alone non-linearity, for placing one after a normalisation layer.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class ActivationAttribute : Attribute
{
    /// <param name="activation">The function applied element-wise (row-wise for Softmax).</param>
    public ActivationAttribute(Activation activation) => Activation = activation;

    /// <summary>The function applied element-wise (row-wise for Softmax).</summary>
    public Activation Activation { get; }

    /// <summary>Slope for negative inputs when the activation is <see cref="Activation.LeakyReLU"/>.</summary>
    public double LeakySlope { get; set; } = 0.01;

    /// <summary>ELU's alpha: negative inputs saturate at -alpha (default 1, as in PyTorch and Keras).</summary>
    public double EluAlpha { get; set; } = 1.0;
}

/// <summary>
/// Batch normalisation over the features of a flat input (PyTorch BatchNorm1d semantics): in training it
/// normalises with the batch mean and biased variance and updates running statistics; in evaluation it uses
/// the running statistics. Learns a scale (gamma, starts at 1) and shift (beta, starts at 0) per feature.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class BatchNormAttribute : Attribute
{
    /// <summary>Weight of the new batch statistic in the running average: running = (1 - m) · running + m · batch.</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Added to the variance before the square root.</summary>
    public double Epsilon { get; set; } = 1e-5;
}
