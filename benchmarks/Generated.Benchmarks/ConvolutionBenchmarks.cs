using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Generated.Kernels;

namespace Generated.Benchmarks;

/// <summary>One convolution call of <see cref="BenchmarkCnn"/>: which layer, which pass, and its useful work.</summary>
/// <param name="Name">convN and fwd (W ⋆ x), bwd (the weight and input gradients) or dw (the weight gradient alone).</param>
public sealed record ConvolutionCase(string Name, int Channels, int Size, int Filters, bool Backward, bool InputGradient = true) : IFlopCount
{
    /// <summary>Samples per call.</summary>
    public const int Batch = 16;

    /// <summary>2·F·C·9·H·W per sample for each product: one forward, two backward (one without the input gradient).</summary>
    public long Flops => (Backward && InputGradient ? 2L : 1L) * 2L * Batch * Filters * Channels * 9 * Size * Size;

    /// <summary>Shown in BenchmarkDotNet's tables and usable in <c>--filter</c>.</summary>
    public override string ToString() => Name;
}

/// <summary>
/// The second and fourth 3x3 'same' convolutions of <see cref="BenchmarkCnn"/> (32 → 32 channels on 28 x 28, 64 → 64 on
/// 14 x 14) called as the generated model calls them, on one thread and 16 samples: the whole layer (padding, the
/// products, cropping), not one product in isolation. The GFLOP/s column counts the direct convolution's work; these
/// layers take the Winograd form, which does 16/36 of it, so its share of the peak can pass 100%.
/// </summary>
[MemoryDiagnoser]
public class ConvolutionBenchmarks : IDisposable
{
    private KernelEngine? _engine;
    private Window2D _window;
    private AlignedBuffer _x, _weight, _y, _gradient, _gradWeight, _gradInput;

    /// <summary>The call under test.</summary>
    [ParamsSource(nameof(Cases))]
    public ConvolutionCase Case { get; set; } = new("conv2fwd", 32, 28, 32, false);

    /// <summary>Forward, backward and the weight gradient alone, of the two layers (values for <see cref="Case"/>).</summary>
    public static IEnumerable<ConvolutionCase> Cases()
    {
        yield return new ConvolutionCase("conv2fwd", 32, 28, 32, false);
        yield return new ConvolutionCase("conv2bwd", 32, 28, 32, true);
        yield return new ConvolutionCase("conv2dw", 32, 28, 32, true, InputGradient: false);
        yield return new ConvolutionCase("conv4fwd", 64, 14, 64, false);
        yield return new ConvolutionCase("conv4bwd", 64, 14, 64, true);
        yield return new ConvolutionCase("conv4dw", 64, 14, 64, true, InputGradient: false);
    }

    /// <summary>A single-threaded engine with the layer's scratch reserved, and seeded operands.</summary>
    [GlobalSetup]
    public void Setup()
    {
        ConvolutionCase c = Case;
        _engine = new KernelEngine(threads: 1, dropoutSeed: 0);
        _window = new Window2D(c.Channels, c.Size, c.Size, kernel: 3, stride: 1, dilation: 1, padTop: 1, padLeft: 1, outHeight: c.Size, outWidth: c.Size);
        _engine.ReserveConvolution(_window, c.Filters, groups: 1);
        var random = new Random(23);
        _x = Operands.Random(ConvolutionCase.Batch * _window.InputSize, random);
        _weight = Operands.Random(c.Filters * _window.ColumnRows, random);
        _y = Operands.Random(ConvolutionCase.Batch * c.Filters * _window.Positions, random);
        _gradient = Operands.Random(_y.Length, random);
        _gradWeight = new AlignedBuffer(_weight.Length);
        _gradInput = new AlignedBuffer(_x.Length);
    }

    /// <summary>One forward or backward call over the batch.</summary>
    [Benchmark]
    public void Convolution()
    {
        ConvolutionCase c = Case;
        if (c.Backward)
        {
            // Linear: the gradient passes through unchanged, so repeated calls see the same values.
            _engine!.Conv2DBackward(_x, _weight, _y, _gradient, _gradWeight, [], c.InputGradient ? _gradInput : Span<float>.Empty, ConvolutionCase.Batch, _window, c.Filters, 1, Activation.Linear, 0f);
        }
        else
        {
            _engine!.Conv2DForward(_x, _weight, [], _y, ConvolutionCase.Batch, _window, c.Filters, 1, Activation.Linear, 0f);
        }
    }

    /// <summary>Stops the engine's worker pool.</summary>
    [GlobalCleanup]
    public void Cleanup() => Dispose();

    /// <inheritdoc />
    public void Dispose()
    {
        _engine?.Dispose();
        _engine = null;
        GC.SuppressFinalize(this);
    }
}
