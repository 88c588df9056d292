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
