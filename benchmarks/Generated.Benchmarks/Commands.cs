using System;
using Generated.Data;
using Generated.Training;

namespace Generated.Benchmarks;

/// <summary>
/// The measuring commands both builds run: <c>train-mlp</c> and <c>train-cnn</c> (end-to-end throughput and accuracy),
/// <c>peak</c> and <c>handoff</c>. The JIT build (this project) adds BenchmarkDotNet's <c>bench</c>; the Native AOT build
/// (<c>Generated.Benchmarks.Native</c>) runs them where no .NET is installed.
/// </summary>
internal static class Commands
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
        """;

    /// <summary>Runs the command <paramref name="args"/> names; <paramref name="usage"/> is the calling build's help text.</summary>
    public static int Run(string[] args, string usage)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(usage);
            return UsageExitCode;
        }

        string command = args[0];
        string[] rest = args[1..];
        switch (command)
        {
            case "train-mlp":
                return TrainCommand.Run(command, rest, usage, options => new BenchmarkMlp(options), rehearse: true);
            case "train-cnn":
                return TrainCommand.Run(command, rest, usage, options => new BenchmarkCnn(options), CnnRecipe);
            case "peak":
                return PeakCommand.Run(rest);
            case "handoff":
                return HandoffCommand.Run();
            case "-h" or "--help" or "help":
                Console.WriteLine(usage);
                return 0;
            default:
                Console.Error.WriteLine($"Unknown command '{command}'.");
                Console.Error.WriteLine(usage);
                return UsageExitCode;
        }
    }

    /// <summary>The CNN's training recipe: cosine annealing of Adam's rate from 1e-3 over the run, mirrors and 2-pixel shifts.</summary>
    private static TrainerOptions CnnRecipe(TrainerOptions options, int epochs) => options with
    {
        LearningRateSchedule = LearningRateSchedules.Cosine(1e-3, epochs),
        Augmentation = FashionMnist.Augmentation,
    };
}
