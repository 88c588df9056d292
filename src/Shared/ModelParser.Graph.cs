using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Generated.SourceGeneration;

/// <summary>
/// The graph form: <c>From</c> on any layer and the <c>[Add]</c> and <c>[Concat]</c> merges. Names are read with the
/// layer, then resolved once every layer is known, so a reference can be checked against the declaration order.
/// </summary>
internal static partial class ModelParser
{
    private const string AddAttributeName = "Generated.AddAttribute";
    private const string ConcatAttributeName = "Generated.ConcatAttribute";

    /// <summary>The name <c>Graph.Input</c> stands for: the model input (no C# member can be called this).</summary>
    internal const string ModelInputName = "(input)";

    /// <summary>A merge's input names (its params array), or the one <c>From</c> of any other layer.</summary>
    private static LayerSpec ParseInputNames(LayerSpec layer, AttributeData attribute)
    {
        if (layer.IsMerge)
        {
            TypedConstant argument = attribute.ConstructorArguments[0];
            string[] names = argument.IsNull ? System.Array.Empty<string>() : argument.Values.Select(v => v.Value as string ?? string.Empty).ToArray();
            return layer with { InputNames = new EquatableArray<string>(names) };
        }

        return Named(attribute, "From")?.Value is string from
            ? layer with { InputNames = new EquatableArray<string>(new[] { from }) }
            : layer;
    }

    /// <summary>
    /// Resolves every input name to an earlier layer (or the model input), then requires every layer but the last to
    /// feed another: a branch that goes nowhere would never receive a gradient.
    /// </summary>
    private static List<LayerSpec> ResolveInputs(INamedTypeSymbol type, List<LayerSpec> layers, List<ModelProblem> problems)
    {
        var index = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (int i = 0; i < layers.Count; i++)
        {
            index[layers[i].Name] = i;
        }

        int before = problems.Count;
        bool droppedLayerRead = false;
        var resolved = new List<LayerSpec>(layers.Count);
        for (int i = 0; i < layers.Count; i++)
        {
            LayerSpec layer = layers[i];
            AttributeData? attribute = type.GetMembers(layer.Name).Select(LayerAttribute).FirstOrDefault(a => a is not null);
            if (layer.IsMerge && attribute is not null && Named(attribute, "From") is not null)
            {
                problems.Add(new ModelProblem(DiagnosticIds.InvalidMerge, ArgumentLocation(attribute, "From"), layer.Name,
                    "a merge reads the layers it lists; From does not apply to it"));
            }

            if (layer.IsMerge && layer.InputNames.Count < 2)
            {
                problems.Add(new ModelProblem(DiagnosticIds.InvalidMerge, attribute is null ? Location.None : AttributeLocation(attribute), layer.Name,
                    "it lists " + layer.InputNames.Count + " input" + (layer.InputNames.Count == 1 ? string.Empty : "s") + "; a merge joins two or more layers"));
            }

            if (layer.InputNames.Count == 0)
            {
                resolved.Add(layer with { InputLayers = new EquatableArray<int>(new[] { i - 1 }) });
                continue;
            }

            var inputs = new int[layer.InputNames.Count];
            for (int k = 0; k < inputs.Length; k++)
            {
                string name = layer.InputNames[k];
                inputs[k] = name == ModelInputName ? -1 : index.TryGetValue(name, out int j) ? j : int.MaxValue;
                if (inputs[k] == int.MaxValue && type.GetMembers(name).Any(member => member.GetAttributes().Any(IsLayerAttribute)))
                {
                    // A layer whose attribute has a compiler error was left out of the list: the compiler's error is the
                    // one to fix, so do not add "no layer is called" next to it.
                    droppedLayerRead = true;
                    inputs[k] = -1;
                    continue;
                }

                if (inputs[k] >= i)
                {
                    string why = inputs[k] == int.MaxValue ? "no layer of this model is called '" + name + "'"
                        : inputs[k] == i ? "a layer cannot read its own output"
                        : "'" + name + "' is declared after it; declare layers in the order they run";
                    Location location = attribute is null ? Location.None
                        : layer.IsMerge ? ParamsElementLocation(attribute, k) : ArgumentLocation(attribute, "From");
                    problems.Add(new ModelProblem(DiagnosticIds.UnknownLayerReference, location, layer.Name, name, why));
                }
            }

            resolved.Add(layer with { InputLayers = new EquatableArray<int>(inputs) });
        }

        if (problems.Count == before && !droppedLayerRead)
        {
            RequireEveryOutputRead(type, resolved, problems);
        }

        return resolved;
    }

    private static void RequireEveryOutputRead(INamedTypeSymbol type, List<LayerSpec> layers, List<ModelProblem> problems)
    {
        var read = new bool[layers.Count];
        foreach (LayerSpec layer in layers)
        {
            foreach (int input in layer.InputLayers)
            {
                if (input >= 0)
                {
                    read[input] = true;
                }
            }
        }

        for (int i = 0; i < layers.Count - 1; i++)
        {
            if (!read[i])
            {
                Location location = type.GetMembers(layers[i].Name).FirstOrDefault()?.Locations.FirstOrDefault() ?? Location.None;
                problems.Add(new ModelProblem(DiagnosticIds.UnusedLayerOutput, location, layers[i].Name, layers[layers.Count - 1].Name));
            }
        }
    }
}
