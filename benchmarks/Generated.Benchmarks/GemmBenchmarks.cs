using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Generated.Kernels;

namespace Generated.Benchmarks;

/// <summary>One GEMM shape, C[M, N] = A[M, K] · B[K, N], named after the step of the MLP that runs it.</summary>
/// <param name="Name">Which product: fwdL (forward of dense layer L), dwL (its weight gradient), dxL (its input gradient).</param>
public sealed record GemmShape(string Name, int M, int N, int K) : IFlopCount
{
    /// <inheritdoc />
    public long Flops => 2L * M * N * K;

    /// <summary>Shown in BenchmarkDotNet's tables and usable in <c>--filter</c>.</summary>
    public override string ToString() => $"{Name}_{M}x{N}x{K}";
}

/// <summary>
/// The matrix products of one <see cref="BenchmarkMlp"/> training step at batch 128, on one thread, through the calls the
/// generated model makes. Dense layer L with weight W[out, in] computes forward Y = X·Wᵀ (M = batch, N = out, K = in)
/// with <see cref="KernelEngine.DenseForward"/>, which reads W in place (a panel of Wᵀ at a time, or dot products for
/// outputs narrower than a vector), the weight gradient dW = dZᵀ·X (M = out, N = in, K = batch) and the input gradient
/// dX = dZ·W (M = batch, N = in, K = out), both plain products (<see cref="KernelEngine.Gemm"/>). The first layer has no
/// input gradient (nothing upstream needs it), so a step runs exactly these eight products.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks : IDisposable
{
    private const int Batch = 128;

    private KernelEngine? _engine;
    private AlignedBuffer _a;
    private AlignedBuffer _b;
    private AlignedBuffer _c;

    /// <summary>The shape under test.</summary>
    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = new("fwd1", Batch, 256, 784);

    /// <summary>The eight products of a training step of the 784-256-128-10 MLP at batch 128 (values for <see cref="Shape"/>).</summary>
    public static IEnumerable<GemmShape> Shapes()
    {
        yield return new GemmShape("fwd1", Batch, 256, 784);
        yield return new GemmShape("fwd2", Batch, 128, 256);
        yield return new GemmShape("fwd3", Batch, 10, 128);
        yield return new GemmShape("dw1", 256, 784, Batch);
        yield return new GemmShape("dw2", 128, 256, Batch);
        yield return new GemmShape("dw3", 10, 128, Batch);
        yield return new GemmShape("dx2", Batch, 256, 128);
        yield return new GemmShape("dx3", Batch, 128, 10);

        // One sample's products in BenchmarkCnn's second and fourth convolutions (3x3, 'same'): forward W·cols
        // (M = filters, N = positions, K = channels·9) and the column gradient Wᵀ·dz (M = channels·9, N = positions, K = filters);
        // positions are padded to whole vectors as the convolution lays them out (14·14 = 196 -> 208).
        yield return new GemmShape("conv2fwd", 32, 784, 288);
        yield return new GemmShape("conv4fwd", 64, 208, 576);
        yield return new GemmShape("conv2dcol", 288, 784, 32);
        yield return new GemmShape("conv4dcol", 576, 208, 64);
    }

    /// <summary>A single-threaded engine and operands filled with seeded values in [-1, 1).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engine = new KernelEngine(threads: 1, dropoutSeed: 0);
        var random = new Random(17);
        _a = Operands.Random((long)Shape.M * Shape.K, random);
        _b = Operands.Random((long)Shape.K * Shape.N, random);
        _c = new AlignedBuffer((long)Shape.M * Shape.N);
    }

    /// <summary>C = A · B, or for a forward product Y = X·Wᵀ with B holding W as [N, K] (no bias, linear).</summary>
    [Benchmark]
    public void Gemm()
    {
        if (Shape.Name.StartsWith("fwd", StringComparison.Ordinal))
        {
            _engine!.DenseForward(_a, _b, ReadOnlySpan<float>.Empty, _c, Shape.M, Shape.K, Shape.N, Activation.Linear, 0f);
        }
        else
        {
            _engine!.Gemm(_a, _b, _c, Shape.M, Shape.N, Shape.K, accumulate: false);
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
