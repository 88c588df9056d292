using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Generated.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Generated.Generators.Tests;

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorRun(
    CSharpCompilation Input,
    GeneratorDriver Driver,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorDriverRunResult RunResult => Driver.GetRunResult();

    public GeneratorRunResult Result => Assert.Single(RunResult.Results);

    /// <summary>Every generated file as "hint\ntext", sorted by hint name.</summary>
    public string AllGeneratedText =>
        string.Join("\n", Result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => "//// " + s.HintName + "\n" + s.SourceText));

    /// <summary>The text of the one file generated for <paramref name="hintName"/>.</summary>
    public string Generated(string hintName) =>
        Assert.Single(Result.GeneratedSources, s => s.HintName == hintName).SourceText.ToString();

    /// <summary>Compiler diagnostics of the output compilation at Warning severity or above.</summary>
    public ImmutableArray<Diagnostic> WarningsAndErrors =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    public ImmutableArray<Diagnostic> Errors =>
        Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
}

/// <summary>
/// Builds compilations from source strings against the real Generated.Attributes and Generated.Runtime
/// assemblies and runs the real <see cref="ModelGenerator"/> over them with step tracking on.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions =
        CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.CSharp13);

    // Building ~170 metadata references costs time and memory: do it once per test run.
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    private static readonly Lazy<CSharpCompilation> LazyEmptyCompilation = new(() => CSharpCompilation.Create(
        "TestModels",
        syntaxTrees: null,
        references: LazyReferences.Value,
        options: new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999,
            deterministic: true)));

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static SyntaxTree Parse(string source, string path = "") =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path, Encoding.UTF8);

    /// <summary>A compilation of <paramref name="sources"/> (files named Source0.cs, Source1.cs, ...).</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        LazyEmptyCompilation.Value.AddSyntaxTrees(sources.Select((s, i) => Parse(s, "Source" + i + ".cs")));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        GeneratorDriver ran = (driver ?? CreateDriver())
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(compilation, ran, output, diagnostics);
    }

    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    /// <summary>Fails with every diagnostic listed (plus the generated code) when the generator crashed or reported anything.</summary>
    public static void AssertGeneratorClean(GeneratorRun run)
    {
        Assert.True(run.Result.Exception is null, "Generator threw: " + run.Result.Exception);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, "Generator diagnostics:\n" + Describe(run.GeneratorDiagnostics));
    }

    /// <summary>Asserts that the output compilation has no warnings or errors at all.</summary>
    public static void AssertCompilesCleanly(GeneratorRun run)
    {
        AssertGeneratorClean(run);
        ImmutableArray<Diagnostic> problems = run.WarningsAndErrors;
        Assert.True(problems.IsEmpty, "Output compilation diagnostics:\n" + Describe(problems) + "\n\nGenerated:\n" + run.AllGeneratedText);
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => d.ToString()));

    /// <summary>Emits the output compilation to IL bytes, failing with the diagnostics if that is impossible.</summary>
    public static byte[] EmitToBytes(Compilation compilation)
    {
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(stream);
        Assert.True(result.Success, "Emit failed:\n" + Describe(result.Diagnostics));
        return stream.ToArray();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        IEnumerable<string> paths = trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(ModelAttribute).Assembly.Location)
            .Append(typeof(IModel).Assembly.Location);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (string path in paths)
        {
            // One reference per file; the two project assemblies are usually already in the TPA list.
            if (seen.Add(Path.GetFullPath(path)))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }

        return references.ToImmutable();
    }
}
