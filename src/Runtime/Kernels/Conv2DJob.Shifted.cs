using System;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// The stride-1 convolution on shifted planes (<see cref="ShiftedPlanes"/>): the three products read the zero-bordered
/// input planes, or the extended output gradient, through a table of row offsets (<see cref="GemmArguments.BRows"/>),
/// so no column matrix is written or read back. Per sample (P = extended positions, C channels, F filters, k² taps):
/// <list type="bullet">
/// <item>forward: planes = pad(x); z[F, P] = W · rows(planes); y = crop(z), then bias and activation per filter;</item>
/// <item>backward: dz on extended rows; dW += dz · rows(planes)ᵀ by dot products; dpadded[C, rows of x] =
/// W' · rows(dz) with W'[c, (f, tap)] = W[f, c, tap]; dx = crop(dpadded).</item>
/// </list>
/// Column-matrix rows and these rows are the same numbers, so both forms give the same results up to rounding; the
/// shifted form computes the junk columns too (OutHeight · d(k − 1) extra positions), and saves writing and re-reading
/// a matrix k² times the size of the input. The weight gradient's dot products also run over the junk columns, where
/// the gradient is 0: an infinite input pixel there makes 0·∞ = NaN where the column form stayed finite (an input
/// that already makes the loss non-finite).
/// </summary>
internal sealed unsafe partial class Conv2DJob
{
    /// <summary>
    /// On the calling thread, before the workers start: the row tables of a shifted layer, and the weight the input
    /// gradient reads (W' for a shifted layer, Wᵀ for a column-matrix one).
    /// </summary>
    private void PrepareWeights()
    {
        ref readonly ConvolutionCall c = ref _call;
        Window2D w = c.Window;
        int k = w.Kernel, taps = k * k;
        int groupRows = w.ColumnRows / c.Groups, groupFilters = c.Filters / c.Groups, groupChannels = w.Channels / c.Groups;
        bool shifted = ShiftedPlanes.Applies(w);
        if (shifted)
        {
            var planes = new ShiftedPlanes(w);
            for (int kh = 0; kh < k; kh++)
            {
                for (int kw = 0; kw < k; kw++)
                {
                    int tap = (kh * k) + kw, shift = planes.Shift(kh, kw);

                    // Row (c, tap) of the column matrix: channel c's padded plane read from the tap's shift.
                    for (int channel = 0; channel < groupChannels; channel++)
                    {
                        _rowTable[(channel * taps) + tap] = (channel * planes.PlaneStride) + shift;
                    }

                    // Row (f, tap) of the input gradient's product: filter f's extended gradient read from minus the shift.
                    for (int f = 0; f < groupFilters; f++)
                    {
                        _rowTable[groupRows + (f * taps) + tap] = (f * planes.GradientStride) - shift;
                    }
                }
            }
        }

        if (!c.Backward || c.GradInput == null)
        {
            return;
        }

        if (!shifted)
        {
            Transpose.Serial(c.Weight, c.Filters, groupRows, c.TransposedWeight);
            return;
        }

        int fanIn = groupFilters * taps;
        for (int g = 0; g < c.Groups; g++)
        {
            for (int f = 0; f < groupFilters; f++)
            {
                float* filter = c.Weight + ((long)((g * groupFilters) + f) * groupRows);
                for (int channel = 0; channel < groupChannels; channel++)
                {
                    float* target = c.TransposedWeight + ((long)((g * groupChannels) + channel) * fanIn) + (f * taps);
                    new ReadOnlySpan<float>(filter + (channel * taps), taps).CopyTo(new Span<float>(target, taps));
                }
            }
        }
    }

    /// <summary>
    /// Zeroes the regions whose margins must read as zero (padding, junk columns, the space past each plane): once per
    /// call, because the samples only ever write the interiors.
    /// </summary>
    private void ClearMargins(in ScratchLayout s)
    {
        ref readonly ConvolutionCall c = ref _call;
        new Span<float>(s.Columns, c.Window.Channels * s.Planes.PlaneStride).Clear();
        if (c.Backward)
        {
            new Span<float>(s.Tile, c.Filters * s.Planes.GradientStride).Clear();
        }
    }

    private void ForwardShifted(int n, in ScratchLayout s, int* rows)
    {
        ref readonly ConvolutionCall c = ref _call;
        Window2D w = c.Window;
        ShiftedPlanes planes = s.Planes;
        int groupRows = w.ColumnRows / c.Groups, groupFilters = c.Filters / c.Groups, groupChannels = w.Channels / c.Groups;
        LoadPlanes(n, s);
        for (int g = 0; g < c.Groups; g++)
        {
            var product = new GemmArguments
            {
                A = c.Weight + ((long)g * groupFilters * groupRows), Lda = groupRows,
                B = s.Columns + ((long)g * groupChannels * planes.PlaneStride), BRows = rows,
                C = s.Tile + ((long)g * groupFilters * planes.Positions), Ldc = planes.Positions,
                M = groupFilters, N = planes.Positions, K = groupRows, Activation = Activation.Linear, Pack = s.Pack,
            };
            GemmJob.Compute(_level, product, 0, groupFilters);
        }

        float* y = c.Y + ((long)n * c.Filters * w.Positions);
        for (int f = 0; f < c.Filters; f++)
        {
            CopyRows(s.Tile + ((long)f * planes.Positions), planes.PaddedWidth, y + ((long)f * w.Positions), w.OutWidth, w.OutHeight, w.OutWidth);
            FinishFilter(n, f, addBias: true);
        }
    }

    private void BackwardShifted(int n, in ScratchLayout s, int* rows)
    {
        ref readonly ConvolutionCall c = ref _call;
        Window2D w = c.Window;
        ShiftedPlanes planes = s.Planes;
        int groupRows = w.ColumnRows / c.Groups, groupFilters = c.Filters / c.Groups, groupChannels = w.Channels / c.Groups;
        float* dz = OutputGradient(n, s);

        // dz on extended rows after a MaxShift margin; the junk columns and margins stay as cleared.
        float* extended = s.Tile + planes.MaxShift;
        for (int f = 0; f < c.Filters; f++)
        {
            CopyRows(dz + ((long)f * w.Positions), w.OutWidth, extended + ((long)f * planes.GradientStride), planes.PaddedWidth, w.OutHeight, w.OutWidth);
        }

        LoadPlanes(n, s);
        for (int g = 0; g < c.Groups; g++)
        {
            DotGemm.Run(_level, extended + ((long)g * groupFilters * planes.GradientStride), planes.GradientStride,
                s.Columns + ((long)g * groupChannels * planes.PlaneStride), 0, rows,
                s.WeightPartial + ((long)g * groupFilters * groupRows), groupRows, groupFilters, groupRows, planes.Positions, accumulate: true);
        }

        if (c.GradInput == null)
        {
            return;
        }

        int fanIn = groupFilters * w.Kernel * w.Kernel;
        for (int g = 0; g < c.Groups; g++)
        {
            var product = new GemmArguments
            {
                A = c.TransposedWeight + ((long)g * groupChannels * fanIn), Lda = fanIn,
                B = extended + ((long)g * groupFilters * planes.GradientStride) + planes.InputOffset, BRows = rows + groupRows,
                C = s.InputGradient + ((long)g * groupChannels * planes.InputPositions), Ldc = planes.InputPositions,
                M = groupChannels, N = planes.InputPositions, K = fanIn, Activation = Activation.Linear, Pack = s.Pack,
            };
            GemmJob.Compute(_level, product, 0, groupChannels);
        }

        float* dx = c.GradInput + ((long)n * w.InputSize);
        for (int channel = 0; channel < w.Channels; channel++)
        {
            CopyRows(s.InputGradient + ((long)channel * planes.InputPositions) + w.PadLeft, planes.PaddedWidth,
                dx + ((long)channel * w.InputPlane), w.Width, w.Height, w.Width);
        }
    }

    /// <summary>Sample n's channels into the interiors of the padded planes.</summary>
    private void LoadPlanes(int n, in ScratchLayout s)
    {
        Window2D w = _call.Window;
        ShiftedPlanes planes = s.Planes;
        float* image = _call.X + ((long)n * w.InputSize);
        for (int channel = 0; channel < w.Channels; channel++)
        {
            float* interior = s.Columns + ((long)channel * planes.PlaneStride) + planes.InputOffset + w.PadLeft;
            CopyRows(image + ((long)channel * w.InputPlane), w.Width, interior, planes.PaddedWidth, w.Height, w.Width);
        }
    }

    /// <summary>
    /// Copies <paramref name="count"/> rows of <paramref name="width"/> floats between buffers of different row strides.
    /// Rows of a feature map are short (28 or 14 floats here), where a memmove call per row cost more than the copy: each
    /// row is whole vectors plus one last vector that overlaps the one before it.
    /// </summary>
    private static void CopyRows(float* source, int sourceStride, float* target, int targetStride, int count, int width)
    {
        for (int row = 0; row < count; row++)
        {
            float* from = source + ((long)row * sourceStride), to = target + ((long)row * targetStride);
            if (width >= 16 && Vector512.IsHardwareAccelerated)
            {
                int i = 0;
                for (; i + 16 <= width; i += 16)
                {
                    Vector512.Store(Vector512.Load(from + i), to + i);
                }

                if (i < width)
                {
                    Vector512.Store(Vector512.Load(from + width - 16), to + width - 16);
                }
            }
            else if (width >= 8)
            {
                // Without AVX-512 (a Native AOT build for x86-64-v3, say) wide rows go 8 floats at a time.
                int i = 0;
                for (; i + 8 <= width; i += 8)
                {
                    Vector256.Store(Vector256.Load(from + i), to + i);
                }

                if (i < width)
                {
                    Vector256.Store(Vector256.Load(from + width - 8), to + width - 8);
                }
            }
            else if (width >= 4)
            {
                Vector128.Store(Vector128.Load(from), to);
                Vector128.Store(Vector128.Load(from + width - 4), to + width - 4);
            }
            else
            {
                for (int i = 0; i < width; i++)
                {
                    to[i] = from[i];
                }
            }
        }
    }
}
