using Generated;

namespace Generated.Models.Tests;

// Layer normalisation and embeddings through generated code: LayerNorm on flat features, on [C, H, W] maps and on the
// [tokens, dimension] output of an embedding; an embedding whose rows feed dense layers. Smooth activations, so every
// gradient is exact and the finite-difference check never skips a point.

/// <summary>LayerNorm between two dense layers: gamma and beta of shape [6], dL/dx reaching Hidden's weights.</summary>
[Model(5, MaxBatch = 8, Seed = 91)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class LayerNormMlpModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [LayerNorm] public partial Layer Norm { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>LayerNorm over a whole [3, 4, 4] convolution output, gamma and beta of that shape (torch LayerNorm([3, 4, 4])).</summary>
[Model(2, 4, 4, MaxBatch = 8, Seed = 92)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvLayerNormModel
{
    [Conv2D(3, 3, Activation.Tanh, Padding = Padding.Same)] public partial Layer Conv { get; }
    [LayerNorm(Epsilon = 1e-3)] public partial Layer Norm { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Five token ids looked up in a 7 × 3 table, flattened to 15 features, then two dense layers.</summary>
[Model(5, MaxBatch = 8, Seed = 93)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class EmbeddingMlpModel
{
    [Embedding(7, 3)] public partial Layer Embed { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>
/// LayerNorm straight on the [4, 3] embedding output, normalising all twelve floats of a sample together: the embedding's
/// weight gradient is LayerNorm's input gradient scattered to the rows of the ids.
/// </summary>
[Model(4, MaxBatch = 8, Seed = 94)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class EmbeddingLayerNormModel
{
    [Embedding(6, 3, InitScale = 0.5)] public partial Layer Embed { get; }
    [LayerNorm] public partial Layer Norm { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(5, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}
