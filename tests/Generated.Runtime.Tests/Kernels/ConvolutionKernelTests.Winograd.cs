using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The Winograd F(2x2, 3x3) form (3x3 stride-1 layers with at least 8 channels and filters, on AVX-512) against the
/// definition: forward, weight, bias and input gradients, over the ways its tiles can sit.
/// </summary>
public sealed partial class ConvolutionKernelTests
{
    /// <summary>Every case below takes the Winograd form where the machine has AVX-512 (the others test the shifted planes again).</summary>
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
    [InlineData(8, 14, 14, 8, 1, 1, 14, 14, 40, 2)]     // several blocks per worker, a short last block
    public void Winograd_form_matches_the_definition(int channels, int height, int width, int filters, int padTop, int padLeft, int outHeight, int outWidth, int batch, int threads)
    {
        var w = new Window2D(channels, height, width, kernel: 3, stride: 1, dilation: 1, padTop, padLeft, outHeight, outWidth);
        using var engine = new KernelEngine(1, 0);
        Assert.Equal(SimdSelection.Best == SimdLevel.Avx512 ? ConvolutionForm.Winograd : ConvolutionForm.ShiftedPlanes, engine.ConvolutionFormFor(w, filters, 1));
        Check(SimdSelection.Best, threads, w, filters, 1, batch);
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
        using var engine = new KernelEngine(1, 0, SimdLevel.Avx512);
        Assert.NotEqual(ConvolutionForm.Winograd, engine.ConvolutionFormFor(w, filters, groups));
    }

    [Fact]
    public void Winograd_form_refuses_a_padding_past_two()
    {
        // Padding 3 above would make the input gradient's padding −1.
        var w = new Window2D(8, 6, 6, kernel: 3, stride: 1, dilation: 1, padTop: 3, padLeft: 1, outHeight: 8, outWidth: 6);
        using var engine = new KernelEngine(1, 0, SimdLevel.Avx512);
        Assert.Equal(ConvolutionForm.ShiftedPlanes, engine.ConvolutionFormFor(w, 8, 1));
    }
}
