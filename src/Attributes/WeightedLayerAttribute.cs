using System;

namespace Generated;

/// <summary>
/// What every layer with a weight and a bias declares the same way (<see cref="DenseAttribute"/> and
/// <see cref="Conv2DAttribute"/>): initialisation, the bias, activation parameters, penalties and the max-norm constraint.
/// </summary>
public abstract class WeightedLayerAttribute : LayerAttribute
{
    /// <summary>Weight initialiser; <see cref="Init.Auto"/> picks one that fits the activation.</summary>
    public Init Init { get; set; } = Init.Auto;

    /// <summary>Whether the layer adds a learned bias (one per unit or filter).</summary>
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
    /// Max-norm constraint (Keras <c>MaxNorm</c>; 0 = none): after every optimizer step, each unit's (or filter's)
    /// incoming weights, one row of the weight, whose L2 norm exceeds this value are scaled back to it. The bias is not
    /// constrained.
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
