using System;

namespace Generated;

/// <summary>
/// A 2-D convolution over a [channels, height, width] input (NCHW per sample, as PyTorch's <c>nn.Conv2d</c>):
/// y = activation(W ⋆ x + b) with W stored as [filters, channels / groups, kernel, kernel] and b as [filters].
/// The output is [filters, outHeight, outWidth]. Initialisers use PyTorch's fans: in = channels / groups · kernel²,
/// out = filters · kernel².
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class Conv2DAttribute : WeightedLayerAttribute
{
    /// <param name="filters">Output channels.</param>
    /// <param name="kernel">Height and width of the (square) kernel.</param>
    /// <param name="activation">Non-linearity applied to the output (element-wise; not Softmax).</param>
    public Conv2DAttribute(int filters, int kernel, Activation activation = Activation.Linear)
    {
        Filters = filters;
        Kernel = kernel;
        Activation = activation;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Height and width of the (square) kernel.</summary>
    public int Kernel { get; }

    /// <summary>Non-linearity applied to the output.</summary>
    public Activation Activation { get; }

    /// <summary>Step of the window along both axes.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Border handling; <see cref="Generated.Padding.Same"/> keeps ceil(input / stride) positions.</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>Spacing between kernel taps (1: a dense kernel); the window spans dilation·(kernel − 1) + 1 positions.</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>Channel groups: each filter sees channels / groups input channels. Must divide channels and filters.</summary>
    public int Groups { get; set; } = 1;
}

/// <summary>
/// What max and average pooling declare the same way: a square window of <see cref="Size"/>, its step and its padding.
/// </summary>
public abstract class Pool2DAttribute : LayerAttribute
{
    /// <param name="size">Height and width of the (square) window.</param>
    protected Pool2DAttribute(int size)
    {
        Size = size;
        Stride = size;
    }

    /// <summary>Height and width of the (square) window.</summary>
    public int Size { get; }

    /// <summary>Step of the window; defaults to <see cref="Size"/> (non-overlapping windows).</summary>
    public int Stride { get; set; }

    /// <summary>Border handling, as for <see cref="Conv2DAttribute.Padding"/>.</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}

/// <summary>
/// Max pooling over each channel of a [channels, height, width] input (PyTorch <c>nn.MaxPool2d</c>); padded positions
/// never win. When several positions of a window hold the maximum, the first in row-major scan order receives the whole
/// gradient.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class MaxPool2DAttribute : Pool2DAttribute
{
    /// <param name="size">Height and width of the (square) window.</param>
    public MaxPool2DAttribute(int size)
        : base(size)
    {
    }
}

/// <summary>
/// Average pooling over each channel of a [channels, height, width] input (PyTorch <c>nn.AvgPool2d</c> with its default
/// <c>count_include_pad = True</c>: a window that overlaps the padding still divides by size², the padded zeros count).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class AvgPool2DAttribute : Pool2DAttribute
{
    /// <param name="size">Height and width of the (square) window.</param>
    public AvgPool2DAttribute(int size)
        : base(size)
    {
    }
}

/// <summary>The mean of each channel: [channels, height, width] → [channels] (PyTorch <c>nn.AdaptiveAvgPool2d(1)</c> then flatten).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class GlobalAveragePoolAttribute : LayerAttribute
{
}
