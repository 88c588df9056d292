using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Generated.Analyzers.Tests;

/// <summary>
/// Users tune the rules the usual way: an .editorconfig (<c>dotnet_diagnostic.GEN115.severity = error</c>) or
/// project-wide options (NoWarn, WarningsAsErrors). The compiler applies both to our diagnostics like to its own.
/// </summary>
public sealed class SeverityConfigurationTests
{
    private const string RiskyModel =
        """
        using Generated;

        [Model(784)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class Risky
        {
            [Dense(256, Activation.ReLU)] public partial Layer Hidden { get; }
            [Dropout(0.8)] public partial Layer Drop { get; }
            [Dense(10, Activation.Softmax)] public partial Layer Output { get; }
        }
        """;

    [Fact]
    public async Task Defaults_report_both_rules_as_warnings()
    {
        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(Compile(null));

        Assert.Equal(new[] { ("GEN101", DiagnosticSeverity.Warning), ("GEN115", DiagnosticSeverity.Warning) }, Summarize(result));
    }

    [Fact]
    public async Task Editorconfig_escalates_one_rule_and_silences_another()
    {
        AnalyzerConfig config = AnalyzerConfig.Parse(
            "root = true\n\n[*.cs]\ndotnet_diagnostic.GEN115.severity = error\ndotnet_diagnostic.GEN101.severity = none\n",
            "/project/.editorconfig");
        AnalyzerConfigOptionsResult options = AnalyzerConfigSet.Create(ImmutableArray.Create(config)).GetOptionsForSourcePath("/project/Risky.cs");

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(Compile(new TreeSeverities(options.TreeOptions)));

        Assert.Equal(new[] { ("GEN115", DiagnosticSeverity.Error) }, Summarize(result));
    }

    [Fact]
    public async Task Project_options_work_like_NoWarn_and_WarningsAsErrors()
    {
        CSharpCompilation compilation = Compile(null);
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            new[] { new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>("GEN115", ReportDiagnostic.Suppress), new("GEN101", ReportDiagnostic.Error) }));

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(compilation);

        Assert.Equal(new[] { ("GEN101", DiagnosticSeverity.Error) }, Summarize(result));
    }

    private static CSharpCompilation Compile(SyntaxTreeOptionsProvider? severities)
    {
        CSharpCompilation empty = AnalyzerHarness.CreateCompilation();
        SyntaxTree tree = CSharpSyntaxTree.ParseText(RiskyModel, AnalyzerHarness.ParseOptions, "/project/Risky.cs", Encoding.UTF8);
        CSharpCompilation compilation = empty.AddSyntaxTrees(tree);
        return severities is null ? compilation : compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(severities));
    }

    private static (string, DiagnosticSeverity)[] Summarize(AnalysisResult result)
    {
        Assert.Empty(result.Exceptions);
        return result.Model.Select(d => (d.Id, d.Severity)).OrderBy(p => p.Id, System.StringComparer.Ordinal).ToArray();
    }

    /// <summary>Hands the per-file severities an .editorconfig produced to the compiler, as the build does.</summary>
    private sealed class TreeSeverities(ImmutableDictionary<string, ReportDiagnostic> severities) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            severities.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }
    }
}
