using System;
using System.ComponentModel;

namespace Generated.Kernels;

/// <summary>
/// Where a square window (convolution kernel or pooling window) slides over one [channels, height, width] sample.
/// Generated code builds it from literals the shared shape inference computed; the kernels only read it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Window2D
{
    /// <summary>Describes the input, the window and the output; throws when a size is not positive or a padding negative.</summary>
    public Window2D(int channels, int height, int width, int kernel, int stride, int dilation, int padTop, int padLeft, int outHeight, int outWidth)
    {
        if (channels <= 0 || height <= 0 || width <= 0 || kernel <= 0 || stride <= 0 || dilation <= 0 || outHeight <= 0 || outWidth <= 0 || padTop < 0 || padLeft < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), "Window sizes must be positive and paddings non-negative.");
        }

        Channels = channels;
        Height = height;
        Width = width;
        Kernel = kernel;
        Stride = stride;
        Dilation = dilation;
        PadTop = padTop;
        PadLeft = padLeft;
        OutHeight = outHeight;
        OutWidth = outWidth;
    }

    /// <summary>Input channels.</summary>
    public int Channels { get; }

    /// <summary>Input height.</summary>
    public int Height { get; }

    /// <summary>Input width.</summary>
    public int Width { get; }

    /// <summary>Window height and width.</summary>
    public int Kernel { get; }

    /// <summary>Step between windows, both axes.</summary>
    public int Stride { get; }

    /// <summary>Spacing between window taps, both axes.</summary>
    public int Dilation { get; }

    /// <summary>Padded rows above the input.</summary>
    public int PadTop { get; }

    /// <summary>Padded columns left of the input.</summary>
    public int PadLeft { get; }

    /// <summary>Output height.</summary>
    public int OutHeight { get; }

    /// <summary>Output width.</summary>
    public int OutWidth { get; }

    /// <summary>Floats of one input channel.</summary>
    public int InputPlane => Height * Width;

    /// <summary>Floats of one sample's input.</summary>
    public int InputSize => Channels * InputPlane;

    /// <summary>Output positions per channel.</summary>
    public int Positions => OutHeight * OutWidth;

    /// <summary>Rows of the column matrix: one per (channel, kernel row, kernel column).</summary>
    public int ColumnRows => Channels * Kernel * Kernel;

    /// <summary>
    /// The output columns [first, end) whose window tap at horizontal offset <paramref name="offset"/> (tap position
    /// minus left padding) lands inside the input; the others read padding.
    /// </summary>
    internal (int First, int End) InsideColumns(int offset)
    {
        int first = offset >= 0 ? 0 : (-offset + Stride - 1) / Stride;
        int last = Width - 1 - offset;
        int end = last < 0 ? 0 : Math.Min(OutWidth, (last / Stride) + 1);
        return (Math.Min(first, end), end);
    }
}
