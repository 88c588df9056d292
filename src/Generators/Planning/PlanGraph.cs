namespace Generated.SourceGeneration;

/// <summary>A layer's inputs and where the backward pass leaves the gradient with respect to each of them.</summary>
internal sealed partial record LayerPlan
{
    /// <summary>The layers this layer reads, in order (-1: the model input); one for all but the merges.</summary>
    public EquatableArray<int> InputLayers { get; init; } = EquatableArray<int>.Empty;

    /// <summary>
    /// Per input (same order as <see cref="InputLayers"/>), where its share of dL/dx goes; empty when the layer computes
    /// no input gradient at all (nothing before it is trained).
    /// </summary>
    public EquatableArray<GradientRoute> InputGradients { get; init; } = EquatableArray<GradientRoute>.Empty;

    /// <summary>The layer's backward pass has work to do: it is trained or something it reads needs a gradient.</summary>
    public bool HasBackward { get; init; } = true;

    /// <summary>True for the layers that join several inputs.</summary>
    public bool IsMerge => Kind is LayerKind.Add or LayerKind.Concat;

    /// <summary>Embedding: the number of ids (the weight is [Vocabulary, Features]).</summary>
    public int Vocabulary { get; init; }
}

/// <summary>
/// Where one input's share of dL/dx is written. A layer that computes dL/dx (a GEMM, a pool, an in-place derivative)
/// leaves it in gradient buffer <paramref name="Buffer"/>; when the input already holds a gradient from a later reader,
/// <paramref name="AccumulateInto"/> names that buffer and the share is added to it. -1: nothing to add to. An input
/// that needs no gradient (the model input, or layers before anything trained) has <paramref name="Buffer"/> = -1.
/// </summary>
internal sealed record GradientRoute(int Buffer, int AccumulateInto)
{
    public static GradientRoute None { get; } = new(-1, -1);

    public bool IsNeeded => Buffer >= 0;
}

/// <summary>The number of gradient buffers the backward pass rotates through (two for any plain stack).</summary>
internal sealed partial record ModelPlan
{
    public int GradientBufferCount { get; init; } = 2;
}
