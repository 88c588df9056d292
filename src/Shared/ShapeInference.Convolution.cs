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

        int[] input = current;
        error = Window(layer, index, current, "#1", out int height, out int width);
        parameters += ((long)layer.Units * (channels / layer.Groups) * layer.Kernel * layer.Kernel) + (layer.UseBias ? layer.Units : 0);
        current = new[] { layer.Units, height, width };
        return error ?? ConvolutionScratch(model, layer, index, input, height, width);
    }

    // Positions are padded to this many floats in the engine's scratch (Conv2DJob.PositionAlignment, ShiftedPlanes).
    private const int ColumnAlignment = 16;

    // The GEMM's panel buffer in the shifted layout (GemmJob.PackLength: 128 x 64 floats).
    private const int PanelFloats = 128 * 64;

    /// <summary>
    /// GEN018 when one worker's convolution scratch exceeds one array: the engine would fail at construction instead.
    /// The sizes are the engine's (Conv2DJob.ScratchLayout). Stride 1 runs on shifted planes: the padded input planes,
    /// the extended output gradient with its margins, the padded input gradient and a panel buffer. Other strides build
    /// the column matrix of one sample (C·k² rows by the positions) and an output tile. Both add the dW and db partials.
    /// A 3x3 stride-1 layer may take the Winograd form instead (Conv2DJob.Winograd.cs), which is not sized here. Its
    /// planes hold the input and the output gradient, (channels + filters) planes one row taller than these, for up to
    /// 16 samples of a small image; beyond them it adds two chunks of transformed tiles (16 x max(channels, filters)
    /// x at most 528 floats each: the form takes images up to 512 wide, so a chunk is at most 512 tiles) and 16 x
    /// channels x filters partials. With at most 1024 channels and filters that is at most about 35 million floats, so
    /// it exceeds this figure only for images small enough to be far below one array.
    /// </summary>
    private static ShapeError? ConvolutionScratch(string model, LayerSpec layer, int index, int[] input, int height, int width)
    {
        long channels = input[0], filters = layer.Units;
        long columnRows = channels * layer.Kernel * layer.Kernel;
        long partials = (filters * (columnRows / layer.Groups)) + filters;
        long scratch;
        string what;
        if (layer.Stride == 1)
        {
            // Upper bounds where the engine's exact figure depends on the padding split (PadTop <= span).
            long span = (long)layer.Dilation * (layer.Kernel - 1);
            long paddedWidth = width + span, paddedHeight = height + span;
            long maxShift = (span * paddedWidth) + span;
            long positions = Align((long)height * paddedWidth);
            long planeStride = Align(System.Math.Max(paddedHeight * paddedWidth, positions + maxShift));
            long inputPositions = Align((long)input[1] * paddedWidth);
            long gradientStride = Align(maxShift + System.Math.Max(positions, (span * paddedWidth) + inputPositions));
            scratch = (channels * planeStride) + (filters * gradientStride) + (channels * inputPositions) + PanelFloats + partials;
            what = "its padded planes (" + channels + " channels of " + paddedHeight + "x" + paddedWidth + ")";
        }
        else
        {
            long padded = Align((long)height * width);
            scratch = ((columnRows + filters) * padded) + partials;
            what = "its column matrix (" + columnRows + " rows by " + ((long)height * width) + " positions)";
        }

        return scratch <= MaxElements ? null
            : new ShapeError(DiagnosticIds.ModelTooLarge, index, false, new object[]
            {
                model, "'" + layer.Name + "' needs " + scratch + " floats of scratch per thread for " + what +
                ", more than one array holds; use fewer channels, a smaller kernel or a stride",
            });
    }

    private static long Align(long value) => (value + ColumnAlignment - 1) / ColumnAlignment * ColumnAlignment;

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
