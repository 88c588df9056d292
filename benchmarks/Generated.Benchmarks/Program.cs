using System;
using System.IO;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Generated.Data;
using Generated.Training;

namespace Generated.Benchmarks;

/// <summary>Entry point: <c>train-mlp</c> and <c>train-cnn</c> (end-to-end throughput and accuracy) or <c>bench</c> (BenchmarkDotNet suites).</summary>
internal static class Program
{
    /// <summary>Exit code for a malformed command line, as most Unix tools use.</summary>
    internal const int UsageExitCode = 2;

    internal const string Usage =
        """
        Usage:
          Generated.Benchmarks train-mlp [--threads N] [--epochs E] [--batch B]
              Trains BenchmarkMlp (784-256-128-10, Adam) on Fashion-MNIST and prints, as its last line,
              samples_per_s=<training samples per second> test_acc=<accuracy on the 10000 test images>.
              --threads N   kernel worker threads, at least 1 (default: every core)
              --epochs E    passes over the 60000 training images, at least 1 (default: 10)
              --batch B     samples per training step, 1 to 512 (default: 128)
          Generated.Benchmarks train-cnn [--threads N] [--epochs E] [--batch B]
              The same for BenchmarkCnn (two blocks of two 3x3 convolutions with per-channel batch norm and ReLU,
              32 then 64 filters, each block ending in 2x2 max pooling; dropout 0.3, dense 256, dropout 0.4,
              10 logits; Adam from 1e-3 with cosine annealing over the epochs, random left-right mirrors of the
              training images), same options.
          Generated.Benchmarks peak [THREADS...]
              Measures this CPU's sustained fp32 FMA throughput (the yardstick for GFLOP/s shares) on 1..cores threads.
          Generated.Benchmarks handoff
              Measures how long a cache line takes to go from one core to another and back (two threads passing a
              token): two-thread figures depend on it.
          Generated.Benchmarks bench [BenchmarkDotNet arguments]
              Runs GemmBenchmarks, ConvolutionBenchmarks, TrainStepBenchmarks, GatherBenchmarks and
              OptimizerBenchmarks, e.g. bench --filter *Gemm* --job short
        """;

    private static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return UsageExitCode;
        }

        string command = args[0];
        string[] rest = args[1..];
        switch (command)
        {
            case "train-mlp":
                return TrainCommand.Run(command, rest, options => new BenchmarkMlp(options));
            case "train-cnn":
                return TrainCommand.Run(command, rest, options => new BenchmarkCnn(options), CnnRecipe);
            case "bench":
                return RunBenchmarks(rest);
            case "peak":
                return PeakCommand.Run(rest);
            case "handoff":
                return HandoffCommand.Run();
            case "-h" or "--help" or "help":
                Console.WriteLine(Usage);
                return 0;
            default:
                Console.Error.WriteLine($"Unknown command '{command}'.");
                Console.Error.WriteLine(Usage);
                return UsageExitCode;
        }
    }

    /// <summary>The CNN's training recipe: cosine annealing of Adam's rate from 1e-3 over the run, mirrors and 2-pixel shifts.</summary>
    private static TrainerOptions CnnRecipe(TrainerOptions options, int epochs) => options with
    {
        LearningRateSchedule = LearningRateSchedules.Cosine(1e-3, epochs),
        Augmentation = FashionMnist.Augmentation,
    };

        private static int RunBenchmarks(string[] args)
    {
        // Results go next to this project (BenchmarkDotNet's default is the current folder); --artifacts overrides it.
        IConfig config = DefaultConfig.Instance
            .AddColumn(GflopsColumn.Instance, PeakShareColumn.Instance)
            .WithSummaryStyle(SummaryStyle.Default.WithZeroMetricValuesInContent()) // "0 B" allocated, not "-"
            .WithArtifactsPath(Path.Combine(ProjectDirectory(), "BenchmarkDotNet.Artifacts"));
        var switcher = BenchmarkSwitcher.FromTypes([typeof(GemmBenchmarks), typeof(ConvolutionBenchmarks), typeof(TrainStepBenchmarks), typeof(GatherBenchmarks), typeof(OptimizerBenchmarks)]);
        int failures = 0;
        foreach (Summary summary in switcher.Run(args, config))
        {
            if (summary.HasCriticalValidationErrors)
            {
                failures++;
                continue;
            }

            foreach (BenchmarkReport report in summary.Reports)
            {
                if (!report.Success)
                {
                    failures++;
                }
            }
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>The folder holding this project's .csproj (found above the build output), else the current folder.</summary>
    private static string ProjectDirectory()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Generated.Benchmarks.csproj")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
