using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Generated.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace Generated.Analyzers.Benchmarks;

/// <summary>
/// The build cost of the compile-time checks for a 50-model project. Every benchmark starts from a fresh clone of the
/// compilation (no cached binding), so <see cref="Compile"/> is the compiler's own work (binding and diagnostics,
/// no emit) and the others add to it: the analyzer host with a do-nothing analyzer (what any analyzer costs), our
/// analyzer, the generator alone (parse, plan, emit text) and the generator plus compiling what it emitted.
/// </summary>
[MemoryDiagnoser]
public class AnalysisCostBenchmarks
{
    private CSharpCompilation _project = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private ImmutableArray<DiagnosticAnalyzer> _emptyAnalyzers;

    [Params(50)]
    public int Models { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _project = ModelProject.Create(Models);
        _analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ModelDeclarationAnalyzer());
        _emptyAnalyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer());
    }

    /// <summary>Our analyzer's own execution time on the project, as the compiler's telemetry measures it.</summary>
    public async Task<System.TimeSpan> AnalyzerExecutionTimeAsync()
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        CompilationWithAnalyzers withAnalyzers = _project.Clone().WithAnalyzers(_analyzers, options);
        await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        AnalyzerTelemetryInfo telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(_analyzers[0], default).ConfigureAwait(false);
        return telemetry.ExecutionTime;
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
    public async Task<int> CompileWithEmptyAnalyzer()
    {
        ImmutableArray<Diagnostic> diagnostics = await _project.Clone().WithAnalyzers(_emptyAnalyzers).GetAllDiagnosticsAsync().ConfigureAwait(false);
        return diagnostics.Length;
    }

    [Benchmark]
    public async Task<int> CompileWithAnalyzer()
    {
        CompilationWithAnalyzers withAnalyzers = _project.Clone().WithAnalyzers(_analyzers);
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAllDiagnosticsAsync().ConfigureAwait(false);
        return diagnostics.Length;
    }

    [Benchmark]
    public int RunGenerator()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new ModelGenerator()).RunGenerators(_project.Clone());
        return driver.GetRunResult().GeneratedTrees.Length;
    }

    [Benchmark]
    public int CompileWithGenerator()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new ModelGenerator());
        driver.RunGeneratorsAndUpdateCompilation(_project.Clone(), out Compilation output, out _);
        return output.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
    }
}

/// <summary>Registers the same kind of action as ours and does nothing: the analyzer host's fixed cost.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class EmptyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("EMPTY001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
    }
}
