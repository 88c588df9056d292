namespace Generated.SourceGeneration;

/// <summary>
/// Where each region of the arena starts. Every region starts on a 64-byte line (the arena itself does, see the
/// runtime's <c>AlignedBuffer</c>): the optimizer sweeps parameters, gradients and its state side by side, and
/// with regions a multiple of 16 floats apart every one of those streams is aligned at once, instead of some of
/// them splitting each AVX-512 access across two lines.
/// </summary>
internal sealed partial record ModelPlan
{
    /// <summary>Floats in one 64-byte cache line.</summary>
    public const int LineFloats = 16;

    /// <summary>The parameters rounded up to whole lines: the distance between parameters, gradients and each optimizer state.</summary>
    public long ParameterStride => AlignToLine(ParameterCount);

    /// <summary>Where the gradients start.</summary>
    public long GradientStart => ParameterStride;

    /// <summary>Where the optimizer state starts (Adam's first moment; its second follows one stride later).</summary>
    public long StateStart => 2 * ParameterStride;

    /// <summary>Where batch normalisation's saved buffers start, after the optimizer state.</summary>
    public long BufferStart => StateStart + (OptimizerStateRegions * ParameterStride);

    /// <summary>Where the per-step work starts, after the buffers.</summary>
    public long WorkStart => AlignToLine(BufferStart + BufferCount);

    /// <summary>Floats in the whole arena.</summary>
    public long ArenaLength => WorkStart + WorkCount;

    private static long AlignToLine(long floats) => (floats + LineFloats - 1) / LineFloats * LineFloats;
}
