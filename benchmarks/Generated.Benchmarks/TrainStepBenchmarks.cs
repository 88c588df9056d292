using System;
using BenchmarkDotNet.Attributes;
using Generated.Data;

namespace Generated.Benchmarks;

/// <summary>
/// One <see cref="BenchmarkMlp"/> training step (forward, backward, Adam update) at batch 128, on 1 and 2 worker
/// threads. Batches cycle through the Fashion-MNIST training images when they are installed, so the parameters keep
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

    private BenchmarkMlp? _model;
    private float[] _features = [];
    private int[] _labels = [];
    private int _batches;
    private int _next;

    /// <summary>
    /// Useful floating-point work of one step: forward 2·B·Σ(in·out) over the three dense layers, the same again for the
    /// weight gradients, and the input gradients of the second and third layer (the first needs none). Element-wise work
    /// (bias, activations, softmax, Adam) is not counted, as in the GFLOP/s figures usually quoted for MLP steps.
    /// </summary>
    public static long FlopsPerStep { get; } = ComputeFlops();

    /// <summary>Kernel worker threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the model and the batch pool, then runs a few steps so buffers and code paths are warm.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _model = new BenchmarkMlp(new ModelOptions { Threads = Threads });
        string? directory = FashionMnist.FindDataDirectory();
        if (directory is not null)
        {
            LabeledImages train = FashionMnist.Load(directory).Train;
            _features = train.Pixels;
            _labels = train.Labels;
            Console.WriteLine($"// TrainStepBenchmarks: Fashion-MNIST training images from {directory}");
        }
        else
        {
            (_features, _labels) = Synthetic();
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
            _features.AsSpan(batch * Batch * Inputs, Batch * Inputs), _labels.AsSpan(batch * Batch, Batch));
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

    private static long ComputeFlops()
    {
        long forward = 2L * Batch * ((Inputs * 256) + (256 * 128) + (128 * Classes));
        long inputGradients = 2L * Batch * ((256 * 128) + (128 * Classes));
        return forward + forward + inputGradients;
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
