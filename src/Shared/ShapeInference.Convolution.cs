namespace Generated.SourceGeneration;

/// <summary>Shapes of the convolution and pooling layers: [C, H, W] in, [C', H', W'] out (NCHW per sample, as PyTorch).</summary>
internal static partial class ShapeInference
{
    private static ShapeError? Convolution(string model, LayerSpec layer, int index, ref int[] current, ref long parameters)
    {
        ShapeError? error = RequireImage(layer, index, current, "Conv2D", null);
        if (error is not null)
        {
            return error;
        }

        int channels = current[0];
        if (channels % layer.Groups != 0 || layer.Units % layer.Groups != 0)
        {
            return new ShapeError(DiagnosticIds.GroupsDoNotDivide, index, false, new object[]
            {
                layer.Name, layer.Groups, channels, layer.Units,
            }, "Groups");
        }

        error = Window(layer, index, current, "#1", out int height, out int width);
        parameters += ((long)layer.Units * (channels / layer.Groups) * layer.Kernel * layer.Kernel) + (layer.UseBias ? layer.Units : 0);
        current = new[] { layer.Units, height, width };
        return error ?? ConvolutionScratch(model, layer, index, channels, (long)height * width);
    }

    // Positions are padded to this many floats in the engine's column matrix (Conv2DJob.PositionAlignment).
    private const int ColumnAlignment = 16;

    /// <summary>
    /// GEN018 when one worker's convolution scratch (the column matrix of one sample, C·k² rows by the positions, the
    /// output tile, a transposed weight) exceeds one array: the engine would fail at construction instead.
    /// </summary>
    private static ShapeError? ConvolutionScratch(string model, LayerSpec layer, int index, int channels, long positions)
    {
        long columnRows = (long)channels * layer.Kernel * layer.Kernel;
        long padded = (positions + ColumnAlignment - 1) / ColumnAlignment * ColumnAlignment;
        long scratch = ((columnRows + layer.Units) * padded) + (layer.Units * (columnRows / layer.Groups)) + layer.Units;
        return scratch <= MaxElements ? null
            : new ShapeError(DiagnosticIds.ModelTooLarge, index, false, new object[]
            {
                model, "'" + layer.Name + "' needs " + scratch + " floats of scratch per thread for its column matrix (" + columnRows + " rows by " + positions +
                " positions), more than one array holds; use fewer channels, a smaller kernel or a stride",
            });
    }

    private static ShapeError? Pooling(LayerSpec layer, int index, ref int[] current)
    {
        ShapeError? error = RequireImage(layer, index, current, layer.Kind.ToString(), null);
        if (error is not null)
        {
            return error;
        }

        error = Window(layer, index, current, "#0", out int height, out int width);
        current = new[] { current[0], height, width };
        return error;
    }

    /// <summary>Output height and width of a window layer, or GEN023 on its size argument when the window does not fit.</summary>
    private static ShapeError? Window(LayerSpec layer, int index, int[] input, string sizeArgument, out int height, out int width)
    {
        WindowGeometry rows = WindowGeometry.Along(input[1], layer.Kernel, layer.Stride, layer.Dilation, layer.Padding);
        WindowGeometry columns = WindowGeometry.Along(input[2], layer.Kernel, layer.Stride, layer.Dilation, layer.Padding);
        height = (int)rows.Output;
        width = (int)columns.Output;
        if (rows.Output > 0 && columns.Output > 0)
        {
            return null;
        }

        string window = layer.Dilation > 1
            ? "a " + layer.Kernel + "x" + layer.Kernel + " window with dilation " + layer.Dilation + " spans " + rows.Span + " positions"
            : "a " + layer.Kernel + "x" + layer.Kernel + " window";
        return new ShapeError(DiagnosticIds.WindowDoesNotFit, index, false, new object[]
        {
            layer.Name, window, input[1] + "x" + input[2], Describe(input),
        }, sizeArgument);
    }

    /// <summary>GEN025 unless the input is [channels, height, width]; <paramref name="argument"/> is where to point (null: the member).</summary>
    private static ShapeError? RequireImage(LayerSpec layer, int index, int[] input, string kind, string? argument) =>
        input.Length == 3 ? null
        : new ShapeError(DiagnosticIds.NeedsImageInput, index, false, new object[] { kind, layer.Name, Describe(input) }, argument);
}
