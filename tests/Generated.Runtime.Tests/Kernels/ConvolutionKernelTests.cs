using System;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The im2col convolution (forward, weight, bias and input gradients) against a direct double-precision loop over the
/// definition, for strides, paddings, dilations, groups, thread counts and instruction sets; max pooling's tie rule.
/// </summary>
public sealed partial class ConvolutionKernelTests
{
    private const int Batch = 3;

    [Theory]
    // channels, height, width, filters, kernel, stride, dilation, groups, same, threads
    [InlineData(1, 5, 5, 16, 3, 1, 1, 1, false, 1)]
    [InlineData(3, 7, 6, 16, 3, 1, 1, 1, true, 2)]
    [InlineData(2, 8, 9, 5, 2, 1, 1, 1, true, 1)]
    [InlineData(2, 9, 7, 4, 3, 2, 1, 1, true, 2)]
    [InlineData(2, 9, 9, 4, 3, 2, 1, 1, false, 1)]
    [InlineData(3, 10, 8, 6, 3, 1, 2, 1, true, 2)]
    [InlineData(4, 6, 6, 6, 3, 1, 1, 2, true, 1)]
    [InlineData(6, 7, 5, 9, 2, 3, 2, 3, false, 2)]
    [InlineData(4, 5, 5, 8, 1, 1, 1, 4, false, 2)]
    [InlineData(32, 14, 14, 64, 3, 1, 1, 1, true, 2)]  // the Winograd form
    [InlineData(32, 14, 14, 64, 5, 1, 1, 1, true, 2)]  // many channels on the shifted planes (5x5 does not take Winograd)
    [InlineData(2, 5, 37, 4, 3, 1, 1, 1, true, 1)]   // rows longer than a vector, not a multiple of it
    [InlineData(2, 3, 3, 3, 3, 1, 1, 1, true, 1)]    // rows shorter than four floats
    public void Matches_the_definition(int channels, int height, int width, int filters, int kernel, int stride, int dilation, int groups, bool same, int threads)
    {
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            if (level <= SimdSelection.Best)
            {
                Check(level, threads, Geometry(channels, height, width, kernel, stride, dilation, same), filters, groups);
            }
        }
    }

    /// <summary>
    /// Seeded random geometries (kernels 1–5, odd and even, dilation 1–3, strides 1–3, 'same' with its uneven split or
    /// 'valid', groups, planes narrower than a vector or wider than several) against the definition, forward and
    /// backward, on one and two threads: both the shifted-plane form (stride 1) and the column-matrix form.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_geometries_match_the_definition(int seed)
    {
        var random = new Random(seed);
        int checkedCases = 0, shifted = 0;
        while (checkedCases < 25)
        {
            int groups = random.Next(1, 4);
            int channels = groups * random.Next(1, 4), filters = groups * random.Next(1, 4);
            int kernel = random.Next(1, 6), dilation = random.Next(1, 4), stride = random.Next(1, 4);
            int height = random.Next(1, 20), width = random.Next(1, 40);
            bool same = random.Next(2) == 0;
            Window2D w;
            try
            {
                w = Geometry(channels, height, width, kernel, stride, dilation, same);
            }
            catch (ArgumentOutOfRangeException)
            {
                continue; // the window does not fit this plane (the analyzer's GEN023)
            }

            Check(SimdSelection.Best, 1 + (checkedCases % 2), w, filters, groups);
            checkedCases++;
            shifted += stride == 1 ? 1 : 0;
        }

        Assert.InRange(shifted, 3, 22); // both forms were exercised
    }

    [Fact]
    public void Max_pooling_routes_each_gradient_to_the_first_maximum_in_scan_order()
    {
        using var engine = new KernelEngine(1, 0);
        float[] x =
        [
            1, 3, 2, 2,
            4, 2, 2, 1,
            0, 0, 5, 7,
            0, 0, 7, 6,
        ];
        var window = new Window2D(1, 4, 4, 2, 2, 1, 0, 0, 2, 2);
        var y = new float[4];
        var argmax = new int[4];
        engine.MaxPoolForward(x, y, argmax, 1, window);
        Assert.Equal([4f, 2f, 0f, 7f], y);

        // Ties: 2 at (0, 2) before (0, 3) and (1, 2); 0 at (2, 0) before the other three; 7 at (2, 3) before (3, 2).
        Assert.Equal([4, 2, 8, 11], argmax);
        var dx = new float[16];
        engine.MaxPoolBackward([1f, 2f, 3f, 4f], argmax, dx, 1, window);
        float[] expected = new float[16];
        expected[4] = 1;
        expected[2] = 2;
        expected[8] = 3;
        expected[11] = 4;
        Assert.Equal(expected, dx);
    }

    [Theory]
    [InlineData(2, 2, 0, 37)] // the vectorised 2x2/2 path, eight windows at a time, the last group overlapping
    [InlineData(2, 2, 0, 13)] // six windows a row: four at a time
    [InlineData(2, 2, 0, 7)] // three windows a row: scalar
    [InlineData(3, 2, 1, 37)] // the general path with padding
    public void Max_pooling_on_wide_planes_follows_the_scan_order_rule(int size, int stride, int pad, int width)
    {
        // Values from {0, 1, 2} tie constantly; one NaN must come out as NaN.
        const int Channels = 3, Height = 9;
        int outHeight = ((Height + (2 * pad) - size) / stride) + 1, outWidth = ((width + (2 * pad) - size) / stride) + 1;
        var window = new Window2D(Channels, Height, width, size, stride, 1, pad, pad, outHeight, outWidth);
        var random = new Random(9);
        float[] x = new float[2 * Channels * Height * width];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.Next(3);
        }

        x[width * 5] = float.NaN;
        using var engine = new KernelEngine(2, 0);
        var y = new float[2 * Channels * outHeight * outWidth];
        var argmax = new int[y.Length];
        engine.MaxPoolForward(x, y, argmax, 2, window);

        for (int plane = 0; plane < 2 * Channels; plane++)
        {
            for (int o = 0; o < outHeight * outWidth; o++)
            {
                int oh = o / outWidth, ow = o % outWidth, best = -1;
                bool nan = false;
                for (int h = Math.Max((oh * stride) - pad, 0); h < Math.Min((oh * stride) - pad + size, Height); h++)
                {
                    for (int c = Math.Max((ow * stride) - pad, 0); c < Math.Min((ow * stride) - pad + size, width); c++)
                    {
                        float value = x[(plane * Height * width) + (h * width) + c];
                        nan |= float.IsNaN(value);
                        if (best < 0 || value > x[(plane * Height * width) + best])
                        {
                            best = (h * width) + c;
                        }
                    }
                }

                int output = (plane * outHeight * outWidth) + o;
                Assert.Equal(nan ? float.NaN : x[(plane * Height * width) + best], y[output]);
                if (!nan)
                {
                    Assert.Equal(best, argmax[output]);
                }
            }
        }
    }

    [Fact]
    public void Overlapping_max_windows_add_their_gradients_on_a_shared_maximum()
    {
        using var engine = new KernelEngine(1, 0);
        float[] x = [0, 0, 0, 0, 9, 0, 0, 0, 0];
        var window = new Window2D(1, 3, 3, 2, 1, 1, 0, 0, 2, 2); // four 2x2 windows, all containing the centre
        var argmax = new int[4];
        engine.MaxPoolForward(x, new float[4], argmax, 1, window);
        var dx = new float[9];
        engine.MaxPoolBackward([1f, 2f, 3f, 4f], argmax, dx, 1, window);
        Assert.Equal(10f, dx[4]);
        Assert.Equal(10f, System.Linq.Enumerable.Sum(dx));
    }

    private static void Check(SimdLevel level, int threads, Window2D w, int filters, int groups, int batch = Batch)
    {
        using var engine = new KernelEngine(threads, 0, level);
        engine.ReserveConvolution(w, filters, groups);
        int groupChannels = w.Channels / groups, groupFilters = filters / groups, k = w.Kernel;
        float[] x = SeededValues.Uniform(batch * w.InputSize, 1), weight = SeededValues.Uniform(filters * groupChannels * k * k, 2), bias = SeededValues.Uniform(filters, 3);
        int outputs = batch * filters * w.Positions;

        // y and dx end in guard values: a kernel's vector stores past the last plane would change them.
        float[] yGuarded = Guarded(outputs), dxGuarded = Guarded(x.Length);
        Span<float> y = yGuarded.AsSpan(0, outputs), dx = dxGuarded.AsSpan(0, x.Length);
        engine.Conv2DForward(x, weight, bias, y, batch, w, filters, groups, Activation.Linear, 0f);

        float[] dy = SeededValues.Uniform(outputs, 4);
        float[] gradient = (float[])dy.Clone();
        var dw = new float[weight.Length];
        var db = new float[filters];
        engine.Conv2DBackward(x, weight, y, gradient, dw, db, dx, batch, w, filters, groups, Activation.Linear, 0f);

        var expectedY = new double[outputs];
        var expectedDw = new double[weight.Length];
        var expectedDb = new double[filters];
        var expectedDx = new double[x.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int f = 0; f < filters; f++)
            {
                int g = f / groupFilters;
                for (int oh = 0; oh < w.OutHeight; oh++)
                {
                    for (int ow = 0; ow < w.OutWidth; ow++)
                    {
                        int o = (((n * filters) + f) * w.Positions) + (oh * w.OutWidth) + ow;
                        double sum = bias[f];
                        expectedDb[f] += dy[o];
                        for (int c = 0; c < groupChannels; c++)
                        {
                            for (int kh = 0; kh < k; kh++)
                            {
                                for (int kw = 0; kw < k; kw++)
                                {
                                    int ih = (oh * w.Stride) - w.PadTop + (kh * w.Dilation), iw = (ow * w.Stride) - w.PadLeft + (kw * w.Dilation);
                                    if (ih < 0 || ih >= w.Height || iw < 0 || iw >= w.Width)
                                    {
                                        continue;
                                    }

                                    int xi = (((n * w.Channels) + (g * groupChannels) + c) * w.InputPlane) + (ih * w.Width) + iw;
                                    int wi = (((f * groupChannels) + c) * k * k) + (kh * k) + kw;
                                    sum += (double)weight[wi] * x[xi];
                                    expectedDw[wi] += (double)dy[o] * x[xi];
                                    expectedDx[xi] += (double)dy[o] * weight[wi];
                                }
                            }
                        }

                        expectedY[o] = sum;
                    }
                }
            }
        }

        AssertClose(expectedY, y, "y");
        AssertClose(expectedDw, dw, "dW");
        AssertClose(expectedDb, db, "db");
        AssertClose(expectedDx, dx, "dx");
        AssertGuardsKept(yGuarded, outputs, "y");
        AssertGuardsKept(dxGuarded, x.Length, "dx");
    }

    private const int GuardLength = 64;
    private const float GuardValue = 12345.5f;

    private static float[] Guarded(int length)
    {
        var values = new float[length + GuardLength];
        values.AsSpan(length).Fill(GuardValue);
        return values;
    }

    private static void AssertGuardsKept(float[] values, int length, string what)
    {
        for (int i = length; i < values.Length; i++)
        {
            Assert.True(values[i] == GuardValue, $"{what}: the guard {i - length} past the end was overwritten with {values[i]}");
        }
    }

    /// <summary>The window the shape inference would plan: 'same' pads ceil(in/stride) outputs, half the padding before.</summary>
    private static Window2D Geometry(int channels, int height, int width, int kernel, int stride, int dilation, bool same)
    {
        (int outHeight, int padTop) = Axis(height, kernel, stride, dilation, same);
        (int outWidth, int padLeft) = Axis(width, kernel, stride, dilation, same);
        return new Window2D(channels, height, width, kernel, stride, dilation, padTop, padLeft, outHeight, outWidth);
    }

    private static (int Output, int PadBefore) Axis(int input, int kernel, int stride, int dilation, bool same)
    {
        int span = (dilation * (kernel - 1)) + 1;
        if (!same)
        {
            return (((input - span) / stride) + 1, 0);
        }

        int output = (input + stride - 1) / stride;
        return (output, Math.Max(((output - 1) * stride) + span - input, 0) / 2);
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 + (1e-4 * Math.Abs(expected[i])), $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
