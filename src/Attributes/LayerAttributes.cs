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
