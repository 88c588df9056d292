using System;
using System.Runtime.CompilerServices;

namespace Generated.Kernels;

/// <summary>
/// Max and average pooling of one channel plane, forward and backward side by side. A window covers rows
/// [oh·stride − padTop, + size) and columns likewise, clipped to the input: padding never wins a maximum, and for the
/// average it counts as zeros (the divisor is always size², PyTorch's <c>count_include_pad = True</c>).
/// Max pooling records, per output, the plane index of the value it took; ties go to the first maximum in row-major
/// scan order of the window (strictly greater replaces). A NaN in the window makes the output NaN, as in PyTorch (its
/// gradient then goes to the window's largest number).
/// </summary>
internal static unsafe class Pooling
{
    public static void MaxForward(float* x, float* y, int* argmax, in Window2D w)
    {
        bool pairs = MaxPoolPairs.Applies(w);
        for (int oh = 0; oh < w.OutHeight; oh++)
        {
            int first = pairs ? MaxPoolPairs.Row(x, y, argmax, w, oh) : 0;
            MaxRow(x, y, argmax, w, oh, first);
        }
    }

    /// <summary>Outputs [<paramref name="first"/>, outWidth) of output row <paramref name="oh"/>, one window at a time.</summary>
    private static void MaxRow(float* x, float* y, int* argmax, in Window2D w, int oh, int first)
    {
        // Locals, not reads through the window reference: the stores below could alias it as far as the JIT knows.
        int width = w.Width, size = w.Kernel, stride = w.Stride, outWidth = w.OutWidth;
        (int rowStart, int rowEnd) = Clip((oh * stride) - w.PadTop, size, w.Height);
        for (int ow = first; ow < outWidth; ow++)
        {
            (int columnStart, int columnEnd) = Clip((ow * stride) - w.PadLeft, size, width);
            int best = (rowStart * width) + columnStart;
            float maximum = x[best];
            bool nan = false;
            for (int h = rowStart; h < rowEnd; h++)
            {
                for (int i = (h * width) + columnStart, end = (h * width) + columnEnd; i < end; i++)
                {
                    // Branch-free: which value wins is data (and after a ReLU often a tie at 0), so a branch on it
                    // mispredicts about every other element. Index and value move together by one bit mask.
                    float value = x[i];
                    bool greater = value > maximum;
                    int mask = -Unsafe.As<bool, byte>(ref greater);
                    best += (i - best) & mask;
                    maximum = BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(value) & mask) | (BitConverter.SingleToInt32Bits(maximum) & ~mask));
                    nan |= float.IsNaN(value);
                }
            }

            int output = (oh * outWidth) + ow;
            y[output] = nan ? float.NaN : maximum;
            argmax[output] = best;
        }
    }

    /// <summary>dx = 0, then each output's gradient added at the position it took (overlapping windows accumulate).</summary>
    public static void MaxBackward(float* dy, int* argmax, float* dx, in Window2D w)
    {
        new Span<float>(dx, w.InputPlane).Clear();
        for (int output = 0; output < w.Positions; output++)
        {
            dx[argmax[output]] += dy[output];
        }
    }

    public static void AverageForward(float* x, float* y, in Window2D w)
    {
        float inverseArea = 1f / (w.Kernel * w.Kernel);
        for (int oh = 0; oh < w.OutHeight; oh++)
        {
            (int rowStart, int rowEnd) = Clip((oh * w.Stride) - w.PadTop, w.Kernel, w.Height);
            for (int ow = 0; ow < w.OutWidth; ow++)
            {
                (int columnStart, int columnEnd) = Clip((ow * w.Stride) - w.PadLeft, w.Kernel, w.Width);
                float sum = 0f;
                for (int h = rowStart; h < rowEnd; h++)
                {
                    float* row = x + ((long)h * w.Width);
                    for (int c = columnStart; c < columnEnd; c++)
                    {
                        sum += row[c];
                    }
                }

                y[(oh * w.OutWidth) + ow] = sum * inverseArea;
            }
        }
    }

    /// <summary>dx = 0, then each output's gradient / size² added to every input position of its window.</summary>
    public static void AverageBackward(float* dy, float* dx, in Window2D w)
    {
        new Span<float>(dx, w.InputPlane).Clear();
        float inverseArea = 1f / (w.Kernel * w.Kernel);
        for (int oh = 0; oh < w.OutHeight; oh++)
        {
            (int rowStart, int rowEnd) = Clip((oh * w.Stride) - w.PadTop, w.Kernel, w.Height);
            for (int ow = 0; ow < w.OutWidth; ow++)
            {
                (int columnStart, int columnEnd) = Clip((ow * w.Stride) - w.PadLeft, w.Kernel, w.Width);
                float share = dy[(oh * w.OutWidth) + ow] * inverseArea;
                for (int h = rowStart; h < rowEnd; h++)
                {
                    float* row = dx + ((long)h * w.Width);
                    for (int c = columnStart; c < columnEnd; c++)
                    {
                        row[c] += share;
                    }
                }
            }
        }
    }

    /// <summary>The part [start, start + size) of a window that lies inside [0, length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per output; Native AOT left it a call returning a tuple (1% of the CNN's samples)
    private static (int Start, int End) Clip(int start, int size, int length) =>
        (Math.Max(start, 0), Math.Min(start + size, length));
}

/// <summary>Pooling over every (sample, channel) plane of a batch, split over workers by plane (planes are independent, so the bands follow <see cref="WorkShares"/>).</summary>
internal sealed unsafe class PoolingJob(int threads) : IParallelJob
{
    // Below this many input floats the hand-off to workers costs more than it saves.
    private const long ParallelThreshold = 32 * 1024;

    private readonly WorkShares _shares = new(threads);
    private PoolingOperation _operation;
    private Window2D _window;
    private int _planes;
    private float* _input;
    private float* _output;
    private int* _argmax;

    public void Run(WorkerPool pool, PoolingOperation operation, in Window2D window, int batch, float* input, float* output, int* argmax)
    {
        _operation = operation;
        _window = window;
        _planes = batch * window.Channels;
        _input = input;
        _output = output;
        _argmax = argmax;
        pool.Run(this, split: (long)_planes * window.InputPlane >= ParallelThreshold, _shares);
    }

    /// <summary>For the forward operations input is x and output y; for the backward ones input is dy and output dx.</summary>
    public void Execute(int worker, int workers)
    {
        (int start, int end) = _shares.Partition(_planes, worker, workers, 1);
        Window2D w = _window;
        for (int plane = start; plane < end; plane++)
        {
            float* image = (_operation is PoolingOperation.MaxForward or PoolingOperation.AverageForward ? _input : _output) + ((long)plane * w.InputPlane);
            float* pooled = (_operation is PoolingOperation.MaxForward or PoolingOperation.AverageForward ? _output : _input) + ((long)plane * w.Positions);
            int* argmax = _argmax + ((long)plane * w.Positions);
            switch (_operation)
            {
                case PoolingOperation.MaxForward:
                    Pooling.MaxForward(image, pooled, argmax, w);
                    break;
                case PoolingOperation.MaxBackward:
                    Pooling.MaxBackward(pooled, argmax, image, w);
                    break;
                case PoolingOperation.AverageForward:
                    Pooling.AverageForward(image, pooled, w);
                    break;
                default:
                    Pooling.AverageBackward(pooled, image, w);
                    break;
            }
        }
    }
}

internal enum PoolingOperation
{
    MaxForward,
    MaxBackward,
    AverageForward,
    AverageBackward,
}
