using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Generated.SourceGeneration;

/// <summary>
/// Names the generator adds to a model class. A layer with one of these names would make the generated
/// part fail to compile, so it is reported (GEN017) instead. Per-layer buffers and accessors are named
/// by index with a prefix no layer name may take.
/// </summary>
internal static class GeneratedMemberNames
{
    public const string OutputAccessorPrefix = "OutputOfLayer";

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "InputFeatures", "OutputFeatures", "TrainableParameters", "ParameterStride", "GradientOffset", "StateOffset", "ArenaLength",
        "Name", "InputSize", "OutputSize", "TargetSize", "MaxBatch", "ParameterCount", "Mode", "LearningRate",
        "Layers", "Parameters", "Gradients", "Summary", "ReseedDropout", "Dispose", "Forward", "TrainStep",
        "ComputeGradients", "ComputeLoss", "CheckBatch", "RunForward", "RunBackward", "InitializeParameters",
        "_engine", "_arena", "_gradient0", "_gradient1", "_parameters", "_gradients", "_layers", "_step", "_lastForwardTrained", "_buffers",
        "_classWeights",
    };

    public static bool IsReserved(string name) =>
        Reserved.Contains(name)
        || name.StartsWith(OutputAccessorPrefix, StringComparison.Ordinal)
        || name.StartsWith("_output", StringComparison.Ordinal)
        || name.StartsWith("_mask", StringComparison.Ordinal)
        || name.StartsWith("_gradient", StringComparison.Ordinal)
        || name.StartsWith("_preactivation", StringComparison.Ordinal)
        || name.StartsWith("_statistics", StringComparison.Ordinal);

    public static void Check(INamedTypeSymbol type, IEnumerable<LayerSpec> layers, List<ModelProblem> problems)
    {
        foreach (LayerSpec layer in layers)
        {
            if (IsReserved(layer.Name))
            {
                Location location = type.GetMembers(layer.Name).FirstOrDefault()?.Locations.FirstOrDefault() ?? Location.None;
                problems.Add(new ModelProblem(DiagnosticIds.ReservedMemberName, location, layer.Name));
            }
        }
    }
}
