using System;

namespace Generated;

/// <summary>The loss a model is trained with.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class LossAttribute : Attribute
{
    /// <param name="loss">The training objective.</param>
    public LossAttribute(Loss loss) => Loss = loss;

    /// <summary>The training objective.</summary>
    public Loss Loss { get; }

    /// <summary><see cref="Loss.Huber"/>: where the loss turns from quadratic to linear (default 1, positive).</summary>
    public double Delta { get; set; } = 1.0;

    /// <summary>
    /// One non-negative weight per class for <see cref="Loss.SoftmaxCrossEntropy"/>, <see cref="Loss.CategoricalCrossEntropy"/>
    /// and <see cref="Loss.SparseCategoricalCrossEntropy"/> (PyTorch's <c>weight</c>): each sample's loss is scaled by
    /// its class's weight and the batch loss is the weighted mean Σ w_y·l / Σ w_y. Unset: every class weighs 1.
    /// </summary>
    public double[]? ClassWeights { get; set; }

    /// <summary>
    /// The binary losses' weight of positive targets (PyTorch's <c>pos_weight</c>, default 1): above 1 it raises recall,
    /// the usual answer to rare positives. Each element's loss is −[w·t·log p + (1 − t)·log(1 − p)], averaged over the batch.
    /// </summary>
    public double PositiveWeight { get; set; } = 1.0;
}

/// <summary>
/// The optimizer a model is trained with. Properties left unset take the optimizer's usual default
/// (learning rate 0.01 for SGD and 0.001 for Adam; beta1 0.9, beta2 0.999, epsilon 1e-8; momentum 0).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class OptimizerAttribute : Attribute
{
    /// <param name="optimizer">The update rule.</param>
    public OptimizerAttribute(Optimizer optimizer) => Optimizer = optimizer;

    /// <summary>The update rule.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Step size; can be overridden at run time.</summary>
    public double LearningRate { get; set; }

    /// <summary>SGD momentum in [0, 1).</summary>
    public double Momentum { get; set; }

    /// <summary>Use Nesterov momentum (SGD only).</summary>
    public bool Nesterov { get; set; }

    /// <summary>Adam's first-moment decay in [0, 1).</summary>
    public double Beta1 { get; set; }

    /// <summary>Adam's second-moment decay in [0, 1).</summary>
    public double Beta2 { get; set; }

    /// <summary>Adam's denominator guard.</summary>
    public double Epsilon { get; set; }
}
