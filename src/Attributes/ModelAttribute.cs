using System;

namespace Generated;

/// <summary>
/// Marks a <c>partial class</c> as a network. Its layers are the <c>partial Layer</c> properties carrying
/// layer attributes, in declaration order; the generator emits the forward and backward passes.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ModelAttribute : Attribute
{
    /// <param name="inputShape">The shape of one sample, without the batch dimension (e.g. 784).</param>
    public ModelAttribute(params int[] inputShape) => InputShape = inputShape;

    /// <summary>The shape of one sample, without the batch dimension.</summary>
    public int[] InputShape { get; }

    /// <summary>The largest batch a training step accepts; activation buffers are planned for it.</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>Seed for weight initialisation and dropout masks; the same seed gives the same model.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>
    /// The number of classes the data has, when this is a classifier (0: not declared). The compiler then checks
    /// the output layer against it: one unit per class for softmax cross-entropy, one unit for two classes with
    /// binary cross-entropy.
    /// </summary>
    public int Classes { get; set; }
}
