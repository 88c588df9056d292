using System;

namespace Generated;

/// <summary>A fully connected layer: y = activation(x · Wᵀ + b), W stored as [units, inputs].</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class DenseAttribute : WeightedLayerAttribute
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
}

/// <summary>Inverted dropout: in training each unit is zeroed with probability <c>rate</c> and the rest scaled by 1/(1-rate).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <param name="rate">Probability of dropping a unit, in [0, 1).</param>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>Probability of dropping a unit, in [0, 1).</summary>
    public double Rate { get; }

    /// <summary>
    /// Drop whole channels of a [channels, height, width] input instead of single values (PyTorch <c>nn.Dropout2d</c>):
    /// neighbouring pixels are strongly correlated, so dropping them one by one regularises little.
    /// </summary>
    public bool Spatial { get; set; }
}

/// <summary>Reshapes each sample to one dimension (C·H·W → C·H·W); costs nothing, the buffer is reused.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class FlattenAttribute : LayerAttribute
{
}

/// <summary>Reinterprets each sample with a new shape of the same element count (row-major, like PyTorch's view).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class ReshapeAttribute : LayerAttribute
{
    /// <param name="shape">The new per-sample shape, without the batch dimension.</param>
    public ReshapeAttribute(params int[] shape) => Shape = shape;

    /// <summary>The new per-sample shape, without the batch dimension.</summary>
    public int[] Shape { get; }
}

/// <summary>A stand-alone non-linearity, for placing one after a normalisation layer.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class ActivationAttribute : LayerAttribute
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
/// Batch normalisation: in training it normalises with the batch mean and biased variance and updates running
/// statistics; in evaluation it uses the running statistics. Learns a scale (gamma, starts at 1) and shift (beta,
/// starts at 0) per feature. On a flat [features] input the statistics are per feature (PyTorch BatchNorm1d); on a
/// [channels, height, width] input they are per channel, over the batch and every position (PyTorch BatchNorm2d).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class BatchNormAttribute : LayerAttribute
{
    /// <summary>Weight of the new batch statistic in the running average: running = (1 - m) · running + m · batch.</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Added to the variance before the square root.</summary>
    public double Epsilon { get; set; } = 1e-5;
}

/// <summary>
/// Layer normalisation (PyTorch <c>nn.LayerNorm</c> over the whole sample): each sample is normalised with its own
/// mean and biased variance, then scaled and shifted element-wise by a learned gamma (starts at 1) and beta (starts at 0)
/// of the sample's shape. No batch statistics, so it behaves the same in training and evaluation and for any batch size.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class LayerNormAttribute : LayerAttribute
{
    /// <summary>Added to the variance before the square root.</summary>
    public double Epsilon { get; set; } = 1e-5;
}

/// <summary>
/// A lookup table for integer inputs (PyTorch <c>nn.Embedding</c>, weight [vocabulary, dimension]): a sample of T
/// token ids becomes a [T, dimension] block of learned rows. It must read the model input, whose floats hold the ids;
/// an id that is not an integer in [0, vocabulary) is refused, naming the sample and position.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class EmbeddingAttribute : LayerAttribute
{
    /// <param name="vocabulary">Number of distinct ids: valid ids are 0 to vocabulary - 1.</param>
    /// <param name="dimension">Length of the vector each id maps to.</param>
    public EmbeddingAttribute(int vocabulary, int dimension)
    {
        Vocabulary = vocabulary;
        Dimension = dimension;
    }

    /// <summary>Number of distinct ids: valid ids are 0 to vocabulary - 1.</summary>
    public int Vocabulary { get; }

    /// <summary>Length of the vector each id maps to.</summary>
    public int Dimension { get; }

    /// <summary>Standard deviation of the normal initialisation (PyTorch's default is 1).</summary>
    public double InitScale { get; set; } = 1.0;
}
