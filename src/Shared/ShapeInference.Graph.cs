using System.Linq;

namespace Generated.SourceGeneration;

/// <summary>Shapes of the merges and of the embedding, the layers that care where their inputs come from.</summary>
internal static partial class ShapeInference
{
    /// <summary>
    /// Add needs identical shapes; Concat joins along the first axis, so the other axes must agree (the height and width of
    /// [C, H, W] maps, nothing for flat vectors).
    /// </summary>
    private static ShapeError? Merge(ModelSpec spec, LayerSpec layer, int index, int[] inputs, int[][] shapes, ref int[] current)
    {
        int[][] inputShapes = inputs.Select(k => k < 0 ? spec.InputShape.ToArray() : shapes[k]).ToArray();
        string Named(int k) => (inputs[k] < 0 ? "the model input" : "'" + spec.Layers[inputs[k]].Name + "'") + " " + Describe(inputShapes[k]);
        for (int k = 1; k < inputs.Length; k++)
        {
            bool fits = layer.Kind == LayerKind.Add
                ? inputShapes[k].SequenceEqual(inputShapes[0])
                : inputShapes[k].Length == inputShapes[0].Length && inputShapes[k].Skip(1).SequenceEqual(inputShapes[0].Skip(1));
            if (!fits)
            {
                string detail = layer.Kind == LayerKind.Add
                    ? "adds element by element, so every input needs the same shape, but " + Named(0) + " differs from " + Named(k)
                    : "joins along the first axis, so the other axes must agree, but " + Named(0) + " and " + Named(k) + " do not";
                return new ShapeError(DiagnosticIds.InvalidMerge, index, false, new object[] { layer.Name, detail }, "#" + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + "p");
            }
        }

        current = layer.Kind == LayerKind.Add
            ? inputShapes[0]
            : new[] { inputShapes.Sum(shape => shape[0]) }.Concat(inputShapes[0].Skip(1)).ToArray();
        return null;
    }

    /// <summary>An embedding looks ids up: it must read the model input, and that must be a flat list of ids.</summary>
    private static ShapeError? Embedding(LayerSpec layer, int index, int input, int[] shape)
    {
        if (input >= 0)
        {
            return new ShapeError(DiagnosticIds.EmbeddingNeedsModelInput, index, false, new object[] { layer.Name, "the output of another layer" });
        }

        return shape.Length == 1 ? null
            : new ShapeError(DiagnosticIds.EmbeddingNeedsModelInput, index, false, new object[] { layer.Name, "a model input of shape " + Describe(shape) + ", not a flat list of ids" });
    }
}
