using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Generated.Analyzers.Tests;

/// <summary>
/// Models declared as graphs: the risky-choice rules that follow the layers (GEN105, GEN106, GEN109, GEN110) must read
/// merges and LayerNorm for what they are, so valid residual, concatenating, normalised and embedding models report
/// nothing, while the problems those rules exist for are still found inside a graph. The per-id cases of GEN030–GEN033
/// are in GraphDiagnosticCases.cs.
/// </summary>
public sealed class GraphDiagnosticTests
{
    private const string Header = "using Generated;\n\nnamespace Samples.Graphs;\n\n";

    public static TheoryData<string, string> ValidGraphs => new()
    {
        { "residual MLP, six blocks of two dense layers", ResidualMlp(blocks: 6) },
        {
            "two branches joined by a concat",
            Model("[Model(64, MaxBatch = 32)]",
                "[Dense(32, Activation.ReLU)] public partial Layer Left { get; }",
                "[Dense(16, Activation.Tanh, From = Graph.Input)] public partial Layer Right { get; }",
                "[Concat(nameof(Left), nameof(Right), Graph.Input)] public partial Layer Joined { get; }",
                "[Dense(10)] public partial Layer Logits { get; }")
        },
        {
            "pre-norm residual blocks with layer norm",
            Model("[Model(64, MaxBatch = 32)]",
                "[LayerNorm] public partial Layer Norm1 { get; }",
                "[Dense(128, Activation.GELU)] public partial Layer Up1 { get; }",
                "[Dense(64)] public partial Layer Down1 { get; }",
                "[Add(nameof(Down1), Graph.Input)] public partial Layer Sum1 { get; }",
                "[LayerNorm(Epsilon = 1e-6)] public partial Layer Norm2 { get; }",
                "[Dense(128, Activation.GELU)] public partial Layer Up2 { get; }",
                "[Dense(64)] public partial Layer Down2 { get; }",
                "[Add(nameof(Down2), nameof(Sum1))] public partial Layer Sum2 { get; }",
                "[Dense(10)] public partial Layer Logits { get; }")
        },
        {
            "token embedding, layer norm over the rows, flatten",
            Model("[Model(12, MaxBatch = 32)]",
                "[Embedding(1000, 16, InitScale = 0.02)] public partial Layer Embed { get; }",
                "[LayerNorm] public partial Layer Norm { get; }",
                "[Flatten] public partial Layer Rows { get; }",
                "[Dense(64, Activation.ReLU)] public partial Layer Hidden { get; }",
                "[Dense(10)] public partial Layer Logits { get; }")
        },
        {
            "two embedding tables of the same ids, the second read with Graph.Input",
            Model("[Model(12, MaxBatch = 32)]",
                "[Embedding(1000, 8)] public partial Layer Table1 { get; }",
                "[Embedding(1000, 8, From = Graph.Input)] public partial Layer Table2 { get; }",
                "[Concat(nameof(Table1), nameof(Table2))] public partial Layer Joined { get; }",
                "[Flatten] public partial Layer Rows { get; }",
                "[Dense(10)] public partial Layer Logits { get; }")
        },
        {
            "convolutional residual block",
            Model("[Model(8, 14, 14, MaxBatch = 32)]",
                "[Conv2D(8, 3, Activation.ReLU, Padding = Padding.Same)] public partial Layer Conv1 { get; }",
                "[Conv2D(8, 3, Padding = Padding.Same)] public partial Layer Conv2 { get; }",
                "[Add(nameof(Conv2), Graph.Input)] public partial Layer Sum { get; }",
                "[Activation(Activation.ReLU)] public partial Layer Relu { get; }",
                "[GlobalAveragePool] public partial Layer Pool { get; }",
                "[Dense(10)] public partial Layer Logits { get; }")
        },
        {
            "tanh layers separated by layer norm",
            Model("[Model(64, MaxBatch = 32)]",
                "[Dense(64, Activation.Tanh)] public partial Layer H1 { get; }",
                "[Dense(64, Activation.Tanh)] public partial Layer H2 { get; }",
                "[LayerNorm] public partial Layer Norm { get; }",
                "[Dense(64, Activation.Tanh)] public partial Layer H3 { get; }",
                "[Dense(10)] public partial Layer Logits { get; }")
        },
        {
            "dense layer read by name after a dropout branch",
            Model("[Model(64, MaxBatch = 32)]",
                "[Dense(64, Activation.ReLU)] public partial Layer Hidden { get; }",
                "[Dropout(0.1)] public partial Layer Drop { get; }",
                "[Add(nameof(Drop), nameof(Hidden))] public partial Layer Sum { get; }",
                "[Dense(10)] public partial Layer Logits { get; }")
        },
    };

    [Theory]
    [MemberData(nameof(ValidGraphs))]
    public async Task Valid_graph_model_reports_nothing_and_is_generated(string name, string source)
    {
        AssertGeneratedAndCompiles(name, source);
        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);

        Assert.Empty(result.Exceptions);
        Assert.True(result.Diagnostics.IsEmpty, name + ":\n" + AnalyzerHarness.Describe(result.Diagnostics) + "\n" + source);
    }

    [Fact]
    public async Task Residual_mlp_of_twelve_dense_layers_draws_neither_deep_stack_nor_missing_nonlinearity()
    {
        string source = ResidualMlp(blocks: 6);
        Assert.Equal(13, CountOccurrences(source, "[Dense("));

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);

        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "GEN106" or "GEN109");
        Assert.True(result.Diagnostics.IsEmpty, AnalyzerHarness.Describe(result.Diagnostics));
    }

    [Fact]
    public async Task Plain_stack_of_twelve_dense_layers_still_reports_gen106_on_the_tenth()
    {
        string[] layers = Enumerable.Range(1, 12)
            .Select(i => "[Dense(64, Activation.ReLU)] public partial Layer " + (i == 10 ? "[|D10|]" : "D" + i) + " { get; }")
            .Append("[Dense(10)] public partial Layer Logits { get; }")
            .ToArray();
        (string source, TextSpan span) = Markup.Parse(Model("[Model(64, MaxBatch = 32)]", layers));

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GEN106", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public async Task Ten_dense_layers_inside_one_residual_branch_still_report_gen106()
    {
        // The Add after the branch resets the count, but only after it: the branch itself is a deep plain stack.
        string[] layers = Enumerable.Range(1, 9)
            .Select(i => "[Dense(64, Activation.ReLU)] public partial Layer B" + i + " { get; }")
            .Append("[Dense(64)] public partial Layer [|B10|] { get; }")
            .Append("[Add(nameof(B10), Graph.Input)] public partial Layer Sum { get; }")
            .Append("[Activation(Activation.ReLU)] public partial Layer Relu { get; }")
            .Append("[Dense(10)] public partial Layer Logits { get; }")
            .ToArray();
        (string source, TextSpan span) = Markup.Parse(Model("[Model(64, MaxBatch = 32)]", layers));

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GEN106", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public async Task Linear_dense_into_a_dense_is_still_reported_in_a_graph()
    {
        // GEN109 lets a Linear dense feed an Add; one read by name from a later dense layer is still a collapsed pair.
        (string source, TextSpan span) = Markup.Parse(Model("[Model(64, MaxBatch = 32)]",
            "[[|Dense(64)|]] public partial Layer Projection { get; }",
            "[Dense(32, Activation.ReLU, From = Graph.Input)] public partial Layer Side { get; }",
            "[Dense(32, Activation.ReLU, From = nameof(Projection))] public partial Layer Main { get; }",
            "[Concat(nameof(Main), nameof(Side))] public partial Layer Joined { get; }",
            "[Dense(10)] public partial Layer Logits { get; }"));

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GEN109", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public async Task Merge_of_one_unknown_name_reports_both_the_name_and_the_count()
    {
        // With a single element the params list is one argument: the name's span is that whole argument.
        string source = Model("[Model(64, MaxBatch = 32)]",
            "[Dense(64, Activation.ReLU)] public partial Layer Hidden { get; }",
            "[Add(\"Hiden\")] public partial Layer Sum { get; }",
            "[Dense(10)] public partial Layer Logits { get; }");
        int attribute = source.IndexOf("Add(\"Hiden\")", StringComparison.Ordinal);
        int argument = source.IndexOf("\"Hiden\"", StringComparison.Ordinal);

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);

        Assert.Empty(result.Exceptions);
        Diagnostic[] diagnostics = result.Diagnostics.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "GEN030", "GEN031" }, diagnostics.Select(d => d.Id).ToArray());
        Assert.Equal(new TextSpan(argument, "\"Hiden\"".Length), diagnostics[0].Location.SourceSpan);
        Assert.Equal(new TextSpan(attribute, "Add(\"Hiden\")".Length), diagnostics[1].Location.SourceSpan);
    }

    [Fact]
    public async Task Graph_messages_name_the_layer_the_reference_and_the_shapes()
    {
        string unknown = DiagnosticCases.Source(drop: "[Dropout(0.2, From = \"Hiden1\")] public partial Layer Drop1 { get; }");
        string mismatch = Model("[Model(64, MaxBatch = 32)]",
            "[Dense(32)] public partial Layer Narrow { get; }",
            "[Add(nameof(Narrow), Graph.Input)] public partial Layer Sum { get; }",
            "[Dense(10)] public partial Layer Logits { get; }");
        string dead = DiagnosticCases.Source(logits: "[Dense(3)] public partial Layer Auxiliary { get; } [Dense(10, From = nameof(Drop1))] public partial Layer Logits { get; }");

        string unknownMessage = await SingleMessage(unknown, "GEN030");
        string mismatchMessage = await SingleMessage(mismatch, "GEN031");
        string deadMessage = await SingleMessage(dead, "GEN032");

        Assert.Contains("'Drop1'", unknownMessage, StringComparison.Ordinal);
        Assert.Contains("'Hiden1'", unknownMessage, StringComparison.Ordinal);
        Assert.Contains("'Sum'", mismatchMessage, StringComparison.Ordinal);
        Assert.Contains("[32]", mismatchMessage, StringComparison.Ordinal);
        Assert.Contains("[64]", mismatchMessage, StringComparison.Ordinal);
        Assert.Contains("'Auxiliary'", deadMessage, StringComparison.Ordinal);
        Assert.Contains("'Logits'", deadMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_branches_are_counted_separately()
    {
        // Two branches of five dense layers (six along either path with the logits) and a tanh pair beside a single tanh:
        // declared one after the other they would add up, but no path holds ten dense layers or three tanh in a row.
        string[] left = Enumerable.Range(1, 5).Select(i => "[Dense(32, Activation.ReLU)] public partial Layer L" + i + " { get; }").ToArray();
        string[] right = Enumerable.Range(1, 5).Select(i => "[Dense(32, Activation.ReLU" + (i == 1 ? ", From = Graph.Input" : string.Empty) + ")] public partial Layer R" + i + " { get; }").ToArray();
        string dense = Model("[Model(64, MaxBatch = 32)]", left.Concat(right)
            .Append("[Concat(nameof(L5), nameof(R5))] public partial Layer Joined { get; }")
            .Append("[Dense(10)] public partial Layer Logits { get; }").ToArray());
        string tanh = Model("[Model(64, MaxBatch = 32)]",
            "[Dense(32, Activation.Tanh)] public partial Layer A1 { get; }",
            "[Dense(32, Activation.Tanh)] public partial Layer A2 { get; }",
            "[Dense(32, Activation.Tanh, From = Graph.Input)] public partial Layer B1 { get; }",
            "[Concat(nameof(A2), nameof(B1))] public partial Layer Joined { get; }",
            "[Dense(10)] public partial Layer Logits { get; }");

        AnalysisResult denseResult = await AnalyzerHarness.AnalyzeAsync(dense);
        AnalysisResult tanhResult = await AnalyzerHarness.AnalyzeAsync(tanh);

        Assert.True(denseResult.Diagnostics.IsEmpty, AnalyzerHarness.Describe(denseResult.Diagnostics));
        Assert.True(tanhResult.Diagnostics.IsEmpty, AnalyzerHarness.Describe(tanhResult.Diagnostics));
    }

    [Fact]
    public async Task Missing_flatten_before_a_layer_with_from_gets_no_insert_fix()
    {
        // Inserting [Flatten] just before Side would not reconnect it: Side reads Conv by name, not the layer above it.
        string source = Model("[Model(1, 8, 8, MaxBatch = 32)]",
            "[Conv2D(4, 3, Activation.ReLU)] public partial Layer Conv { get; }",
            "[Flatten] public partial Layer Flat { get; }",
            "[Dense(16, Activation.ReLU)] public partial Layer Hidden { get; }",
            "[Dense(16, Activation.ReLU, From = nameof(Conv))] public partial Layer Side { get; }",
            "[Concat(nameof(Hidden), nameof(Side))] public partial Layer Joined { get; }",
            "[Dense(10)] public partial Layer Logits { get; }");

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GEN013", diagnostic.Id);
        Assert.True(diagnostic.Properties.IsEmpty, "no fix expected");
    }

    [Fact]
    public async Task A_layer_dropped_by_a_compiler_error_is_not_reported_as_unknown()
    {
        // 'wdth' does not exist (CS0103): the compiler's error is the one to fix; the Add naming Outer must not add GEN030.
        string source = Model("[Model(64, MaxBatch = 32)]",
            "[Dense(wdth, Activation.ReLU)] public partial Layer Outer { get; }",
            "[Dense(64)] public partial Layer Inner { get; }",
            "[Add(nameof(Outer), nameof(Inner))] public partial Layer Sum { get; }",
            "[Dense(10)] public partial Layer Logits { get; }");

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);

        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("GEN", StringComparison.Ordinal));
    }

    /// <summary>
    /// Blocks of Dense ReLU → Dense Linear → Add(the block's output, its input) → ReLU on a 64-feature input, then the
    /// logits: the usual residual MLP (He et al. 2016), with 2 × <paramref name="blocks"/> hidden dense layers.
    /// </summary>
    private static string ResidualMlp(int blocks)
    {
        var layers = new System.Collections.Generic.List<string>();
        for (int k = 1; k <= blocks; k++)
        {
            string skip = k == 1 ? "Graph.Input" : "nameof(Relu" + (k - 1) + ")";
            layers.Add("[Dense(64, Activation.ReLU)] public partial Layer Expand" + k + " { get; }");
            layers.Add("[Dense(64)] public partial Layer Project" + k + " { get; }");
            layers.Add("[Add(nameof(Project" + k + "), " + skip + ")] public partial Layer Sum" + k + " { get; }");
            layers.Add("[Activation(Activation.ReLU)] public partial Layer Relu" + k + " { get; }");
        }

        layers.Add("[Dense(10)] public partial Layer Logits { get; }");
        return Model("[Model(64, MaxBatch = 32)]", layers.ToArray());
    }

    private static string Model(string model, params string[] layers)
    {
        var text = new StringBuilder(Header);
        text.Append(model).Append('\n')
            .Append("[Loss(Loss.SoftmaxCrossEntropy)]\n")
            .Append("[Optimizer(Optimizer.Adam, LearningRate = 1e-3)]\n")
            .Append("public partial class Net\n{\n");
        foreach (string layer in layers)
        {
            text.Append("    ").Append(layer).Append('\n');
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>The generator builds the model (not only stubs) and its output compiles.</summary>
    private static void AssertGeneratedAndCompiles(string name, string source)
    {
        (Compilation output, GeneratorRunResult run, _) = AnalyzerHarness.Generate(AnalyzerHarness.CreateCompilation(source));
        Assert.Null(run.Exception);
        Assert.Contains("ISupervisedModel", Assert.Single(run.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);
        ImmutableArray<Diagnostic> errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        Assert.True(errors.IsEmpty, name + ":\n" + AnalyzerHarness.Describe(errors));
    }

    private static async Task<string> SingleMessage(string source, string id)
    {
        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        return diagnostic.GetMessage(CultureInfo.InvariantCulture);
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
