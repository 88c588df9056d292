using System;
using BenchmarkDotNet.Attributes;
using Generated.Training;

namespace Generated.Benchmarks;

/// <summary>
/// Gathering one shuffled batch of 128 rows of 784 floats out of a 60,000-row matrix (Fashion-MNIST's size), as the
/// trainer does before every step, through <see cref="IModel.GatherRows"/> of a model with 1 and 2 threads. Each call
/// takes the next 128 rows of a fixed permutation, so the rows come from memory, not from cache, as in training.
/// <see cref="GatherBytes"/> gathers the same rows from a byte matrix (a byte dataset: 47 MB instead of 188), decoding
/// each value as it goes.
/// </summary>
[MemoryDiagnoser]
public class GatherBenchmarks : IDisposable
{
    private const int Rows = 60_000, RowLength = 784, Batch = 128;

    private IModel? _model;
    private float[] _matrix = [];
    private int[] _order = [];
    private float[] _batch = [];
    private byte[] _bytes = [];
    private int _next;

    /// <summary>Model worker threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new BenchmarkMlp(new ModelOptions { Threads = Threads });
        _matrix = new float[Rows * RowLength];
        var random = new Random(7);
        for (int i = 0; i < _matrix.Length; i++)
        {
            _matrix[i] = (float)random.NextDouble();
        }

        _order = new int[Rows];
        for (int i = 0; i < Rows; i++)
        {
            _order[i] = i;
        }

        random.Shuffle(_order);
        _batch = new float[Batch * RowLength];
        _bytes = new byte[Rows * RowLength];
        random.NextBytes(_bytes);
    }

    /// <summary>One batch's rows.</summary>
    [Benchmark]
    public void Gather() => _model!.GatherRows(_matrix, RowLength, NextRows(), _batch);

    /// <summary>One batch's rows from bytes, each divided by 255 on the way.</summary>
    [Benchmark]
    public void GatherBytes() => _model!.GatherRows(_bytes, 255f, RowLength, NextRows(), _batch);

    private ReadOnlySpan<int> NextRows()
    {
        if (_next + Batch > Rows)
        {
            _next = 0;
        }

        _next += Batch;
        return _order.AsSpan(_next - Batch, Batch);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _model?.Dispose();
        GC.SuppressFinalize(this);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();
}
