using static Generated.SourceGeneration.IndentedWriter;
using static Generated.SourceGeneration.Spans;

namespace Generated.SourceGeneration;

/// <summary>The calls of the image layers (Conv2D, max and average pooling, global average pooling), forward and backward.</summary>
internal static class ImageEmitter
{
    private const string Activation = "global::Generated.Activation.";

    public static void EmitForward(IndentedWriter w, LayerPlan layer, string previous)
    {
        switch (layer.Kind)
        {
            case LayerKind.Conv2D:
                w.Line("_engine.Conv2DForward(" + previous + ", " + Weight(layer, "0") + ", " + Bias(layer, "0") + ", " + OwnOutput(layer) + ", batch, " +
                    Window(layer) + ", " + Int(layer.Features) + ", " + Int(layer.Groups) + ", " + Activation + layer.Activation + ", " + Float(layer.LeakySlope) +
                    KeptPreActivation(layer) + ");");
                break;
            case LayerKind.MaxPool2D:
                w.Line("_engine.MaxPoolForward(" + previous + ", " + OwnOutput(layer) + ", " + Indices(layer) + ", batch, " + Window(layer) + ");");
                break;
            case LayerKind.AvgPool2D:
                w.Line("_engine.AvgPoolForward(" + previous + ", " + OwnOutput(layer) + ", batch, " + Window(layer) + ");");
                break;
            default:
                w.Line(Engine + ".GlobalAveragePoolForward(" + previous + ", " + OwnOutput(layer) + ", " + Int(layer.Positions) + ");");
                break;
        }
    }

    /// <summary>Weight and bias gradients always; dL/dx into the other gradient buffer unless nothing upstream needs it.</summary>
    public static void EmitConvolutionBackward(IndentedWriter w, LayerPlan layer, string x, string gradient, GradientRoute route)
    {
        string gradInput = InputGradient(route, layer.Inputs);
        w.Line("// " + layer.Name + ": dW, db" + (layer.NeedsInputGradient ? ", dL/dx by col2im" : string.Empty));
        w.Line("_engine.Conv2DBackward(" + x + ", " + Weight(layer, "0") + ", " + OutputAccessor(layer.Index) + "(batch), " + gradient + ", " +
            Weight(layer, "GradientOffset") + ", " + Bias(layer, "GradientOffset") + ", " + gradInput + ", batch, " + Window(layer) + ", " +
            Int(layer.Features) + ", " + Int(layer.Groups) + ", " + Activation + layer.Activation + ", " + Float(layer.LeakySlope) + KeptPreActivation(layer) + ");");
    }

    /// <summary>GELU and Swish: the buffer the forward pass fills with W ⋆ x + b and the backward pass reads.</summary>
    private static string KeptPreActivation(LayerPlan layer) => layer.KeepsPreActivation ? ", " + PreActivation(layer) : string.Empty;

    public static void EmitPoolingBackward(IndentedWriter w, LayerPlan layer, string gradient, GradientRoute route)
    {
        string gradInput = Gradient(route.Buffer, layer.Inputs);
        w.Line("// " + layer.Name + ": dL/dx");
        switch (layer.Kind)
        {
            case LayerKind.MaxPool2D:
                w.Line("_engine.MaxPoolBackward(" + gradient + ", " + Indices(layer) + ", " + gradInput + ", batch, " + Window(layer) + ");");
                break;
            case LayerKind.AvgPool2D:
                w.Line("_engine.AvgPoolBackward(" + gradient + ", " + gradInput + ", batch, " + Window(layer) + ");");
                break;
            default:
                w.Line(Engine + ".GlobalAveragePoolBackward(" + gradient + ", " + gradInput + ", " + Int(layer.Positions) + ");");
                break;
        }
    }
}
