namespace Generated.SourceGeneration;

/// <summary>
/// Where a sliding window (convolution kernel or pooling window) lands along one axis: output positions and padding.
/// Shape inference and the planner both use it, so the sizes the analyzer checks are the sizes the kernels get.
/// </summary>
/// <param name="Output">Output positions; 0 or less when the window does not fit.</param>
/// <param name="PadBefore">Zero (or, for max pooling, ignored) positions added before the input.</param>
/// <param name="PadAfter">Positions added after the input (PyTorch puts the odd one there).</param>
/// <param name="Span">Input positions one window covers: dilation · (kernel − 1) + 1.</param>
internal readonly record struct WindowGeometry(long Output, long PadBefore, long PadAfter, long Span)
{
    public static WindowGeometry Along(int input, int kernel, int stride, int dilation, PaddingKind padding)
    {
        long span = ((long)dilation * (kernel - 1)) + 1;
        if (padding == PaddingKind.Same)
        {
            // ceil(input / stride) outputs; just enough padding for the last window (PyTorch 'same' when stride is 1).
            long output = (input + (long)stride - 1) / stride;
            long total = System.Math.Max(((output - 1) * stride) + span - input, 0);
            return new WindowGeometry(output, total / 2, total - (total / 2), span);
        }

        return new WindowGeometry(input >= span ? ((input - span) / stride) + 1 : 0, 0, 0, span);
    }
}
