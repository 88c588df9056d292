using System.Linq;

namespace Generated.SourceGeneration;

/// <summary>The per-layer geometry of image layers: windows of convolutions and pools, per-channel sizes and fans.</summary>
internal static class WindowPlanner
{
    /// <summary>The window of a Conv2D or pooling layer over its [C, H, W] input (the padding shape inference accepted).</summary>
    public static WindowPlan? Window(LayerSpec layer, int[] input, int[] output)
    {
        if (layer.Kind is not (LayerKind.Conv2D or LayerKind.MaxPool2D or LayerKind.AvgPool2D))
        {
            return null;
        }

        WindowGeometry rows = WindowGeometry.Along(input[1], layer.Kernel, layer.Stride, layer.Dilation, layer.Padding);
        WindowGeometry columns = WindowGeometry.Along(input[2], layer.Kernel, layer.Stride, layer.Dilation, layer.Padding);
        return new WindowPlan(input[0], input[1], input[2], layer.Kernel, layer.Stride, layer.Dilation, layer.Padding, (int)rows.PadBefore, (int)columns.PadBefore, output[1], output[2]);
    }

    /// <summary>H·W of a [C, H, W] input, else 1.</summary>
    public static int Positions(int[] input) => input.Length == 3 ? input[1] * input[2] : 1;

    /// <summary>Bias length: units, filters, or the features/channels batch norm normalises.</summary>
    public static int Features(LayerSpec layer, int[] output) => layer.Kind switch
    {
        LayerKind.Dense or LayerKind.Conv2D or LayerKind.Embedding => layer.Units,
        LayerKind.BatchNorm => output[0],
        LayerKind.LayerNorm => output.Aggregate(1, (a, b) => a * b),
        _ => 0,
    };

    /// <summary>Initialiser fans as PyTorch computes them: a convolution's receptive field multiplies both.</summary>
    public static (int In, int Out) Fans(LayerSpec layer, int[] input, int inputs) => layer.Kind switch
    {
        LayerKind.Dense => (inputs, layer.Units),
        LayerKind.Conv2D => (input[0] / layer.Groups * layer.Kernel * layer.Kernel, layer.Units * layer.Kernel * layer.Kernel),
        _ => (0, 0),
    };
}
