using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Generated.SourceGeneration;

/// <summary>
/// One valid model as the risky-choice rules see it: the parsed spec and inferred shapes (the generator's own),
/// plus the symbols and attributes needed to put each warning on the exact argument it is about.
/// </summary>
internal sealed class ModelContext
{
    private readonly SymbolAnalysisContext _analysis;
    private readonly ISymbol?[] _members;
    private readonly AttributeData?[] _layerAttributes;

    public ModelContext(SymbolAnalysisContext analysis, ModelSpec spec, int[][] shapes, INamedTypeSymbol type, AttributeData modelAttribute)
    {
        _analysis = analysis;
        Spec = spec;
        Shapes = shapes;
        ModelAttribute = modelAttribute;
        LossAttribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Generated.LossAttribute");
        OptimizerAttribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Generated.OptimizerAttribute");
        _members = new ISymbol?[spec.Layers.Count];
        _layerAttributes = new AttributeData?[spec.Layers.Count];
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            _members[i] = type.GetMembers(spec.Layers[i].Name).FirstOrDefault(m => ModelParser.LayerAttribute(m) is not null);
            _layerAttributes[i] = _members[i] is { } member ? ModelParser.LayerAttribute(member) : null;
        }

        ClassLocation = type.Locations.FirstOrDefault() ?? Location.None;
    }

    public ModelSpec Spec { get; }

    public int[][] Shapes { get; }

    public IReadOnlyList<LayerSpec> Layers => Spec.Layers;

    public AttributeData ModelAttribute { get; }

    public AttributeData? LossAttribute { get; }

    public AttributeData? OptimizerAttribute { get; }

    public Location ClassLocation { get; }

    /// <summary>The layer member's name (its identifier).</summary>
    public Location Member(int layer) => _members[layer]?.Locations.FirstOrDefault() ?? ClassLocation;

    /// <summary>The layer's attribute, e.g. <c>Dense(64)</c>.</summary>
    public Location Attribute(int layer) =>
        _layerAttributes[layer] is { } attribute ? ModelParser.AttributeLocation(attribute) : Member(layer);

    /// <summary>The constructor argument at <paramref name="position"/> when written, else the whole attribute.</summary>
    public Location Argument(int layer, int position) =>
        _layerAttributes[layer] is { } attribute ? ModelParser.ArgumentLocation(attribute, position) : Member(layer);

    /// <summary>The named argument <c>Name = value</c> when written, else the whole attribute.</summary>
    public Location Argument(int layer, string name) =>
        _layerAttributes[layer] is { } attribute ? ModelParser.ArgumentLocation(attribute, name) : Member(layer);

    /// <summary>The loss argument, or the class when there is no loss attribute.</summary>
    public Location LossArgument() => LossAttribute is null ? ClassLocation : ModelParser.ArgumentLocation(LossAttribute, 0);

    /// <summary>An optimizer argument (position 0 is the kind) when written, else the optimizer attribute (or the class).</summary>
    public Location OptimizerArgument(string name) =>
        OptimizerAttribute is null ? ClassLocation
        : name.Length == 0 ? ModelParser.ArgumentLocation(OptimizerAttribute, 0)
        : ModelParser.ArgumentLocation(OptimizerAttribute, name);

    public Location ModelArgument(string name) => ModelParser.ArgumentLocation(ModelAttribute, name);

    /// <summary>Whether the optimizer attribute (if any) writes the named argument.</summary>
    public bool OptimizerWrites(string name) => OptimizerAttribute?.NamedArguments.Any(a => a.Key == name) == true;

    /// <summary>Whether the loss attribute (if any) writes the named argument.</summary>
    public bool LossWrites(string name) => LossAttribute?.NamedArguments.Any(a => a.Key == name) == true;

    /// <summary>Whether a layer's attribute writes the named property.</summary>
    public bool Writes(int layer, string name) => _layerAttributes[layer]?.NamedArguments.Any(a => a.Key == name) == true;

    /// <summary>
    /// The layer that computes the model output: from the last layer back along inputs past dropout, reshapes and
    /// pooling, to a dense, convolution, activation, normalisation, embedding or merge; −1 if there is none.
    /// </summary>
    public int OutputLayer()
    {
        for (int i = Layers.Count - 1; i >= 0; i = Input(i))
        {
            if (Layers[i].Kind is LayerKind.Dense or LayerKind.Conv2D or LayerKind.Activation or LayerKind.BatchNorm or LayerKind.LayerNorm
                or LayerKind.Embedding || Layers[i].IsMerge)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The activation the model's output passes through last (Linear when the output layer is affine).</summary>
    public ActivationKind OutputActivation()
    {
        int output = OutputLayer();
        return output >= 0 && Layers[output].Kind is LayerKind.Dense or LayerKind.Conv2D or LayerKind.Activation ? Layers[output].Activation : ActivationKind.Linear;
    }

    /// <summary>Position of the activation constructor argument: 0 for [Activation], 1 for [Dense], 2 for [Conv2D] (after filters and kernel).</summary>
    public int ActivationArgument(int layer) => Layers[layer].Kind switch
    {
        LayerKind.Activation => 0,
        LayerKind.Conv2D => 2,
        _ => 1,
    };

    /// <summary>
    /// The non-linearity that follows a dense or convolution layer: its own, or (when it is Linear) the first stand-alone
    /// Activation layer its output flows into with only batch norm, dropout, pooling or reshapes in between (and no branch).
    /// </summary>
    public (ActivationKind Activation, int Layer) EffectiveActivation(int dense)
    {
        if (Layers[dense].Activation != ActivationKind.Linear)
        {
            return (Layers[dense].Activation, dense);
        }

        for (int i = OnlyReader(dense); i >= 0; i = OnlyReader(i))
        {
            switch (Layers[i].Kind)
            {
                case LayerKind.Activation:
                    return (Layers[i].Activation, i);
                case LayerKind.Dense or LayerKind.Conv2D or LayerKind.Add or LayerKind.Concat:
                    return (ActivationKind.Linear, dense);
            }
        }

        return (ActivationKind.Linear, dense);
    }

    /// <summary>The next layer <paramref name="layer"/>'s output flows into that is not dropout or a reshape, or −1 (also where it branches).</summary>
    public int NextComputing(int layer, bool skipDropout = true)
    {
        for (int i = OnlyReader(layer); i >= 0; i = OnlyReader(i))
        {
            bool passThrough = Layers[i].Kind is LayerKind.Flatten or LayerKind.Reshape || (skipDropout && Layers[i].Kind == LayerKind.Dropout);
            if (!passThrough)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The layer before <paramref name="layer"/> on its input path that is not dropout or a reshape, or −1 (also at a merge).</summary>
    public int PreviousComputing(int layer)
    {
        for (int i = Input(layer); i >= 0; i = Input(i))
        {
            if (Layers[i].Kind is not (LayerKind.Flatten or LayerKind.Reshape or LayerKind.Dropout))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The one layer <paramref name="layer"/> reads, or −1 for the model input or a merge (which reads several).</summary>
    public int Input(int layer)
    {
        int[] inputs = Layers[layer].InputIndices(layer);
        return inputs.Length == 1 ? inputs[0] : -1;
    }

    /// <summary>The one layer that reads <paramref name="layer"/>'s output, or −1 when none or several do.</summary>
    public int OnlyReader(int layer)
    {
        int reader = -1;
        for (int i = layer + 1; i < Layers.Count; i++)
        {
            if (Array.IndexOf(Layers[i].InputIndices(i), layer) >= 0)
            {
                if (reader >= 0)
                {
                    return -1;
                }

                reader = i;
            }
        }

        return reader;
    }

    public void Report(DiagnosticDescriptor descriptor, Location location, params object[] arguments) =>
        Report(descriptor, location, ImmutableArray<Location>.Empty, null, arguments);

    public void Report(DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?>? fix, params object[] arguments) =>
        Report(descriptor, location, ImmutableArray<Location>.Empty, fix, arguments);

    public void Report(DiagnosticDescriptor descriptor, Location location, ImmutableArray<Location> additional, ImmutableDictionary<string, string?>? fix, params object[] arguments)
    {
        _analysis.CancellationToken.ThrowIfCancellationRequested();
        _analysis.ReportDiagnostic(Diagnostic.Create(descriptor, location, additional, fix, arguments));
    }

    /// <summary>Formats a hyperparameter for a message, culture-invariantly.</summary>
    public static string Format(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The fully qualified enum member, simplified by the fix pipeline where a using allows it.</summary>
    public static string EnumMember(string enumName, string member) => "global::Generated." + enumName + "." + member;

    /// <summary>An error inside one rule must not silence the others, nor reach the IDE.</summary>
    public void Run(Action<ModelContext> rule)
    {
        try
        {
            rule(this);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A half-typed declaration can present shapes no rule anticipated; reporting nothing is the safe answer.
        }
    }
}
