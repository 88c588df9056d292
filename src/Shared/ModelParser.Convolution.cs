using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Generated.SourceGeneration;

/// <summary>The convolution and pooling attributes. Shapes are checked later, by <see cref="ShapeInference"/>.</summary>
internal static partial class ModelParser
{
    private const string PositiveIntegers = "[1, +inf)";

    private static LayerSpec ParseConv2D(string name, string modifiers, AttributeData attribute, List<ModelProblem> problems)
    {
        int filters = PositiveArgument(attribute, 0, "filters", name, problems);
        int kernel = PositiveArgument(attribute, 1, "kernel", name, problems);
        ActivationKind activation = ActivationArgument(attribute, 2, name, problems);
        if (activation == ActivationKind.Softmax)
        {
            // Softmax normalises one vector; over a feature map it has no agreed axis (PyTorch has no such layer either).
            problems.Add(new ModelProblem(DiagnosticIds.InvalidLayerArgument, ArgumentLocation(attribute, 2), name, "activation", "Softmax",
                "the element-wise activations (softmax normalises a flat vector: apply it after [Flatten] and [Dense])"));
        }

        var conv = new LayerSpec(name, modifiers, true, string.Empty, LayerKind.Conv2D, filters, activation, InitKind.Auto, true, 0.01, 0)
        {
            Kernel = kernel,
            Stride = PositiveProperty(attribute, "Stride", 1, name, problems),
            Padding = PaddingProperty(attribute, problems),
            Dilation = PositiveProperty(attribute, "Dilation", 1, name, problems),
            Groups = PositiveProperty(attribute, "Groups", 1, name, problems),
        };
        return ParseMaxNorm(ParseWeightOptions(conv, attribute, problems), attribute, problems);
    }

    private static LayerSpec ParsePool(string name, string modifiers, LayerKind kind, AttributeData attribute, List<ModelProblem> problems)
    {
        int size = PositiveArgument(attribute, 0, "size", name, problems);
        return Layer(name, modifiers, kind) with
        {
            Kernel = size,
            // The stride defaults to the size; a bad size is reported once, not again through its default stride.
            Stride = PositiveProperty(attribute, "Stride", size > 0 ? size : 1, name, problems),
            Padding = PaddingProperty(attribute, problems),
        };
    }

    private static int PositiveArgument(AttributeData attribute, int position, string parameter, string layer, List<ModelProblem> problems)
    {
        int value = attribute.ConstructorArguments.Length > position && attribute.ConstructorArguments[position].Value is int v ? v : 0;
        if (value <= 0)
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidLayerArgument, ArgumentLocation(attribute, position), layer, parameter,
                value.ToString(System.Globalization.CultureInfo.InvariantCulture), PositiveIntegers));
        }

        return value;
    }

    private static int PositiveProperty(AttributeData attribute, string property, int fallback, string layer, List<ModelProblem> problems)
    {
        int value = NamedInt(attribute, property, fallback);
        if (value <= 0)
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidLayerArgument, ArgumentLocation(attribute, property), layer, property,
                value.ToString(System.Globalization.CultureInfo.InvariantCulture), PositiveIntegers));
        }

        return value;
    }

    private static PaddingKind PaddingProperty(AttributeData attribute, List<ModelProblem> problems)
    {
        int value = NamedInt(attribute, "Padding", 0);
        if (!Enum.IsDefined(typeof(PaddingKind), value))
        {
            problems.Add(new ModelProblem(DiagnosticIds.UnknownEnumValue, ArgumentLocation(attribute, "Padding"), "Padding", value));
        }

        return (PaddingKind)value;
    }
}
