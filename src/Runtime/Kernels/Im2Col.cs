using System;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// The column matrix of one sample, which turns a convolution into a matrix product: row r = (c·k + kh)·k + kw holds,
/// for every output position p = oh·outWidth + ow, the input value under kernel tap (kh, kw) of channel c, zero in the
/// padding. <c>Gather</c> builds it (im2col); <c>Scatter</c> adds a matrix of that shape back onto the image (col2im,
/// the input gradient), so a pixel under several windows receives the sum of their gradients. Element (r, p) lives at
/// r·rowStride + p·positionStride: (P, 1) is the [rows, positions] layout, (1, rows) its transpose; the caller picks
/// whichever its matrix product wants, without a separate transposition.
/// </summary>
internal static unsafe class Im2Col
{
    public static void Gather(float* image, in Window2D window, float* columns, int rowStride, int positionStride)
    {
        if (IsShift(window, positionStride))
        {
            Shift(image, window, columns, rowStride, scatter: false);
            return;
        }

        Walk<GatherMove>(image, window, columns, rowStride, positionStride);
    }

    /// <summary>image += the column matrix folded back; the caller clears the image first.</summary>
    public static void Scatter(float* columns, in Window2D window, float* image, int rowStride, int positionStride)
    {
        if (IsShift(window, positionStride))
        {
            Shift(image, window, columns, rowStride, scatter: true);
            return;
        }

        Walk<ScatterMove>(image, window, columns, rowStride, positionStride);
    }

    /// <summary>
    /// Stride 1 with as many output columns as input columns (the usual 'same' convolution) and positions contiguous:
    /// then a column-matrix row is the whole input plane shifted by one offset, with zeros where the shift leaves it.
    /// </summary>
    private static bool IsShift(in Window2D w, int positionStride) => w.Stride == 1 && w.OutWidth == w.Width && positionStride == 1;

    /// <summary>
    /// The shifted-plane form of <see cref="Gather"/> and <see cref="Scatter"/>: one block move per kernel tap instead
    /// of one short move per output row. Taps that leave the row horizontally would wrap into the neighbouring row, so
    /// those columns are zeroed afterwards (gather) or beforehand in the column matrix, which is scratch (scatter).
    /// </summary>
    private static void Shift(float* image, in Window2D w, float* columns, int rowStride, bool scatter)
    {
        int k = w.Kernel, width = w.Width;
        for (int c = 0; c < w.Channels; c++)
        {
            float* plane = image + ((long)c * w.InputPlane);
            for (int kh = 0; kh < k; kh++)
            {
                int rowShift = (kh * w.Dilation) - w.PadTop;
                int first = Math.Max(0, -rowShift), end = Math.Min(w.OutHeight, w.Height - rowShift);
                for (int kw = 0; kw < k; kw++)
                {
                    float* row = columns + ((long)((((c * k) + kh) * k) + kw) * rowStride);
                    int offset = (kw * w.Dilation) - w.PadLeft;
                    (int inside, int after) = w.InsideColumns(offset);
                    if (end <= first)
                    {
                        if (!scatter)
                        {
                            Zero(row, w.Positions);
                        }

                        continue;
                    }

                    // Positions [first·W, end·W) read the plane from (first + rowShift)·W + offset on; clamp the run so it
                    // stays inside the plane, the clamped ends being edge columns that are zero anyway.
                    int from = Math.Max(0, -offset), to = ((end - first) * width) - Math.Max(0, offset);
                    float* source = plane + ((long)(first + rowShift) * width) + offset;
                    float* target = row + ((long)first * width);
                    if (scatter)
                    {
                        ZeroEdges(target, first, end, width, inside, after);
                        var pixels = new Span<float>(source + from, to - from);
                        TensorPrimitives.Add(pixels, new ReadOnlySpan<float>(target + from, to - from), pixels);
                        continue;
                    }

                    Zero(row, first * width);
                    new ReadOnlySpan<float>(source + from, to - from).CopyTo(new Span<float>(target + from, to - from));
                    Zero(target, from);
                    Zero(target + to, ((end - first) * width) - to);
                    ZeroEdges(target, first, end, width, inside, after);
                    Zero(row + ((long)end * width), (w.OutHeight - end) * width);
                }
            }
        }
    }

    /// <summary>Zeroes output columns [0, inside) and [after, W) of output rows [first, end) (their taps fall outside the row).</summary>
    /// <remarks>
    /// The runs are a column or two per row (a 3x3 'same' window leaves one), so they are stored in place: a call per
    /// run and row cost a tenth of a CNN step.
    /// </remarks>
    private static void ZeroEdges(float* target, int first, int end, int width, int inside, int after)
    {
        if (inside == 0 && after == width)
        {
            return;
        }

        for (int oh = 0; oh < end - first; oh++)
        {
            float* line = target + ((long)oh * width);
            for (int i = 0; i < inside; i++)
            {
                line[i] = 0f;
            }

            for (int i = after; i < width; i++)
            {
                line[i] = 0f;
            }
        }
    }

    private static void Walk<TMove>(float* image, in Window2D w, float* columns, int rowStride, int positionStride)
        where TMove : struct, IMove
    {
        int k = w.Kernel;
        for (int c = 0; c < w.Channels; c++)
        {
            for (int kh = 0; kh < k; kh++)
            {
                for (int kw = 0; kw < k; kw++)
                {
                    float* row = columns + ((long)((((c * k) + kh) * k) + kw) * rowStride);
                    int offset = (kw * w.Dilation) - w.PadLeft;
                    (int first, int end) = w.InsideColumns(offset);
                    for (int oh = 0; oh < w.OutHeight; oh++)
                    {
                        float* target = row + ((long)oh * w.OutWidth * positionStride);
                        int ih = (oh * w.Stride) - w.PadTop + (kh * w.Dilation);
                        if ((uint)ih >= (uint)w.Height)
                        {
                            TMove.Pad(target, positionStride, w.OutWidth);
                            continue;
                        }

                        // Input column of output column ow is ow·stride + offset; [first, end) are the ones inside.
                        float* source = image + (((long)c * w.Height) + ih) * w.Width + offset;
                        TMove.Pad(target, positionStride, first);
                        TMove.Segment(source + ((long)first * w.Stride), w.Stride, target + ((long)first * positionStride), positionStride, end - first);
                        TMove.Pad(target + ((long)end * positionStride), positionStride, w.OutWidth - end);
                    }
                }
            }
        }
    }

    /// <summary>What happens to one run of positions: inside the input (<c>Segment</c>) or in the padding (<c>Pad</c>).</summary>
    private interface IMove
    {
        static abstract void Segment(float* image, int imageStride, float* column, int columnStride, int count);

        static abstract void Pad(float* column, int columnStride, int count);
    }

    private readonly struct GatherMove : IMove
    {
        public static void Segment(float* image, int imageStride, float* column, int columnStride, int count)
        {
            if (imageStride == 1 && columnStride == 1)
            {
                // Runs are one output row (a few dozen floats): inline vector moves beat a memmove call.
                int i = 0;
                for (; i + 8 <= count; i += 8)
                {
                    Vector256.Store(Vector256.Load(image + i), column + i);
                }

                for (; i < count; i++)
                {
                    column[i] = image[i];
                }

                return;
            }

            for (int i = 0; i < count; i++)
            {
                column[(long)i * columnStride] = image[(long)i * imageStride];
            }
        }

        public static void Pad(float* column, int columnStride, int count)
        {
            if (columnStride == 1)
            {
                Zero(column, count);
                return;
            }

            for (int i = 0; i < count; i++)
            {
                column[(long)i * columnStride] = 0f;
            }
        }
    }

    /// <summary>Clears a short run without a call (padding runs are a few floats).</summary>
    public static void Zero(float* destination, int count)
    {
        int i = 0;
        for (; i + 8 <= count; i += 8)
        {
            Vector256<float>.Zero.Store(destination + i);
        }

        for (; i < count; i++)
        {
            destination[i] = 0f;
        }
    }

    private readonly struct ScatterMove : IMove
    {
        public static void Segment(float* image, int imageStride, float* column, int columnStride, int count)
        {
            if (imageStride == 1 && columnStride == 1)
            {
                var pixels = new Span<float>(image, count);
                TensorPrimitives.Add(pixels, new ReadOnlySpan<float>(column, count), pixels);
                return;
            }

            for (int i = 0; i < count; i++)
            {
                image[(long)i * imageStride] += column[(long)i * columnStride];
            }
        }

        public static void Pad(float* column, int columnStride, int count)
        {
            // Gradient that lands in the padding belongs to no input: dropped.
        }
    }
}
