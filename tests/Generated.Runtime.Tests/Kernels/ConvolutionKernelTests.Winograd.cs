using System;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The Winograd F(2x2, 3x3) form (3x3 stride-1 layers with 8 to 1024 channels and filters) against the definition:
/// forward, weight, bias and input gradients, over the ways its tiles can sit, with every instruction set's transforms.
/// </summary>
public sealed partial class ConvolutionKernelTests
{
    [Theory]
    [InlineData(8, 28, 28, 8, 1, 1, 28, 28, 3, 2)]      // the sample CNN's big layer shape, one sample per block
    [InlineData(9, 14, 14, 13, 1, 1, 14, 14, 7, 1)]     // several samples per block; rows and channels not multiples of 4
    [InlineData(9, 14, 14, 13, 1, 1, 14, 14, 7, 2)]
    [InlineData(8, 40, 37, 8, 1, 1, 40, 37, 2, 2)]      // more tiles than a chunk: bands of tile rows; two vectors per tile row
    [InlineData(10, 13, 11, 12, 1, 1, 13, 11, 4, 1)]    // odd output: a junk tile row and column
    [InlineData(8, 12, 15, 8, 0, 0, 10, 13, 3, 2)]      // 'valid'
    [InlineData(8, 9, 10, 9, 2, 2, 11, 12, 3, 1)]       // padding 2 on every side (the input gradient's padding is 0)
    [InlineData(8, 9, 10, 9, 0, 2, 9, 10, 3, 2)]        // uneven: 0 above, 2 below, 2 left, 0 right
    [InlineData(16, 3, 5, 8, 1, 1, 3, 5, 5, 2)]         // tiny planes
    [InlineData(64, 6, 6, 8, 1, 1, 6, 6, 3, 2)]         // 64 channels: the weight gradient by a GEMM's transposed panels
    [InlineData(8, 14, 14, 8, 1, 1, 14, 14, 42, 2)]     // several blocks per worker (21 samples each: 4 of 5, then 1)
    [InlineData(8, 14, 34, 8, 1, 1, 14, 34, 5, 2)]      // two samples per block, two vectors per tile row
    [InlineData(8, 2, 2, 8, 1, 1, 2, 2, 20, 1)]         // one tile per sample: blocks capped at 16 samples, then 4
    [InlineData(8, 9, 10, 8, 1, 1, 9, 11, 3, 1)]        // 1 left, 2 right on an even width: the gradient planes' wider case
    public void Winograd_form_matches_the_definition(int channels, int height, int width, int filters, int padTop, int padLeft, int outHeight, int outWidth, int batch, int threads)
    {
        var w = new Window2D(channels, height, width, kernel: 3, stride: 1, dilation: 1, padTop, padLeft, outHeight, outWidth);
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            if (level <= SimdSelection.Best)
            {
                // The tile transforms run 16, 8 or 1 tiles per vector: each width meets the spills and reads differently.
                using var engine = new KernelEngine(1, 0, level);
                Assert.Equal(ConvolutionForm.Winograd, engine.ConvolutionFormFor(w, filters, 1));
                Check(level, threads, w, filters, 1, batch);
            }
        }
    }

    /// <summary>
    /// The activation is applied to the Winograd outputs and its derivative to the incoming gradient (ReLU against a
    /// linear layer fed the masked gradient), and without an input gradient the weight and bias gradients are the same.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Winograd_form_applies_the_activation_and_skips_an_input_gradient_not_asked_for(int threads)
    {
        var w = new Window2D(8, 10, 10, kernel: 3, stride: 1, dilation: 1, padTop: 1, padLeft: 1, outHeight: 10, outWidth: 10);
        const int filters = 12, batch = 4;
        using var engine = new KernelEngine(threads, 0);
        engine.ReserveConvolution(w, filters, 1);
        Assert.Equal(ConvolutionForm.Winograd, engine.ConvolutionFormFor(w, filters, 1));
        float[] x = SeededValues.Uniform(batch * w.InputSize, 11), weight = SeededValues.Uniform(filters * w.ColumnRows, 12), bias = SeededValues.Uniform(filters, 13);
        int outputs = batch * filters * w.Positions;
        float[] rectified = new float[outputs], linear = new float[outputs];
        engine.Conv2DForward(x, weight, bias, rectified, batch, w, filters, 1, Activation.ReLU, 0f);
        engine.Conv2DForward(x, weight, bias, linear, batch, w, filters, 1, Activation.Linear, 0f);
        for (int i = 0; i < outputs; i++)
        {
            Assert.Equal(Math.Max(linear[i], 0f), rectified[i]);
        }

        float[] dy = SeededValues.Uniform(outputs, 14);
        float[] masked = new float[outputs];
        for (int i = 0; i < outputs; i++)
        {
            masked[i] = rectified[i] > 0f ? dy[i] : 0f;
        }

        float[] dwRelu = new float[weight.Length], dbRelu = new float[filters], dwLinear = new float[weight.Length], dbLinear = new float[filters];
        engine.Conv2DBackward(x, weight, rectified, (float[])dy.Clone(), dwRelu, dbRelu, [], batch, w, filters, 1, Activation.ReLU, 0f);
        engine.Conv2DBackward(x, weight, linear, masked, dwLinear, dbLinear, new float[x.Length], batch, w, filters, 1, Activation.Linear, 0f);
        Assert.Equal(dwLinear, dwRelu);
        Assert.Equal(dbLinear, dbRelu);
    }

    [Theory]
    [InlineData(7, 8, 3, 1, 1, 1)]   // too few channels (a first layer)
    [InlineData(8, 7, 3, 1, 1, 1)]   // too few filters
    [InlineData(8, 8, 5, 1, 1, 1)]   // 5x5
    [InlineData(8, 8, 3, 2, 1, 1)]   // strided
    [InlineData(8, 8, 3, 1, 2, 1)]   // dilated
    [InlineData(8, 8, 3, 1, 1, 2)]   // grouped
    public void Winograd_form_refuses_what_it_cannot_compute(int channels, int filters, int kernel, int stride, int dilation, int groups)
    {
        var w = Geometry(channels, 12, 12, kernel, stride, dilation, same: true);
        using var engine = new KernelEngine(1, 0);
        Assert.NotEqual(ConvolutionForm.Winograd, engine.ConvolutionFormFor(w, filters, groups));
    }

    [Fact]
    public void Winograd_form_refuses_an_image_wider_than_512()
    {
        var w = Geometry(8, 3, 513, 3, 1, 1, same: true);
        using var engine = new KernelEngine(1, 0);
        Assert.Equal(ConvolutionForm.ShiftedPlanes, engine.ConvolutionFormFor(w, 8, 1));
        Assert.Equal(ConvolutionForm.Winograd, engine.ConvolutionFormFor(Geometry(8, 3, 512, 3, 1, 1, same: true), 8, 1));
    }

    [Fact]
    public void Winograd_form_refuses_a_padding_past_two()
    {
        // Padding 3 above would make the input gradient's padding −1.
        var w = new Window2D(8, 6, 6, kernel: 3, stride: 1, dilation: 1, padTop: 3, padLeft: 1, outHeight: 8, outWidth: 6);
        using var engine = new KernelEngine(1, 0);
        Assert.Equal(ConvolutionForm.ShiftedPlanes, engine.ConvolutionFormFor(w, 8, 1));
    }
}
