using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Generated.SourceGeneration;

/// <summary>
/// Turns every <c>[Model]</c> partial class into fused forward/backward code. Three cached steps:
/// parse (symbols to a plain <see cref="ModelSpec"/>), plan (shapes and memory layout) and emit (C# text).
/// Each step's output is a value-equal record, so an edit elsewhere in the project re-runs nothing.
/// Diagnostics belong to the analyzer; an invalid model gets only stubs that keep its code compiling.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ModelSpec> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ModelParser.ModelAttributeName,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (ctx, cancellationToken) =>
                    ModelParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0], cancellationToken).Spec)
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<ModelPlan> plans = specs
            .Select(static (spec, _) => ModelPlanner.Plan(spec))
            .WithTrackingName(TrackingNames.Plan);

        IncrementalValuesProvider<GeneratedFile> files = plans
            .Select(static (plan, _) => ModelEmitter.Emit(plan))
            .WithTrackingName(TrackingNames.Emit);

        context.RegisterSourceOutput(files, static (output, file) =>
            output.AddSource(file.HintName, SourceText.From(file.Text, System.Text.Encoding.UTF8)));
    }
}

/// <summary>One emitted source file (value-equal, so it caches).</summary>
internal sealed record GeneratedFile(string HintName, string Text);
