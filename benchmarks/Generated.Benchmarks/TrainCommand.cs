using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Generated.Data;
using Generated.Kernels;
using Generated.Training;

namespace Generated.Benchmarks;

/// <summary>
/// <c>train-mlp</c> and <c>train-cnn</c>: train a benchmark model on Fashion-MNIST and report training throughput (samples
/// per second of the training phases alone: data loading and evaluation excluded) and test accuracy. Other tools parse
/// the last line, <c>samples_per_s=&lt;float&gt; test_acc=&lt;float&gt;</c>; keep it exactly so.
/// </summary>
internal static class TrainCommand
{
    /// <summary>Seed of the per-epoch shuffles (the models' own seeds are declared on them).</summary>
    private const long ShuffleSeed = 20240601;

    /// <summary>The largest batch the benchmark models are declared for (their MaxBatch).</summary>
    private const int MaxBatch = 512;

    /// <summary>
    /// Runs <paramref name="command"/> with the model <paramref name="create"/> builds for the parsed thread count;
    /// <paramref name="recipe"/>, given the trainer options and the epoch count, may add a schedule or augmentation.
    /// With <paramref name="rehearse"/> the model computes the gradients of one batch before the clock starts (see
    /// <see cref="Rehearse"/>); only a model whose gradient pass changes nothing but its gradients may ask for it.
    /// </summary>
    public static int Run(
        string command, string[] args, string usage, Func<ModelOptions, ISupervisedModel<int>> create,
        Func<TrainerOptions, int, TrainerOptions>? recipe = null, bool rehearse = false)
    {
        if (!TryParse(args, out Settings settings, out string? error))
        {
            if (error is null)
            {
                Console.WriteLine(usage);
                return 0;
            }

            Console.Error.WriteLine(error);
            Console.Error.WriteLine(usage);
            return Commands.UsageExitCode;
        }

        CultureInfo invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant,
            $"Generated {command}: simd={SimdSelection.Best} threads={settings.Threads} epochs={settings.Epochs} batch={settings.Batch} " +
            $"runtime={RuntimeInformation.FrameworkDescription} ({CodeGeneration()}) cores={Environment.ProcessorCount} " +
            $"os={RuntimeInformation.OSDescription} arch={RuntimeInformation.ProcessArchitecture}"));
        if (IsDebugBuild(typeof(SimdSelection).Assembly) || IsDebugBuild(typeof(TrainCommand).Assembly))
        {
            Console.WriteLine("WARNING: built without optimisations (Debug); measure with -c Release.");
        }

        FashionMnistData data;
        try
        {
            string directory = FashionMnist.EnsureAvailable(Console.Out);
            data = FashionMnist.Load(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not load Fashion-MNIST: {e.Message}");
            return 1;
        }

        // The pixels as bytes, each seen by the model as x / 255f (the floats FashionMnist.Load gives, bit for bit): the
        // trainer decodes each shuffled batch as it gathers it, reading a quarter of the memory float rows would need.
        Dataset<int> train = Dataset.FromBytes(data.Train.RawPixels, 255f, data.Train.Labels, data.Train.SampleSize);
        Dataset<int> test = Dataset.FromBytes(data.Test.RawPixels, 255f, data.Test.Labels, data.Test.SampleSize);

        using ISupervisedModel<int> model = create(new ModelOptions { Threads = settings.Threads });
        var trainerOptions = new TrainerOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.Batch,
            Seed = ShuffleSeed,
            Shuffle = true,
            ValidationFraction = 0,
            EvaluateTrainAccuracy = false,
            Output = Console.Out,
            Progress = ProgressMode.Plain,
        };
        var trainer = new Trainer<int>(recipe is null ? trainerOptions : recipe(trainerOptions, settings.Epochs));

        if (rehearse)
        {
            Rehearse(model, data.Train, settings.Batch);
        }

        // Without a validation set the trainer evaluates nothing between epochs, so each epoch's SamplesPerSecond
        // covers its training steps (with their batch gathering) and nothing else.
        long fitStart = Stopwatch.GetTimestamp();
        TrainingHistory history = trainer.Fit(model, train);
        TimeSpan fitWall = Stopwatch.GetElapsedTime(fitStart);

        double trainSeconds = 0;
        foreach (EpochReport report in history)
        {
            trainSeconds += train.Count / report.SamplesPerSecond;
        }

        long samples = (long)train.Count * history.Count;
        double samplesPerSecond = samples / trainSeconds;

        (double testLoss, double? accuracy) = trainer.Evaluate(model, test);
        double testAccuracy = accuracy ?? double.NaN;

        Console.WriteLine(string.Create(invariant,
            $"trained {samples} samples in {trainSeconds:F3} s of training steps (Fit wall time {fitWall.TotalSeconds:F3} s); " +
            $"test_loss={testLoss:F4} on {test.Count} images"));
        Console.WriteLine(string.Create(invariant, $"samples_per_s={samplesPerSecond:F1} test_acc={testAccuracy:F4}"));
        return 0;
    }

    /// <summary>
    /// Computes the gradients of the first <paramref name="batch"/> training images once, untimed, so that the JIT
    /// compiles the step's methods here rather than inside the first epoch: about 100 ms for the MLP, which a 10-epoch
    /// run at 210k samples/s would otherwise count as 3.5% of its training time (its first epoch ran at 150k–160k
    /// against 210k after it). This is a warm-up, as BenchmarkDotNet's; a Native AOT binary compiles nothing at run time
    /// and takes the same path. The weights and the optimizer's state are not touched, and the first real step overwrites
    /// the gradients, so training is bit for bit the same (<c>test_acc</c> to the last digit; the Models tests'
    /// <c>RehearsalTests</c> assert it). A model with dropout or batch norm would move its mask stream or running
    /// statistics, which is why the CNN does not rehearse (its epochs take 20 s, where the compilation is under 1%).
    /// </summary>
    private static void Rehearse(ISupervisedModel<int> model, LabeledImages images, int batch)
    {
        int[] rows = new int[batch];
        for (int i = 0; i < batch; i++)
        {
            rows[i] = i;
        }

        float[] inputs = new float[batch * model.InputSize];
        model.GatherRows(images.RawPixels, 255f, model.InputSize, rows, inputs);
        model.ComputeGradients(inputs, images.Labels.AsSpan(0, batch));
    }

    private static string CodeGeneration() =>
        RuntimeFeature.IsDynamicCodeCompiled ? "JIT" : "Native AOT";

    private static bool IsDebugBuild(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false;

    private static bool TryParse(string[] args, out Settings settings, out string? error)
    {
        int threads = Environment.ProcessorCount;
        int epochs = 10;
        int batch = 128;
        settings = default;
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string argument = args[i];
            if (argument is "-h" or "--help")
            {
                return false;
            }

            string name = argument;
            string? value = null;
            int equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (argument.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = argument[..equals];
                value = argument[(equals + 1)..];
            }

            if (name is not ("--threads" or "--epochs" or "--batch"))
            {
                error = $"Unknown option '{argument}'.";
                return false;
            }

            if (value is null)
            {
                if (i + 1 >= args.Length)
                {
                    error = $"Option '{name}' needs a value.";
                    return false;
                }

                value = args[++i];
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                error = $"Option '{name}' needs a non-negative whole number, got '{value}'.";
                return false;
            }

            switch (name)
            {
                case "--threads":
                    threads = number;
                    break;
                case "--epochs":
                    epochs = number;
                    break;
                default:
                    batch = number;
                    break;
            }
        }

        if (threads < 1)
        {
            error = $"--threads must be at least 1, got {threads}.";
            return false;
        }

        if (epochs < 1)
        {
            error = $"--epochs must be at least 1, got {epochs}.";
            return false;
        }

        if (batch < 1 || batch > MaxBatch)
        {
            error = $"--batch must lie in 1..{MaxBatch} (the benchmark models' MaxBatch), got {batch}.";
            return false;
        }

        settings = new Settings(threads, epochs, batch);
        return true;
    }

    private readonly record struct Settings(int Threads, int Epochs, int Batch);
}
