using Generated;

namespace Generated.Models.Tests;

/// <summary>
/// The graph tests/fixtures/pytorch/make_graph_reference.py builds from torch.nn modules, declared with the same names so
/// the state dict (Embed.weight [11, 4], Linear weights [out, in], Norm.weight and Norm.bias of LayerNorm(8)) loads as is:
/// six token ids embedded and flattened, a residual block around Stem (Sum = B(A(Stem)) + Stem) normalised by LayerNorm,
/// a side branch reading Stem, both joined along the features and mapped to three logits. Default Adam (lr 1e-3).
/// </summary>
[Model(6, MaxBatch = 8)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class TorchGraphReferenceNet
{
    [Embedding(11, 4)] public partial Layer Embed { get; }

    [Flatten] public partial Layer Flat { get; }

    [Dense(8, Activation.Tanh)] public partial Layer Stem { get; }

    [Dense(8, Activation.ReLU)] public partial Layer A { get; }

    [Dense(8)] public partial Layer B { get; }

    [Add(nameof(B), nameof(Stem))] public partial Layer Sum { get; }

    [LayerNorm] public partial Layer Norm { get; }

    [Dense(5, Activation.Tanh, From = nameof(Stem))] public partial Layer Side { get; }

    [Concat(nameof(Norm), nameof(Side))] public partial Layer Joined { get; }

    [Dense(3)] public partial Layer Output { get; }
}
