using System.Linq;

namespace Generated.SourceGeneration;

// Where each layer's input comes from, kept apart from the layer options in ModelSpec.cs. A plain stack never sets
// anything here: every layer reads the one before it.

/// <summary>A layer's place in the model graph.</summary>
internal sealed partial record LayerSpec
{
    /// <summary>
    /// The names the declaration gives for the layer's inputs, exactly as written: a merge's list, or the one
    /// <c>From</c>. Empty for a layer that reads the layer declared before it.
    /// </summary>
    public EquatableArray<string> InputNames { get; init; } = EquatableArray<string>.Empty;

    /// <summary>
    /// The inputs resolved to layer indices, -1 being the model input; set by the parser once every name is known.
    /// Empty means the default: the previous layer (see <see cref="InputIndices"/>).
    /// </summary>
    public EquatableArray<int> InputLayers { get; init; } = EquatableArray<int>.Empty;

    /// <summary>Embedding: the number of ids.</summary>
    public int Vocabulary { get; init; }

    /// <summary>The layer indices this layer (at <paramref name="index"/>) reads, -1 for the model input.</summary>
    public int[] InputIndices(int index) => InputLayers.Count > 0 ? InputLayers.ToArray() : new[] { index - 1 };

    /// <summary>True for the layers that join several inputs.</summary>
    public bool IsMerge => Kind is LayerKind.Add or LayerKind.Concat;
}
