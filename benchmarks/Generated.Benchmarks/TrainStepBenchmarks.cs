using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Generated.Data;
using Generated.Kernels;

namespace Generated.Benchmarks;

/// <summary>A model whose training step is timed, and the step's useful work.</summary>
/// <param name="Name">mlp (<see cref="BenchmarkMlp"/>) or cnn (<see cref="BenchmarkCnn"/>).</param>
public sealed record SteppedModel(string Name, Func<ModelOptions, ISupervisedModel<int>> Create, long Flops) : IFlopCount
{
    /// <summary>Shown in BenchmarkDotNet's tables and usable in <c>--filter</c>.</summary>
    public override string ToString() => Name;
}

/// <summary>
/// One training step (forward, backward, Adam update) of <see cref="BenchmarkMlp"/> and of <see cref="BenchmarkCnn"/> at
/// batch 128, on 1 and 2 worker threads. Batches cycle through the Fashion-MNIST training images when they are installed, so the parameters keep
/// learning real data as in <c>train-mlp</c>; repeating one batch would drive the loss and gradients towards zero and
/// eventually into subnormal floats, which are slow on x86 and would distort the timing. Without the data set, a seeded
/// synthetic pool stands in (the setup says which). Allocated bytes per step must read 0 (the "Allocated" column).
/// </summary>
[MemoryDiagnoser]
public class TrainStepBenchmarks : IDisposable
{
    /// <summary>Samples per step.</summary>
    public const int Batch = 128;

    private const int Inputs = 784;
    private const int Classes = 10;
    private const int SyntheticBatches = 64;

    private ISupervisedModel<int>? _model;
    // Aligned like the batch the trainer gathers into: rows of 784 floats are whole cache lines, so every batch is too.
    private AlignedBuffer _features;
    private int[] _labels = [];
    private int _batches;
    private int _next;

    /// <summary>The model under test (values for <see cref="Model"/>).</summary>
    public static IEnumerable<SteppedModel> Models()
    {
        yield return new SteppedModel("mlp", options => new BenchmarkMlp(options), MlpFlops());
        yield return new SteppedModel("cnn", options => new BenchmarkCnn(options), CnnFlops());
    }

    /// <summary>The model under test.</summary>
    [ParamsSource(nameof(Models))]
    public SteppedModel Model { get; set; } = new("mlp", options => new BenchmarkMlp(options), MlpFlops());

    /// <summary>Kernel worker threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the model and the batch pool, then runs a few steps so buffers and code paths are warm.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _model = Model.Create(new ModelOptions { Threads = Threads });
        string? directory = FashionMnist.FindDataDirectory();
        if (directory is not null)
        {
            LabeledImages train = FashionMnist.Load(directory).Train;
            _features = Aligned(train.Pixels);
            _labels = train.Labels;
            Console.WriteLine($"// TrainStepBenchmarks: Fashion-MNIST training images from {directory}");
        }
        else
        {
            (float[] features, _labels) = Synthetic();
            _features = Aligned(features);
            Console.WriteLine("// TrainStepBenchmarks: Fashion-MNIST not found; using a seeded synthetic pool");
        }

        _batches = _labels.Length / Batch;
        _next = 0;
        for (int i = 0; i < 8; i++)
        {
            Step();
        }
    }

    /// <summary>One training step on the next batch of the pool.</summary>
    [Benchmark]
    public float Step()
    {
        int batch = _next;
        _next = batch + 1 == _batches ? 0 : batch + 1;
        return _model!.TrainStep(
            _features.Slice(batch * Batch * Inputs, Batch * Inputs), _labels.AsSpan(batch * Batch, Batch));
    }

    private static AlignedBuffer Aligned(float[] values)
    {
        var buffer = new AlignedBuffer(values.Length);
        values.CopyTo(buffer.AsSpan());
        return buffer;
    }

    /// <summary>Stops the model's worker pool.</summary>
    [GlobalCleanup]
    public void Cleanup() => Dispose();

    /// <inheritdoc />
    public void Dispose()
    {
        _model?.Dispose();
        _model = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The MLP step's useful work: forward 2·B·Σ(in·out) over the three dense layers, the same again for the weight
    /// gradients, and the input gradients of the second and third layer (the first needs none). Element-wise work (bias,
    /// activations, softmax, Adam) is not counted, as in the GFLOP/s figures usually quoted for MLP steps.
    /// </summary>
    private static long MlpFlops()
    {
        long forward = 2L * Batch * ((Inputs * 256) + (256 * 128) + (128 * Classes));
        long inputGradients = 2L * Batch * ((256 * 128) + (128 * Classes));
        return forward + forward + inputGradients;
    }

    /// <summary>
    /// The CNN step's useful work, counted as direct convolutions (2·F·C·9·H·W per product; the Winograd form does
    /// 16/36 of that): three products per 3x3 layer except the first, which needs no input gradient, and the same for
    /// the two dense layers. Batch norm, pooling, dropout and Adam are not counted.
    /// </summary>
    private static long CnnFlops()
    {
        static long Conv(long channels, long filters, long size) => 2L * channels * filters * 9 * size * size;
        long first = 2 * Conv(1, 32, 28);
        long convolutions = 3 * (Conv(32, 32, 28) + Conv(32, 64, 14) + Conv(64, 64, 14));
        long dense = 3 * 2L * ((64 * 7 * 7 * 256) + (256 * Classes));
        return Batch * (first + convolutions + dense);
    }

    // Pixels in [0, 1) and labels from a fixed random linear rule: learnable, so the loss behaves like real training.
    private static (float[] Features, int[] Labels) Synthetic()
    {
        var random = new Random(29);
        int count = SyntheticBatches * Batch;
        var features = new float[count * Inputs];
        var labels = new int[count];
        var rule = new float[Classes * Inputs];
        for (int i = 0; i < rule.Length; i++)
        {
            rule[i] = (random.NextSingle() * 2f) - 1f;
        }

        for (int i = 0; i < features.Length; i++)
        {
            features[i] = random.NextSingle();
        }

        Span<float> scores = stackalloc float[Classes];
        for (int sample = 0; sample < count; sample++)
        {
            ReadOnlySpan<float> x = features.AsSpan(sample * Inputs, Inputs);
            for (int c = 0; c < Classes; c++)
            {
                scores[c] = System.Numerics.Tensors.TensorPrimitives.Dot(x, rule.AsSpan(c * Inputs, Inputs));
            }

            labels[sample] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(scores);
        }

        return (features, labels);
    }
}
