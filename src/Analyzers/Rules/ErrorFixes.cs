using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.SourceGeneration;

/// <summary>The fixes for declaration errors whose correction is unambiguous (missing Flatten, class count, softmax on one unit).</summary>
internal static class ErrorFixes
{
    public static ImmutableDictionary<string, string?>? For(ModelProblem problem, ModelSpec spec, INamedTypeSymbol type)
    {
        try
        {
            return Find(problem, spec, type);
        }
        catch (System.Exception ex) when (ex is not System.OperationCanceledException)
        {
            // A fix is a convenience: a declaration too broken to compute one still gets its diagnostic.
            return null;
        }
    }

    private static ImmutableDictionary<string, string?>? Find(ModelProblem problem, ModelSpec spec, INamedTypeSymbol type)
    {
        switch (problem.Id)
        {
            // Inserting a Flatten just before the layer only reconnects it when the layer reads the one declared before
            // it; a layer with From (or a merge input) would keep reading the image, so no fix is offered there.
            case DiagnosticIds.DenseNeedsVectorInput when LayerAt(problem.Location) is { } layer
                && spec.Layers.FirstOrDefault(l => l.Name == layer.Identifier.ValueText) is { InputNames.Count: 0 }:
                string modifiers = string.Join(" ", layer.Modifiers.Select(m => m.Text));
                string name = UnusedName(type, "Flatten");
                return FixPlan.Create(
                    "Insert a Flatten layer before '" + layer.Identifier.ValueText + "'",
                    FixPlan.InsertMemberBefore("[global::Generated.Flatten] " + modifiers + " global::Generated.Layer " + name + " { get; }"));
            case DiagnosticIds.ClassCountMismatch when spec.Classes >= 2 && !ModelParser.IsBinary(spec.Loss)
                && problem.Location.SourceTree?.GetRoot().FindNode(problem.Location.SourceSpan) is AttributeArgumentSyntax:
                string classes = spec.Classes.ToString(CultureInfo.InvariantCulture);
                return FixPlan.Create("Use " + classes + " output units", FixPlan.SetArgument("units", 0, classes));
            case DiagnosticIds.SoftmaxOnSingleUnit when LayerAt(problem.Location) is { } layer:
                int position = spec.Layers.FirstOrDefault(l => l.Name == layer.Identifier.ValueText)?.Kind == LayerKind.Dense ? 1 : 0;
                return FixPlan.Create("Use Sigmoid", FixPlan.SetArgument("activation", position, ModelContext.EnumMember("Activation", "Sigmoid")));
            default:
                return null;
        }
    }

    /// <summary>The property whose identifier the location marks.</summary>
    private static PropertyDeclarationSyntax? LayerAt(Location location) =>
        location.IsInSource ? location.SourceTree!.GetRoot().FindNode(location.SourceSpan).FirstAncestorOrSelf<PropertyDeclarationSyntax>() : null;

    private static string UnusedName(INamedTypeSymbol type, string stem)
    {
        string name = stem;
        for (int i = 2; type.GetMembers(name).Length > 0 || type.MemberNames.Contains(name); i++)
        {
            name = stem + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }
}
