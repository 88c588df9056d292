using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Generated.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Xunit;

namespace Generated.Analyzers.Tests;

/// <summary>
/// Code fixes: applied to the wrong declaration of a case they must yield exactly its corrected declaration (which
/// the diagnostic tests already prove compiles, generates and reports nothing); diagnostics without a fix offer none.
/// </summary>
public sealed class CodeFixTests
{
    public static TheoryData<string, string> Cases => DiagnosticCases.Rows();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Fix_turns_the_wrong_declaration_into_the_corrected_one(string id, string name)
    {
        DiagnosticCase c = DiagnosticCases.Get(id, name);
        (string source, _) = Markup.Parse(c.Wrong);

        (Document document, ImmutableArray<CodeAction> actions) = await CodeFixHarness.OfferAsync(source, id);

        if (c.FixProducesFixed)
        {
            CodeAction action = Assert.Single(actions);
            Assert.False(string.IsNullOrWhiteSpace(action.Title));
            Assert.Equal(c.Fixed, await CodeFixHarness.ApplyAsync(document, action));
        }
        else if (!ModelCodeFixProvider.FixableIds.Contains(id))
        {
            Assert.Empty(actions);
        }
    }

    [Fact]
    public void Every_fixable_id_has_a_case_whose_fix_is_checked()
    {
        string[] checkedIds = DiagnosticCases.All.Where(c => c.FixProducesFixed).Select(c => c.Id).Distinct().Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(ModelCodeFixProvider.FixableIds.Order(StringComparer.Ordinal).ToArray(), checkedIds);
    }

    [Fact]
    public async Task Fix_keeps_the_named_argument_style_the_user_wrote()
    {
        string source = DiagnosticCases.Source(hidden: "[Dense(units: 256, activation: Activation.Linear)] public partial Layer Hidden1 { get; }");

        (Document document, ImmutableArray<CodeAction> actions) = await CodeFixHarness.OfferAsync(source, "GEN109");

        string fixedSource = await CodeFixHarness.ApplyAsync(document, Assert.Single(actions));
        Assert.Contains("[Dense(units: 256, activation: Activation.ReLU)]", fixedSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_qualifies_enum_members_when_the_namespace_is_not_imported()
    {
        string source = DiagnosticCases.Source(hidden: "[Dense(256)] public partial Layer Hidden1 { get; }")
            .Replace("using Generated;\n", string.Empty, StringComparison.Ordinal)
            .Replace("[Model(", "[Generated.Model(", StringComparison.Ordinal)
            .Replace("[Loss(Loss.", "[Generated.Loss(Generated.Loss.", StringComparison.Ordinal)
            .Replace("[Optimizer(Optimizer.", "[Generated.Optimizer(Generated.Optimizer.", StringComparison.Ordinal)
            .Replace("[Dense(", "[Generated.Dense(", StringComparison.Ordinal)
            .Replace("[Dropout(", "[Generated.Dropout(", StringComparison.Ordinal)
            .Replace("Activation.", "Generated.Activation.", StringComparison.Ordinal)
            .Replace("partial Layer", "partial Generated.Layer", StringComparison.Ordinal);

        (Document document, ImmutableArray<CodeAction> actions) = await CodeFixHarness.OfferAsync(source, "GEN109");

        string fixedSource = await CodeFixHarness.ApplyAsync(document, Assert.Single(actions));
        Assert.Contains("[Generated.Dense(256, Generated.Activation.ReLU)]", fixedSource, StringComparison.Ordinal);
        (Compilation output, _, _) = AnalyzerHarness.Generate(AnalyzerHarness.CreateCompilation(fixedSource));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }
}
