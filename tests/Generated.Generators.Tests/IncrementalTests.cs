using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Generated.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Generated.Generators.Tests;

/// <summary>
/// The pipeline's cache: edits that do not touch a model re-run nothing expensive (every tracked step reports
/// Cached or Unchanged), and edits to a model do flow through parse, plan and emit.
/// </summary>
public sealed class IncrementalTests
{
    private static readonly string[] StepNames = { TrackingNames.Parse, TrackingNames.Plan, TrackingNames.Emit };

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(ModelSources.FashionMlp, ModelSources.BinarySigmoid, ModelSources.Unrelated);
        GeneratorRun first = GeneratorHarness.Run(compilation);
        GeneratorHarness.AssertCompilesCleanly(first);

        CSharpCompilation changed = compilation.AddSyntaxTrees(
            GeneratorHarness.Parse("namespace Samples.Added; public sealed class Extra { public int Value { get; set; } }", "Added.cs"));
        GeneratorRun second = GeneratorHarness.Run(changed, first.Driver);

        AssertEveryOutputCachedOrUnchanged(second.Result, expectedModels: 2);
        Assert.Equal(first.AllGeneratedText, second.AllGeneratedText);
    }

    [Fact]
    public void Editing_an_unrelated_file_leaves_every_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(ModelSources.FashionMlp, ModelSources.Unrelated);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        SyntaxTree unrelated = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        SyntaxTree edited = unrelated.WithChangedText(unrelated.GetText().Replace(
            unrelated.GetText().ToString().IndexOf("2 * x", System.StringComparison.Ordinal), "2 * x".Length, "x + x + 0"));
        GeneratorRun second = GeneratorHarness.Run(compilation.ReplaceSyntaxTree(unrelated, edited), first.Driver);

        AssertEveryOutputCachedOrUnchanged(second.Result, expectedModels: 1);
    }

    [Fact]
    public void Editing_a_comment_in_the_model_file_leaves_plan_and_emit_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(ModelSources.FashionMlp);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        SyntaxTree model = compilation.SyntaxTrees.Single();
        SyntaxTree edited = GeneratorHarness.Parse("// A comment that changes nothing.\n" + ModelSources.FashionMlp, model.FilePath);
        GeneratorRun second = GeneratorHarness.Run(compilation.ReplaceSyntaxTree(model, edited), first.Driver);

        AssertEveryOutputCachedOrUnchanged(second.Result, expectedModels: 1);
    }

    [Fact]
    public void Rerunning_the_same_compilation_leaves_every_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(ModelSources.FashionMlp, ModelSources.Unrelated);
        GeneratorRun first = GeneratorHarness.Run(compilation);
        GeneratorRun second = GeneratorHarness.Run(compilation.Clone(), first.Driver);

        AssertEveryOutputCachedOrUnchanged(second.Result, expectedModels: 1);
    }

    [Fact]
    public void Editing_the_model_modifies_parse_plan_and_emit()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(ModelSources.FashionMlp, ModelSources.Unrelated);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        SyntaxTree model = compilation.SyntaxTrees.Single(t => t.FilePath == "Source0.cs");
        SyntaxTree edited = GeneratorHarness.Parse(ModelSources.FashionMlpWithHidden1Units(128), model.FilePath);
        GeneratorRun second = GeneratorHarness.Run(compilation.ReplaceSyntaxTree(model, edited), first.Driver);
        GeneratorHarness.AssertCompilesCleanly(second);

        foreach (string step in StepNames)
        {
            IncrementalStepRunReason reason = Assert.Single(OutputsOf(second.Result, step)).Reason;
            Assert.True(reason == IncrementalStepRunReason.Modified, step + " reported " + reason);
        }

        string text = second.Generated("Samples.Fashion.FashionMlp.g.cs");
        Assert.Contains("\"Hidden1.weight\", new[] { 128, 784 }", text, System.StringComparison.Ordinal);
        Assert.NotEqual(first.AllGeneratedText, second.AllGeneratedText);
    }

    [Fact]
    public void Editing_one_model_leaves_the_other_models_outputs_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(ModelSources.FashionMlp, ModelSources.BinarySigmoid);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        SyntaxTree binary = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        SyntaxTree edited = GeneratorHarness.Parse(
            ModelSources.BinarySigmoid.Replace("[Dense(8, Activation.Tanh)]", "[Dense(9, Activation.Tanh)]", System.StringComparison.Ordinal),
            binary.FilePath);
        GeneratorRun second = GeneratorHarness.Run(compilation.ReplaceSyntaxTree(binary, edited), first.Driver);

        foreach (string step in StepNames)
        {
            var outputs = OutputsOf(second.Result, step).ToArray();
            Assert.Equal(2, outputs.Length);
            Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
            (object value, IncrementalStepRunReason reason) = Assert.Single(outputs, o => Mentions(o.Value, "FashionMlp"));
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + " re-ran FashionMlp: " + reason);
            Assert.NotNull(value);
        }
    }

    [Fact]
    public void Models_with_the_new_layers_stay_cached_across_an_unrelated_edit()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(
            ModelSources.ImageBatchNorm, ModelSources.ReshapeAndActivations, ModelSources.LogitBinary, ModelSources.Unrelated);
        GeneratorRun first = GeneratorHarness.Run(compilation);
        GeneratorHarness.AssertCompilesCleanly(first);

        CSharpCompilation changed = compilation.AddSyntaxTrees(GeneratorHarness.Parse("namespace Samples.Added; public static class More { }", "Added.cs"));
        GeneratorRun second = GeneratorHarness.Run(changed, first.Driver);

        AssertEveryOutputCachedOrUnchanged(second.Result, expectedModels: 3);
        Assert.Equal(first.AllGeneratedText, second.AllGeneratedText);
    }

    [Fact]
    public void Editing_a_batch_norm_argument_modifies_parse_plan_and_emit()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(ModelSources.ImageBatchNorm);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        SyntaxTree model = compilation.SyntaxTrees.Single();
        SyntaxTree edited = GeneratorHarness.Parse(
            ModelSources.ImageBatchNorm.Replace("[BatchNorm]", "[BatchNorm(Momentum = 0.01)]", System.StringComparison.Ordinal), model.FilePath);
        GeneratorRun second = GeneratorHarness.Run(compilation.ReplaceSyntaxTree(model, edited), first.Driver);
        GeneratorHarness.AssertCompilesCleanly(second);

        foreach (string step in StepNames)
        {
            IncrementalStepRunReason reason = Assert.Single(OutputsOf(second.Result, step)).Reason;
            Assert.True(reason == IncrementalStepRunReason.Modified, step + " reported " + reason);
        }

        Assert.Contains("0.01f, 1E-05f, training);", second.Generated("Samples.Layers.Net.g.cs"), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Tracked_steps_are_reported_under_their_public_names()
    {
        GeneratorRun run = GeneratorHarness.Run(ModelSources.FashionMlp);
        ImmutableDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps = run.Result.TrackedSteps;

        foreach (string name in StepNames)
        {
            Assert.True(steps.ContainsKey(name), "missing tracked step " + name + "; have: " + string.Join(", ", steps.Keys));
            Assert.All(OutputsOf(run.Result, name), o => Assert.Equal(IncrementalStepRunReason.New, o.Reason));
        }
    }

    private static void AssertEveryOutputCachedOrUnchanged(GeneratorRunResult result, int expectedModels)
    {
        Assert.Null(result.Exception);
        foreach (string step in StepNames)
        {
            var outputs = OutputsOf(result, step).ToArray();
            Assert.True(outputs.Length == expectedModels, step + " has " + outputs.Length + " outputs, expected " + expectedModels);
            foreach ((object value, IncrementalStepRunReason reason) in outputs)
            {
                Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    step + " re-ran (" + reason + ") for " + value);
            }
        }
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> OutputsOf(GeneratorRunResult result, string step)
    {
        Assert.True(result.TrackedSteps.TryGetValue(step, out ImmutableArray<IncrementalGeneratorRunStep> runs), "step " + step + " was not tracked");
        return runs.SelectMany(r => r.Outputs);
    }

    /// <summary>Whether a spec, plan or file belongs to the model of that class name.</summary>
    private static bool Mentions(object value, string className) => value switch
    {
        ModelSpec spec => spec.ClassName == className,
        ModelPlan plan => plan.ClassName == className,
        GeneratedFile file => file.HintName.EndsWith("." + className + ".g.cs", System.StringComparison.Ordinal),
        _ => false,
    };
}
