using System;
using System.IO;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Generated.Benchmarks;

/// <summary>Entry point of the JIT build: <c>bench</c> (BenchmarkDotNet suites) and the <see cref="Commands"/> the Native AOT build shares.</summary>
internal static class Program
{
    /// <summary>This build's usage: the shared commands and BenchmarkDotNet's suites.</summary>
    internal const string Usage = Commands.Usage +
        """

          Generated.Benchmarks bench [BenchmarkDotNet arguments]
              Runs GemmBenchmarks, ConvolutionBenchmarks, TrainStepBenchmarks, GatherBenchmarks and
              OptimizerBenchmarks, e.g. bench --filter *Gemm* --job short
        """;

    private static int Main(string[] args) =>
        args.Length > 0 && args[0] == "bench" ? RunBenchmarks(args[1..]) : Commands.Run(args, Usage);

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
