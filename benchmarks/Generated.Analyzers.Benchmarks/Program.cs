using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Generated.Analyzers.Benchmarks;

/// <summary>
/// <c>check</c>: builds the 50-model project once with the generator and analyzer and prints what they report (a
/// sanity check that the benchmark measures real, valid models). Anything else goes to BenchmarkDotNet.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "check")
        {
            var benchmark = new AnalysisCostBenchmarks { Models = 50 };
            benchmark.Setup();
            Console.WriteLine("compiler diagnostics (without generated code): " + benchmark.Compile());
            Console.WriteLine("compiler + analyzer diagnostics: " + await benchmark.CompileWithAnalyzer().ConfigureAwait(false));
            foreach (string line in await benchmark.ModelDiagnosticsAsync().ConfigureAwait(false))
            {
                Console.WriteLine("  " + line);
            }

            Console.WriteLine("analyzer execution time (compiler telemetry): " + (await benchmark.AnalyzerExecutionTimeAsync().ConfigureAwait(false)).TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " ms");
            int errors = benchmark.CompileWithGenerator();
            Console.WriteLine("errors after generation: " + errors);
            return errors == 0 ? 0 : 1;
        }

        IConfig config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
