using System.Linq;
using static Generated.SourceGeneration.IndentedWriter;
using static Generated.SourceGeneration.Spans;

namespace Generated.SourceGeneration;

/// <summary>
/// The merges (Add, Concat) forward and backward, and the one step every layer of a graph may need after its backward
/// call: adding its share of dL/dx to a gradient that another reader of the same value already left (see
/// <see cref="GradientPlanner"/>).
/// </summary>
internal static class GraphEmitter
{
    private const string Merges = Kernels + ".Merges.";

    public static void EmitForward(IndentedWriter w, ModelPlan plan, LayerPlan layer)
    {
        string[] inputs = layer.InputLayers.Select(input => Output(plan, input, "input")).ToArray();
        if (layer.Kind == LayerKind.Add)
        {
            w.Line(Merges + "Add(" + inputs[0] + ", " + inputs[1] + ", " + OwnOutput(layer) + ");");
            for (int k = 2; k < inputs.Length; k++)
            {
                w.Line(Merges + "Accumulate(" + inputs[k] + ", " + OwnOutput(layer) + ");");
            }

            return;
        }

        int offset = 0;
        for (int k = 0; k < inputs.Length; k++)
        {
            int width = InputWidth(plan, layer, k);
            w.Line(Merges + "ConcatForward(" + inputs[k] + ", " + OwnOutput(layer) + ", batch, " + Int(width) + ", " + Int(offset) + ", " + Int(layer.Outputs) + ");");
            offset += width;
        }
    }

    public static void EmitBackward(IndentedWriter w, ModelPlan plan, LayerPlan layer)
    {
        string gradient = Gradient(layer.GradientBuffer, layer.Outputs);
        w.Line("// " + layer.Name + ": " + (layer.Kind == LayerKind.Add ? "every input receives dL/dy" : "every input receives its slice of dL/dy"));
        int offset = 0;
        for (int k = 0; k < layer.InputLayers.Count; k++)
        {
            GradientRoute route = layer.InputGradients[k];
            int width = InputWidth(plan, layer, k);
            if (route.IsNeeded && layer.Kind == LayerKind.Add)
            {
                if (route.Buffer != layer.GradientBuffer)
                {
                    w.Line(gradient + ".CopyTo(" + Gradient(route.Buffer, width) + ");");
                }

                EmitAccumulate(w, route, width);
            }
            else if (route.IsNeeded)
            {
                bool accumulate = route.AccumulateInto >= 0;
                w.Line(Merges + "ConcatBackward(" + gradient + ", " + Gradient(accumulate ? route.AccumulateInto : route.Buffer, width) + ", batch, " +
                    Int(width) + ", " + Int(offset) + ", " + Int(layer.Outputs) + ", " + (accumulate ? "true" : "false") + ");");
            }

            offset += width;
        }
    }

    /// <summary>After a layer left its share of dL/dx in the route's buffer: add it to the input's gradient when it has one.</summary>
    public static void EmitAccumulate(IndentedWriter w, GradientRoute route, int width)
    {
        if (route.IsNeeded && route.AccumulateInto >= 0 && route.AccumulateInto != route.Buffer)
        {
            w.Line(Merges + "Accumulate(" + Gradient(route.Buffer, width) + ", " + Gradient(route.AccumulateInto, width) + "); // another reader's share is already there");
        }
    }

    /// <summary>Floats per sample of input <paramref name="k"/>.</summary>
    private static int InputWidth(ModelPlan plan, LayerPlan layer, int k) =>
        layer.InputLayers[k] < 0 ? plan.InputSize : plan.Layers[layer.InputLayers[k]].Outputs;
}
