using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Generated.SourceGeneration;

/// <summary>
/// The one shape-inference implementation: the generator's planner sizes buffers from it and the
/// analyzer reports its errors, so what compiles is exactly what the checks accepted.
/// </summary>
internal static class ShapeInference
{
    // Arrays are indexed by int; the largest .NET array of floats.
    private const long MaxElements = 0x7FFFFFC7;

    /// <summary>A shape error: which rule, where (a layer index, or -1 for the model/loss), and message arguments.</summary>
    internal sealed record ShapeError(string Id, int LayerIndex, bool AtLoss, object[] Arguments);

    /// <summary>Output shape (per sample) of every layer, in order, or the first error.</summary>
    public static (int[][] Shapes, ShapeError? Error) Infer(ModelSpec spec)
    {
        var shapes = new int[spec.Layers.Count][];
        int[] current = spec.InputShape.ToArray();
        long inputSize = current.Aggregate(1L, (a, b) => a * b);
        if (inputSize > MaxElements)
        {
            return (shapes, new ShapeError(DiagnosticIds.ModelTooLarge, -1, false, new object[] { spec.ClassName, "the input has " + inputSize + " elements per sample" }));
        }

        long parameters = 0;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    if (current.Length != 1)
                    {
                        return (shapes, new ShapeError(DiagnosticIds.DenseNeedsVectorInput, i, false,
                            new object[] { layer.Name, "[" + string.Join(", ", current) + "]", current.Aggregate(1, (a, b) => a * b) }));
                    }

                    parameters += ((long)current[0] * layer.Units) + (layer.UseBias ? layer.Units : 0);
                    // One arena holds parameters, gradients and up to two optimizer moments: 4 x parameters floats.
                    if (4 * parameters > MaxElements)
                    {
                        return (shapes, new ShapeError(DiagnosticIds.ModelTooLarge, i, false,
                            new object[] { spec.ClassName, "'" + layer.Name + "' brings the parameter count to " + parameters + ", more than one arena of 2^31 floats can hold with gradients and Adam moments" }));
                    }

                    current = new[] { layer.Units };
                    break;
                case LayerKind.Dropout:
                    break;
            }

            shapes[i] = current;
        }

        int outputUnits = current.Aggregate(1, (a, b) => a * b);
        if (spec.Loss == LossKind.BinaryCrossEntropy && outputUnits != 1)
        {
            return (shapes, new ShapeError(DiagnosticIds.LossIncompatibleWithOutput, -1, true,
                new object[] { "BinaryCrossEntropy", outputUnits, "exactly 1 output unit (a probability)" }));
        }

        if (spec.Loss == LossKind.SoftmaxCrossEntropy && outputUnits < 2)
        {
            return (shapes, new ShapeError(DiagnosticIds.LossIncompatibleWithOutput, -1, true,
                new object[] { "SoftmaxCrossEntropy", outputUnits, "at least 2 output units (one logit per class); use BinaryCrossEntropy with a Sigmoid output for two classes" }));
        }

        return (shapes, null);
    }

    /// <summary>Runs <see cref="Infer"/> and turns its error into a located problem.</summary>
    public static void Check(ModelSpec spec, AttributeData modelAttribute, INamedTypeSymbol type, Location classLocation, List<ModelProblem> problems)
    {
        (_, ShapeError? error) = Infer(spec);
        if (error is null)
        {
            return;
        }

        Location location = classLocation;
        if (error.AtLoss)
        {
            AttributeData? loss = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Generated.LossAttribute");
            location = loss is null ? classLocation : ModelParser.ArgumentLocation(loss, 0);
        }
        else if (error.LayerIndex < 0 || (error.LayerIndex == 0 && error.Id == DiagnosticIds.DenseNeedsVectorInput))
        {
            // The input itself (too large), or the first layer cannot take it: point at the input shape.
            location = ModelParser.ArgumentLocation(modelAttribute, 0);
        }
        else
        {
            string name = spec.Layers[error.LayerIndex].Name;
            location = type.GetMembers(name).FirstOrDefault()?.Locations.FirstOrDefault() ?? classLocation;
        }

        problems.Add(new ModelProblem(error.Id, location, error.Arguments));
    }
}
