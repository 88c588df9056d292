using System;

namespace Generated.Kernels;

/// <summary>
/// The geometry of a stride-1 convolution computed on shifted planes instead of a column matrix. Each input channel is
/// copied into a zero-bordered plane PaddedHeight x PaddedWidth (the convolution's padding made explicit). Output
/// position (oh, ow) is then computed at "extended" position oh·PaddedWidth + ow, and tap (kh, kw) of channel c reads
/// the padded plane at that position plus the tap's shift d·kh·PaddedWidth + d·kw: row (c, kh, kw) of the column matrix
/// is the plane itself, read from an offset. The ow ≥ OutWidth columns of each extended row are junk, dropped when
/// the output is cropped. The input gradient is the same construction backwards: the gradient is laid out on extended
/// rows (junk columns zero) inside a zero margin of MaxShift on each side, and input position q of the padded plane
/// collects tap (kh, kw) of filter f from extended position q − shift.
/// </summary>
internal readonly struct ShiftedPlanes
{
    private readonly int _dilation;

    public ShiftedPlanes(in Window2D w)
    {
        int span = w.Dilation * (w.Kernel - 1);
        _dilation = w.Dilation;
        PaddedWidth = w.OutWidth + span;
        PaddedHeight = w.OutHeight + span;
        if (w.Stride != 1 || w.PadLeft + w.Width > PaddedWidth || w.PadTop + w.Height > PaddedHeight)
        {
            throw new ArgumentException("The shifted-plane form needs stride 1 and an output that covers the padded input.", nameof(w));
        }

        MaxShift = (span * PaddedWidth) + span;
        Positions = Conv2DJob.AlignPositions(w.OutHeight * PaddedWidth);
        PlaneStride = Conv2DJob.AlignPositions(Math.Max(PaddedHeight * PaddedWidth, Positions + MaxShift));
        InputOffset = w.PadTop * PaddedWidth;
        InputPositions = Conv2DJob.AlignPositions(w.Height * PaddedWidth);
        GradientStride = Conv2DJob.AlignPositions(MaxShift + Math.Max(Positions, InputOffset + InputPositions));
    }

    /// <summary>Stride-1 windows use this form; strided ones keep the column matrix.</summary>
    public static bool Applies(in Window2D w) => w.Stride == 1;

    /// <summary>Width of a padded input plane, and the row stride of every extended buffer.</summary>
    public int PaddedWidth { get; }

    /// <summary>Height of a padded input plane.</summary>
    public int PaddedHeight { get; }

    /// <summary>The largest tap shift, (d·(k − 1))·(PaddedWidth + 1).</summary>
    public int MaxShift { get; }

    /// <summary>Extended output positions OutHeight · PaddedWidth, rounded up to whole vectors: the products' N.</summary>
    public int Positions { get; }

    /// <summary>
    /// Floats from one padded plane to the next: room for every read of a shifted row (Positions + MaxShift), the part
    /// past the plane zero.
    /// </summary>
    public int PlaneStride { get; }

    /// <summary>Padded position of input row 0, column −PadLeft: where the input gradient's product starts.</summary>
    public int InputOffset { get; }

    /// <summary>Padded positions of the input's rows, Height · PaddedWidth, rounded up: the input gradient's N.</summary>
    public int InputPositions { get; }

    /// <summary>Floats per filter of the extended gradient: a MaxShift margin, the rows, and zeros for every shifted read.</summary>
    public int GradientStride { get; }

    /// <summary>Offset of tap (kh, kw) from an extended position.</summary>
    public int Shift(int kh, int kw) => _dilation * ((kh * PaddedWidth) + kw);
}
