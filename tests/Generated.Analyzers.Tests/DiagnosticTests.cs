using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Generated.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Generated.Analyzers.Tests;

/// <summary>
/// Every GEN diagnostic: a wrong declaration reports exactly that id on exactly the marked span (with and without
/// the generator's output in the compilation, as in the IDE), the corrected declaration reports nothing, and the
/// generator agrees with the analyzer about which of the two it can build.
/// </summary>
public sealed partial class DiagnosticTests
{
    public static TheoryData<string, string> Cases => DiagnosticCases.Rows();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Wrong_declaration_reports_its_id_on_the_exact_span(string id, string name)
    {
        (string source, TextSpan span) = Markup.Parse(DiagnosticCases.Get(id, name).Wrong);
        CSharpCompilation compilation = AnalyzerHarness.CreateCompilation(source);

        AssertSingleDiagnostic(id, span, source, await AnalyzerHarness.AnalyzeAsync(compilation));

        // What the IDE analyzes: the user's code plus whatever the generator added (stubs, here).
        (Compilation output, GeneratorRunResult run, _) = AnalyzerHarness.Generate(compilation);
        Assert.Null(run.Exception);
        AssertSingleDiagnostic(id, span, source, await AnalyzerHarness.AnalyzeAsync(output));
        if (SeverityOf(id) == DiagnosticSeverity.Error)
        {
            // An error means no model code, only stubs that keep the user's code compiling.
            Assert.All(run.GeneratedSources, s => Assert.DoesNotContain("ISupervisedModel", s.SourceText.ToString(), StringComparison.Ordinal));
        }
        else
        {
            // A risky choice is only advice: the model is still generated and compiles.
            Assert.Contains("ISupervisedModel", Assert.Single(run.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Corrected_declaration_reports_nothing_and_is_generated(string id, string name)
    {
        string source = DiagnosticCases.Get(id, name).Fixed;
        Assert.DoesNotContain("[|", source, StringComparison.Ordinal);
        CSharpCompilation compilation = AnalyzerHarness.CreateCompilation(source);

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(compilation);
        Assert.Empty(result.Exceptions);
        Assert.True(result.Diagnostics.IsEmpty, AnalyzerHarness.Describe(result.Diagnostics) + "\n" + source);

        (Compilation output, GeneratorRunResult run, _) = AnalyzerHarness.Generate(compilation);
        Assert.Null(run.Exception);
        Assert.Contains("ISupervisedModel", Assert.Single(run.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);
        ImmutableArray<Diagnostic> errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        Assert.True(errors.IsEmpty, AnalyzerHarness.Describe(errors));
    }

    [Fact]
    public void Every_diagnostic_id_has_a_case()
    {
        string[] expected = Enumerable.Range(1, 33).Concat(Enumerable.Range(101, 21))
            .Select(i => "GEN" + i.ToString("000", CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(expected, DiagnosticCases.All.Select(c => c.Id).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(expected, new ModelDeclarationAnalyzer().SupportedDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(DiagnosticCases.All.Count, DiagnosticCases.All.Select(c => c.Id + "/" + c.Name).Distinct().Count());
    }

    [Fact]
    public async Task Several_problems_in_one_model_are_all_reported()
    {
        string source = DiagnosticCases.Source(
            model: "[Model(784, MaxBatch = 0)]",
            optimizer: "[Optimizer(Optimizer.Adam, LearningRate = 0, Beta1 = 2)]",
            hidden: "[Dense(0, Activation.ReLU)] public partial Layer Hidden1 { get; }",
            drop: "[Dropout(3)] public partial Layer Drop1 { get; }");

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);

        Assert.Equal(
            new[] { "GEN002", "GEN004", "GEN009", "GEN009", "GEN011" },
            result.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Messages_name_the_layer_and_the_value()
    {
        string source = DiagnosticCases.Source(hidden: "[Dense(-7, Activation.ReLU)] public partial Layer Hidden1 { get; }");

        Diagnostic diagnostic = Assert.Single((await AnalyzerHarness.AnalyzeAsync(source)).Diagnostics);

        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("Hidden1", message, StringComparison.Ordinal);
        Assert.Contains("-7", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GEN001", "[Model(784, [|0|])]", "[Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; }")]
    [InlineData("GEN002", "[Model(784)]", "[Dense([|units: 0|])] public partial Layer Hidden1 { get; }")]
    [InlineData("GEN003", "[Model(784)]", "[Dense(256, [|activation: (Activation)42|])] public partial Layer Hidden1 { get; }")]
    public async Task Span_is_on_the_offending_argument_in_every_argument_style(string id, string model, string hidden)
    {
        (string source, TextSpan span) = Markup.Parse(DiagnosticCases.Source(model: model, hidden: hidden));

        AssertSingleDiagnostic(id, span, source, await AnalyzerHarness.AnalyzeAsync(source));
    }

    private static void AssertSingleDiagnostic(string id, TextSpan span, string source, AnalysisResult result)
    {
        Assert.Empty(result.Exceptions);
        Assert.True(result.Diagnostics.Length == 1, "expected exactly one " + id + ", got:\n" + AnalyzerHarness.Describe(result.Diagnostics));
        Diagnostic diagnostic = result.Diagnostics[0];
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(SeverityOf(id), diagnostic.Severity);
        Assert.True(diagnostic.Location.IsInSource, "diagnostic has no source location");
        Assert.Equal("Source0.cs", diagnostic.Location.SourceTree!.FilePath);
        TextSpan actual = diagnostic.Location.SourceSpan;
        Assert.True(
            actual == span,
            "expected span '" + source.Substring(span.Start, span.Length) + "' " + span +
            " but got '" + (actual.End <= source.Length ? source.Substring(actual.Start, actual.Length) : "?") + "' " + actual);

        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotMatch(Placeholder(), message);
    }

    private static DiagnosticSeverity SeverityOf(string id) =>
        new ModelDeclarationAnalyzer().SupportedDiagnostics.Single(d => d.Id == id).DefaultSeverity;

    /// <summary>An unformatted placeholder left in a message, e.g. <c>{1}</c>.</summary>
    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
