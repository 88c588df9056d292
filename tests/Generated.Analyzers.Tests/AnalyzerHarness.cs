using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Generated.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Generated.Analyzers.Tests;

/// <summary>What the analyzer reported for one compilation, and any exception it threw.</summary>
internal sealed record AnalysisResult(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<Exception> Exceptions)
{
    /// <summary>The model diagnostics (GEN ids) only.</summary>
    public ImmutableArray<Diagnostic> Model =>
        Diagnostics.Where(d => d.Id.StartsWith("GEN", StringComparison.Ordinal)).ToImmutableArray();
}

/// <summary>Compiles source strings against the real attribute and runtime assemblies and runs the analyzer (and, on demand, the generator).</summary>
internal static class AnalyzerHarness
{
    public static readonly CSharpParseOptions ParseOptions =
        CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.CSharp13);

    private static readonly Lazy<CSharpCompilation> LazyEmpty = new(() => CSharpCompilation.Create(
        "AnalyzedModels",
        syntaxTrees: null,
        references: LoadReferences(),
        options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)));

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        LazyEmpty.Value.AddSyntaxTrees(sources.Select((s, i) =>
            CSharpSyntaxTree.ParseText(s, ParseOptions, "Source" + i + ".cs", Encoding.UTF8)));

    /// <summary>Runs <see cref="ModelDeclarationAnalyzer"/>; exceptions are captured both as AD0001 diagnostics and through the callback.</summary>
    public static async Task<AnalysisResult> AnalyzeAsync(Compilation compilation)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new ModelDeclarationAnalyzer()), options);
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return new AnalysisResult(diagnostics, exceptions.ToImmutableArray());
    }

    public static Task<AnalysisResult> AnalyzeAsync(params string[] sources) => AnalyzeAsync(CreateCompilation(sources));

    /// <summary>Runs the real generator; returns the updated compilation and the run result.</summary>
    public static (Compilation Output, GeneratorRunResult Result, ImmutableArray<Diagnostic> Diagnostics) Generate(Compilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (output, Assert.Single(driver.GetRunResult().Results), diagnostics);
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => d.ToString()));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(ModelAttribute).Assembly.Location)
            .Append(typeof(IModel).Assembly.Location)
            .Where(path => seen.Add(Path.GetFullPath(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>Test sources mark the expected diagnostic span as <c>[|...|]</c>.</summary>
internal static class Markup
{
    public static (string Source, TextSpan Span) Parse(string marked)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        Assert.True(start >= 0, "no [| marker in:\n" + marked);
        int end = marked.IndexOf("|]", start + 2, StringComparison.Ordinal);
        Assert.True(end >= 0, "no |] marker in:\n" + marked);
        string source = string.Concat(marked.AsSpan(0, start), marked.AsSpan(start + 2, end - start - 2), marked.AsSpan(end + 2));
        Assert.DoesNotContain("[|", source, StringComparison.Ordinal);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
