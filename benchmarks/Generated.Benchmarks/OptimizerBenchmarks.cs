using System;
using BenchmarkDotNet.Attributes;
using Generated.Kernels;

namespace Generated.Benchmarks;

/// <summary>
/// One Adam update over <see cref="BenchmarkMlp"/>'s 235,146 parameters (parameters, gradients and both moments: 3.8 MB,
/// more than L2 and less than L3, as in training), through <see cref="KernelEngine.Adam"/> on 1 and 2 threads. The
/// gradients are fixed; the moments and parameters move as in training.
/// </summary>
[MemoryDiagnoser]
public class OptimizerBenchmarks : IDisposable
{
    private const int Parameters = (784 * 256) + 256 + (256 * 128) + 128 + (128 * 10) + 10;

    private KernelEngine? _engine;
    private AlignedBuffer _parameters, _gradients, _first, _second;
    private int _step;

    /// <summary>Kernel worker threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = new KernelEngine(Threads, 0);
        var random = new Random(3);
        _parameters = Operands.Random(Parameters, random);
        _gradients = Operands.Random(Parameters, random);
        _first = new AlignedBuffer(Parameters);
        _second = new AlignedBuffer(Parameters);
        _step = 0;
    }

    /// <summary>One update of every parameter.</summary>
    [Benchmark]
    public void Adam() => _engine!.Adam(_parameters, _gradients, _first, _second, 1e-3f, 0.9f, 0.999f, 1e-8f, ++_step);

    /// <inheritdoc />
    public void Dispose()
    {
        _engine?.Dispose();
        GC.SuppressFinalize(this);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();
}
