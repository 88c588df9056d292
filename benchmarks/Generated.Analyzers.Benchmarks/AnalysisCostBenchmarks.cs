using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Generated.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Generated.Analyzers.Benchmarks;

/// <summary>
/// The build cost of the compile-time checks for a 50-model project. Every benchmark starts from a fresh clone of the
/// compilation (no cached binding), so <see cref="Compile"/> is the compiler's own work (binding and diagnostics,
/// no emit) and the others add the analyzer or the generator to it. The difference is what the user pays.
/// </summary>
[MemoryDiagnoser]
public class AnalysisCostBenchmarks
{
    private CSharpCompilation _project = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [Params(50)]
    public int Models { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _project = ModelProject.Create(Models);
        _analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ModelDeclarationAnalyzer());
    }

    /// <summary>The GEN diagnostics the analyzer reports on the project (for the <c>check</c> command, not measured).</summary>
    public async Task<string[]> ModelDiagnosticsAsync()
    {
        ImmutableArray<Diagnostic> diagnostics = await _project.Clone().WithAnalyzers(_analyzers).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        return diagnostics.Select(d => d.ToString()).ToArray();
    }

    [Benchmark(Baseline = true)]
    public int Compile() => _project.Clone().GetDiagnostics().Length;

    [Benchmark]
    public async Task<int> CompileWithAnalyzer()
    {
        CompilationWithAnalyzers withAnalyzers = _project.Clone().WithAnalyzers(_analyzers);
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAllDiagnosticsAsync().ConfigureAwait(false);
        return diagnostics.Length;
    }

    [Benchmark]
    public int CompileWithGenerator()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new ModelGenerator());
        driver.RunGeneratorsAndUpdateCompilation(_project.Clone(), out Compilation output, out _);
        return output.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
    }
}
