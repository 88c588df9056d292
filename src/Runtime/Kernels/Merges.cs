using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>
/// The joins of a model graph, forward and backward side by side: element-wise sums (residual connections) and
/// concatenation along the first per-sample axis (features, or the channels of an NCHW map, which are contiguous per
/// sample), plus the sum that collects a gradient from every layer reading one value.
/// </summary>
public static class Merges
{
    /// <summary>y = a + b, element-wise.</summary>
    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Add(a, b, y);

    /// <summary>total += share: a further input of a sum forward, or another reader's share of a gradient backward.</summary>
    public static void Accumulate(ReadOnlySpan<float> share, Span<float> total) => TensorPrimitives.Add(total, share, total);

    /// <summary>
    /// Copies each row of <paramref name="x"/> (<paramref name="width"/> floats per sample) into columns
    /// [<paramref name="offset"/>, offset + width) of the rows of <paramref name="y"/> (<paramref name="outputWidth"/> per sample).
    /// </summary>
    public static void ConcatForward(ReadOnlySpan<float> x, Span<float> y, int batch, int width, int offset, int outputWidth)
    {
        for (int row = 0; row < batch; row++)
        {
            x.Slice(row * width, width).CopyTo(y.Slice((row * outputWidth) + offset, width));
        }
    }

    /// <summary>
    /// The input's share of dL/dy: columns [<paramref name="offset"/>, offset + width) of every row, written into
    /// <paramref name="target"/> or, with <paramref name="accumulate"/>, added to the gradient it already holds.
    /// </summary>
    public static void ConcatBackward(ReadOnlySpan<float> gradient, Span<float> target, int batch, int width, int offset, int outputWidth, bool accumulate)
    {
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> share = gradient.Slice((row * outputWidth) + offset, width);
            Span<float> destination = target.Slice(row * width, width);
            if (accumulate)
            {
                TensorPrimitives.Add(destination, share, destination);
            }
            else
            {
                share.CopyTo(destination);
            }
        }
    }
}
