using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.SourceGeneration;

/// <summary>
/// The options that tune an activation, an initialiser, a weight constraint or the loss: each is checked where it is
/// written, and an option the declared kind does not use is an error rather than silently ignored.
/// </summary>
internal static partial class ModelParser
{
    /// <summary>ELU's alpha, on Dense, Conv2D and Activation layers.</summary>
    private static LayerSpec ParseEluAlpha(LayerSpec layer, AttributeData attribute, List<ModelProblem> problems)
    {
        double alpha = NamedDouble(attribute, "EluAlpha", 1.0);
        // The backward pass reads ELU's derivative off its output (y + alpha where y <= 0), which needs y > 0 exactly
        // where x > 0: true for a positive alpha only.
        if (!(alpha > 0 && alpha <= float.MaxValue))
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidLayerArgument, ArgumentLocation(attribute, "EluAlpha"), layer.Name, "EluAlpha", Format(alpha), "(0, the largest float]"));
        }

        return layer with { EluAlpha = alpha };
    }

    /// <summary>The spread or gain of the initialisers that take one; unset (0) means the initialiser's default.</summary>
    private static LayerSpec ParseInitScale(LayerSpec layer, AttributeData attribute, List<ModelProblem> problems)
    {
        if (Named(attribute, "InitScale")?.Value is not double scale)
        {
            return layer;
        }

        string? reason = !(scale > 0 && scale <= float.MaxValue)
            ? "must be a positive, finite float: it is Uniform's limit, Normal's standard deviation or Orthogonal's gain, and 0 would start every weight at 0"
            : layer.Init is not (InitKind.Uniform or InitKind.Normal or InitKind.Orthogonal)
            ? "has no effect with Init." + layer.Init + ": only Init.Uniform, Init.Normal and Init.Orthogonal take a scale (the variance-scaling initialisers derive theirs from the layer's fans)"
            : null;
        if (reason is not null)
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidInitScale, ArgumentLocation(attribute, "InitScale"), layer.Name, Format(scale), reason));
        }

        return layer with { InitScale = scale };
    }

    /// <summary>The max-norm constraint of a dense layer; 0 (the default) turns it off.</summary>
    private static LayerSpec ParseMaxNorm(LayerSpec layer, AttributeData attribute, List<ModelProblem> problems)
    {
        double maxNorm = NamedDouble(attribute, "MaxNorm", 0);
        if (!(maxNorm >= 0 && maxNorm <= float.MaxValue))
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidMaxNorm, ArgumentLocation(attribute, "MaxNorm"), layer.Name, Format(maxNorm)));
        }

        return layer with { MaxNorm = maxNorm };
    }

    /// <summary>Huber's delta, the class weights and the positive-target weight, each only where the loss uses it.</summary>
    private static ModelSpec ParseLossOptions(ModelSpec spec, INamedTypeSymbol type, List<ModelProblem> problems)
    {
        AttributeData? attribute = FindAttribute(type, LossAttributeName);
        if (attribute is null)
        {
            return spec;
        }

        LossKind loss = spec.Loss;
        double delta = NamedDouble(attribute, "Delta", 1.0);
        if (Named(attribute, "Delta") is not null)
        {
            string? reason = loss != LossKind.Huber ? "only Loss.Huber uses Delta"
                : !(delta > 0 && delta <= float.MaxValue) ? "must be a positive, finite float: it is the error size where the loss turns from quadratic to linear"
                : null;
            ReportLossOption(attribute, "Delta", "Delta", delta, reason, problems);
        }

        double positiveWeight = NamedDouble(attribute, "PositiveWeight", 1.0);
        if (Named(attribute, "PositiveWeight") is not null)
        {
            string? reason = !IsBinary(loss) ? "only BinaryCrossEntropy and BinaryCrossEntropyWithLogits weigh positive targets; use ClassWeights for " + loss
                : !(positiveWeight > 0 && positiveWeight <= float.MaxValue) ? "must be a positive, finite float: it multiplies the loss of every positive target"
                : null;
            ReportLossOption(attribute, "PositiveWeight", "PositiveWeight", positiveWeight, reason, problems);
        }

        double[] classWeights = Named(attribute, "ClassWeights") is { IsNull: false, Kind: TypedConstantKind.Array } written
            ? written.Values.Select(v => v.Value is double d ? d : double.NaN).ToArray()
            : System.Array.Empty<double>();
        if (Named(attribute, "ClassWeights") is { IsNull: false })
        {
            CheckClassWeights(attribute, loss, classWeights, problems);
        }

        return spec with { LossOptions = new LossOptions(delta, new EquatableArray<double>(classWeights), positiveWeight) };
    }

    private static void CheckClassWeights(AttributeData attribute, LossKind loss, double[] weights, List<ModelProblem> problems)
    {
        if (!WeighsClasses(loss))
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidLossArgument, ArgumentLocation(attribute, "ClassWeights"), "ClassWeights", Describe(weights),
                "only SoftmaxCrossEntropy, CategoricalCrossEntropy and SparseCategoricalCrossEntropy weigh classes" +
                (IsBinary(loss) ? "; for " + loss + " use PositiveWeight" : string.Empty)));
            return;
        }

        bool allValid = true;
        for (int i = 0; i < weights.Length; i++)
        {
            if (!(weights[i] >= 0 && weights[i] <= float.MaxValue))
            {
                allValid = false;
                problems.Add(new ModelProblem(DiagnosticIds.InvalidLossArgument, NamedArrayElementLocation(attribute, "ClassWeights", i),
                    "ClassWeights[" + i + "]", Format(weights[i]), "a class weight must be zero or a positive, finite float (a negative one rewards getting the class wrong)"));
            }
        }

        if (allValid && weights.Sum() == 0)
        {
            // The weighted mean divides by the weights of the batch's classes: with all zero no sample ever counts.
            problems.Add(new ModelProblem(DiagnosticIds.InvalidLossArgument, ArgumentLocation(attribute, "ClassWeights"), "ClassWeights", Describe(weights),
                "at least one class weight must be positive, or no sample contributes to the loss"));
        }
    }

    private static void ReportLossOption(AttributeData attribute, string argument, string name, double value, string? reason, List<ModelProblem> problems)
    {
        if (reason is not null)
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidLossArgument, ArgumentLocation(attribute, argument), name, Format(value), reason));
        }
    }

    internal static bool IsBinary(LossKind loss) => loss is LossKind.BinaryCrossEntropy or LossKind.BinaryCrossEntropyWithLogits;

    /// <summary>The losses over one output per class, which class weights apply to.</summary>
    internal static bool WeighsClasses(LossKind loss) =>
        loss is LossKind.SoftmaxCrossEntropy or LossKind.CategoricalCrossEntropy or LossKind.SparseCategoricalCrossEntropy;

    private static string Describe(double[] values) => "{ " + string.Join(", ", values.Select(Format)) + " }";

    /// <summary>
    /// Element <paramref name="index"/> of an array written for the named argument (<c>new[] { … }</c>, <c>new double[] { … }</c>
    /// or a collection expression), else the whole argument.
    /// </summary>
    private static Location NamedArrayElementLocation(AttributeData attribute, string name, int index)
    {
        Location whole = ArgumentLocation(attribute, name);
        if (!whole.IsInSource || whole.SourceTree!.GetRoot().FindNode(whole.SourceSpan) is not AttributeArgumentSyntax argument)
        {
            return whole;
        }

        ExpressionSyntax? element = argument.Expression switch
        {
            ArrayCreationExpressionSyntax { Initializer: { } initializer } when index < initializer.Expressions.Count => initializer.Expressions[index],
            ImplicitArrayCreationExpressionSyntax { Initializer: { } initializer } when index < initializer.Expressions.Count => initializer.Expressions[index],
            CollectionExpressionSyntax collection when index < collection.Elements.Count && collection.Elements[index] is ExpressionElementSyntax e => e.Expression,
            _ => null,
        };
        return element?.GetLocation() ?? whole;
    }
}
