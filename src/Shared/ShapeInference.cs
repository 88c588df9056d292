using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Generated.SourceGeneration;

/// <summary>
/// The one shape-inference implementation: the generator's planner sizes buffers from it and the
/// analyzer reports its errors, so what compiles is exactly what the checks accepted.
/// </summary>
internal static partial class ShapeInference
{
    // Arrays are indexed by int; the largest .NET array of floats.
    private const long MaxElements = 0x7FFFFFC7;

    // Running mean and variance plus four work slots the backward pass reuses, per feature, and one step counter
    // per layer (what the planner reserves; see ModelPlanner).
    private const int BatchNormBuffersPerFeature = 6;

    /// <summary>
    /// A shape error: which rule, where (a layer index, or -1 for the model/loss), and message arguments.
    /// <paramref name="Argument"/> names the layer-attribute argument at fault ("#0" for the first positional
    /// one, "#2p" for the third element of a params array, a property name, or "@" for the whole attribute); null points
    /// at the layer member.
    /// </summary>
    internal sealed record ShapeError(string Id, int LayerIndex, bool AtLoss, object[] Arguments, string? Argument = null);

    /// <summary>Output shape (per sample) of every layer, in order, or the first error.</summary>
    public static (int[][] Shapes, ShapeError? Error) Infer(ModelSpec spec)
    {
        var shapes = new int[spec.Layers.Count][];
        int[] current = spec.InputShape.ToArray();
        long inputSize = Elements(current);
        if (inputSize > MaxElements)
        {
            return (shapes, new ShapeError(DiagnosticIds.ModelTooLarge, -1, false, new object[] { spec.ClassName, "the input has " + inputSize + " elements per sample" }));
        }

        long parameters = 0, buffers = 0;
        int outputLayer = -1;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            int[] inputs = layer.InputIndices(i);
            current = inputs[0] < 0 ? spec.InputShape.ToArray() : shapes[inputs[0]];
            ShapeError? error = null;
            switch (layer.Kind)
            {
                case LayerKind.Add or LayerKind.Concat:
                    error = Merge(spec, layer, i, inputs, shapes, ref current);
                    break;
                case LayerKind.LayerNorm:
                    // gamma and beta over the whole sample, as torch.nn.LayerNorm(sample shape).
                    parameters += 2 * Elements(current);
                    break;
                case LayerKind.Embedding:
                    error = Embedding(layer, i, inputs[0], current);
                    parameters += (long)layer.Vocabulary * layer.Units;
                    current = new[] { current[0], layer.Units };
                    break;
                case LayerKind.Dense:
                    error = RequireFlat(layer, i, current, "Dense")
                        ?? (layer.Activation == ActivationKind.Softmax && layer.Units == 1 ? SoftmaxOnOne(layer, i, "#1") : null);
                    parameters += ((long)current[0] * layer.Units) + (layer.UseBias ? layer.Units : 0);
                    current = new[] { layer.Units };
                    outputLayer = i;
                    break;
                case LayerKind.BatchNorm:
                    // Per feature of a flat input (BatchNorm1d), per channel of a [C, H, W] one (BatchNorm2d).
                    error = current.Length == 3 ? null : RequireFlat(layer, i, current, "BatchNorm");
                    parameters += 2L * current[0];
                    buffers += (BatchNormBuffersPerFeature * (long)current[0]) + 1;
                    break;
                case LayerKind.Activation when layer.Activation == ActivationKind.Softmax:
                    error = RequireFlat(layer, i, current, "Softmax") ?? (current[0] == 1 ? SoftmaxOnOne(layer, i, "#0") : null);
                    break;
                case LayerKind.Flatten:
                    current = new[] { (int)Elements(current) };
                    break;
                case LayerKind.Conv2D:
                    error = Convolution(spec.ClassName, layer, i, ref current, ref parameters);
                    outputLayer = i;
                    break;
                case LayerKind.MaxPool2D or LayerKind.AvgPool2D:
                    error = Pooling(layer, i, ref current);
                    break;
                case LayerKind.GlobalAveragePool:
                    error = RequireImage(layer, i, current, "GlobalAveragePool", null);
                    current = new[] { current[0] };
                    break;
                case LayerKind.Dropout when layer.Spatial:
                    error = RequireImage(layer, i, current, "Dropout with Spatial = true", "Spatial");
                    break;
                case LayerKind.Reshape:
                    long target = Elements(layer.Shape.ToArray());
                    if (target != Elements(current))
                    {
                        error = new ShapeError(DiagnosticIds.ReshapeElementCount, i, false, new object[]
                        {
                            layer.Name,
                            "[" + string.Join(", ", layer.Shape) + "] holds " + target + " elements but its input " + Describe(current) + " holds " + Elements(current),
                        }, "@");
                    }

                    current = layer.Shape.ToArray();
                    break;
            }

            // One arena holds parameters, gradients and up to two optimizer moments (4 x parameters floats), plus
            // the non-trainable batch-norm statistics.
            if (error is null && (4 * parameters) + buffers > MaxElements)
            {
                error = new ShapeError(DiagnosticIds.ModelTooLarge, i, false,
                    new object[] { spec.ClassName, "'" + layer.Name + "' brings the parameter count to " + parameters + ", more than one arena of 2^31 floats can hold with gradients and Adam moments" });
            }

            // Each layer's output buffer holds MaxBatch samples.
            if (error is null && (long)spec.MaxBatch * Elements(current) > MaxElements)
            {
                error = new ShapeError(DiagnosticIds.ModelTooLarge, i, false,
                    new object[] { spec.ClassName, "the output of '" + layer.Name + "' for MaxBatch = " + spec.MaxBatch + " samples needs " + ((long)spec.MaxBatch * Elements(current)) + " floats, more than one array holds; lower MaxBatch" });
            }

            if (error is not null)
            {
                return (shapes, error);
            }

            shapes[i] = current;
        }

        return (shapes, CheckLoss(spec, (int)Elements(current), outputLayer));
    }

    private static ShapeError? CheckLoss(ModelSpec spec, int outputUnits, int outputLayer)
    {
        if (spec.Loss is LossKind.BinaryCrossEntropy or LossKind.BinaryCrossEntropyWithLogits && outputUnits != 1)
        {
            return new ShapeError(DiagnosticIds.LossIncompatibleWithOutput, -1, true,
                new object[] { spec.Loss.ToString(), outputUnits, "exactly 1 output unit (one probability or logit per sample); use SoftmaxCrossEntropy for more classes" });
        }

        if (ModelParser.WeighsClasses(spec.Loss) && outputUnits < 2)
        {
            string perClass = spec.Loss == LossKind.SoftmaxCrossEntropy ? "one logit per class" : "one probability per class";
            return new ShapeError(DiagnosticIds.LossIncompatibleWithOutput, -1, true,
                new object[] { spec.Loss.ToString(), outputUnits, "at least 2 output units (" + perClass + "); use BinaryCrossEntropyWithLogits for two classes" });
        }

        if (spec.Classes >= 2 && outputLayer >= 0)
        {
            int expected = spec.Loss is LossKind.BinaryCrossEntropy or LossKind.BinaryCrossEntropyWithLogits ? 1 : spec.Classes;
            bool binaryLossWithMoreClasses = expected == 1 && spec.Classes != 2;
            if (outputUnits != expected || binaryLossWithMoreClasses)
            {
                string name = spec.Layers[outputLayer].Name;
                string detail = binaryLossWithMoreClasses
                    ? "the model declares Classes = " + spec.Classes + " but " + spec.Loss + " separates exactly 2; use SoftmaxCrossEntropy with " + spec.Classes + " output units"
                    : "the model declares Classes = " + spec.Classes + " but the output layer '" + name + "' has " + outputUnits + " units; " + spec.Loss + " needs " + expected;
                return new ShapeError(DiagnosticIds.ClassCountMismatch, outputLayer, false, new object[] { detail }, binaryLossWithMoreClasses ? null : "#0");
            }
        }

        if (spec.LossOptions.ClassWeights.Count > 0 && spec.LossOptions.ClassWeights.Count != outputUnits)
        {
            string output = outputLayer >= 0 ? "the output layer '" + spec.Layers[outputLayer].Name + "'" : "the output";
            return new ShapeError(DiagnosticIds.ClassWeightCount, -1, true, new object[] { spec.LossOptions.ClassWeights.Count, output, outputUnits }, "ClassWeights");
        }

        return null;
    }

    private static ShapeError? RequireFlat(LayerSpec layer, int index, int[] input, string kind) =>
        input.Length == 1 ? null
        : new ShapeError(DiagnosticIds.DenseNeedsVectorInput, index, false, new object[] { kind, layer.Name, Describe(input), Elements(input) });

    private static ShapeError SoftmaxOnOne(LayerSpec layer, int index, string argument) =>
        new(DiagnosticIds.SoftmaxOnSingleUnit, index, false, new object[] { layer.Name }, argument);

    private static long Elements(int[] shape) => shape.Aggregate(1L, (a, b) => a * b);

    private static string Describe(int[] shape) => "[" + string.Join(", ", shape) + "]";

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
            location = loss is null ? classLocation
                : error.Argument is null ? ModelParser.ArgumentLocation(loss, 0)
                : ModelParser.ArgumentLocation(loss, error.Argument);
        }
        else if (error.LayerIndex < 0)
        {
            // The input itself is too large: point at the input shape.
            location = ModelParser.ArgumentLocation(modelAttribute, 0);
        }
        else
        {
            ISymbol? member = type.GetMembers(spec.Layers[error.LayerIndex].Name).FirstOrDefault();
            location = member?.Locations.FirstOrDefault() ?? classLocation;
            if (member is not null && error.Argument is not null && ModelParser.LayerAttribute(member) is { } attribute)
            {
                location = error.Argument == "@" ? ModelParser.AttributeLocation(attribute)
                    : error.Argument.EndsWith("p", System.StringComparison.Ordinal)
                    ? ModelParser.ParamsElementLocation(attribute, int.Parse(error.Argument.Substring(1, error.Argument.Length - 2), System.Globalization.CultureInfo.InvariantCulture))
                    : error.Argument.StartsWith("#", System.StringComparison.Ordinal)
                    ? ModelParser.ArgumentLocation(attribute, int.Parse(error.Argument.Substring(1), System.Globalization.CultureInfo.InvariantCulture))
                    : ModelParser.ArgumentLocation(attribute, error.Argument);
            }
        }

        problems.Add(new ModelProblem(error.Id, location, error.Arguments));
    }
}
