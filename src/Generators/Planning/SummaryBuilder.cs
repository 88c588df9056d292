using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Generated.SourceGeneration;

/// <summary>The Keras-like <c>Summary()</c> text, built once at compile time.</summary>
internal static class SummaryBuilder
{
    private const int NameWidth = 34;
    private const int ShapeWidth = 20;
    private const int Rule = 66;

    public static string Build(ModelSpec spec, LayerPlan[] layers, int parameterCount, int bufferCount)
    {
        var text = new StringBuilder();
        text.Append("Model: ").Append(spec.ClassName).Append('\n');
        text.Append('_', Rule).Append('\n');
        Row(text, "Layer (type)", "Output Shape", "Param #");
        text.Append('=', Rule).Append('\n');
        Row(text, "(input)", "(None, " + string.Join(", ", spec.InputShape) + ")", "0");
        foreach (LayerPlan layer in layers)
        {
            Row(text, layer.Name + " (" + Describe(layer) + ")" + Inputs(layers, layer), layer.OutputShapeText, layer.ParameterCount.ToString("N0", CultureInfo.InvariantCulture));
        }

        text.Append('=', Rule).Append('\n');
        text.Append("Total params: ").Append(parameterCount.ToString("N0", CultureInfo.InvariantCulture)).Append('\n');
        if (bufferCount > 0)
        {
            // Keras counts batch-norm moving statistics as non-trainable parameters; they are saved, never trained.
            text.Append("Non-trainable buffers: ").Append(bufferCount.ToString("N0", CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("Loss: ").Append(spec.Loss).Append("   Optimizer: ").Append(spec.Optimizer.Kind)
            .Append("(lr=").Append(spec.Optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture)).Append(')').Append('\n');
        return text.ToString();
    }

    /// <summary>" <- A, B" when a layer does not simply read the one listed above it (a graph's branches and merges).</summary>
    private static string Inputs(LayerPlan[] layers, LayerPlan layer)
    {
        if (layer.InputLayers.Count == 1 && layer.InputLayers[0] == layer.Index - 1)
        {
            return string.Empty;
        }

        var names = new List<string>();
        foreach (int input in layer.InputLayers)
        {
            names.Add(input < 0 ? "(input)" : layers[input].Name);
        }

        return " <- " + string.Join(", ", names);
    }

    private static string Describe(LayerPlan layer) => layer.Kind switch
    {
        LayerKind.Dense => "Dense, " + ActivationName(layer.Activation),
        LayerKind.Dropout => "Dropout " + layer.Rate.ToString("0.###", CultureInfo.InvariantCulture),
        LayerKind.Activation => "Activation, " + ActivationName(layer.Activation),
        LayerKind.Conv2D => "Conv2D " + Window(layer) + (layer.Groups > 1 ? " g" + layer.Groups : string.Empty) + ", " + ActivationName(layer.Activation),
        LayerKind.MaxPool2D or LayerKind.AvgPool2D => layer.Kind + " " + Window(layer),
        LayerKind.BatchNorm => layer.Positions > 1 ? "BatchNorm2d" : "BatchNorm",
        _ => layer.Kind.ToString(),
    };

    /// <summary>"3x3", then "/2" for a stride, "d2" for a dilation and "same" for padding, when they are not the defaults.</summary>
    private static string Window(LayerPlan layer)
    {
        WindowPlan window = layer.Window!;
        bool pool = layer.Kind != LayerKind.Conv2D;
        return window.Kernel + "x" + window.Kernel
            + (window.Stride != (pool ? window.Kernel : 1) ? "/" + window.Stride : string.Empty)
            + (window.Dilation > 1 ? " d" + window.Dilation : string.Empty)
            + (window.Padding == PaddingKind.Same ? " same" : string.Empty);
    }

    private static void Row(StringBuilder text, string name, string shape, string count) =>
        text.Append(name.Length < NameWidth ? name.PadRight(NameWidth) : name + " ").Append(shape.PadRight(ShapeWidth)).Append(count.PadLeft(Rule - NameWidth - ShapeWidth)).Append('\n');

    internal static string ActivationName(ActivationKind activation) => activation switch
    {
        ActivationKind.ReLU => "relu",
        ActivationKind.LeakyReLU => "leaky_relu",
        ActivationKind.Sigmoid => "sigmoid",
        ActivationKind.Tanh => "tanh",
        ActivationKind.Softmax => "softmax",
        ActivationKind.ELU => "elu",
        ActivationKind.SELU => "selu",
        ActivationKind.GELU => "gelu",
        ActivationKind.Swish => "swish",
        ActivationKind.Softplus => "softplus",
        _ => "linear",
    };
}
