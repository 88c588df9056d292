using Generated;

namespace Generated.Models.Tests;

/// <summary>
/// The network tests/fixtures/pytorch/make_reference.py builds from torch.nn modules (Flatten, Linear without
/// bias, BatchNorm1d, Tanh, Linear + LeakyReLU(0.1), Linear), declared here with the same names.
/// </summary>
[Model(2, 3, 4, MaxBatch = 8)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Adam, LearningRate = 1e-2)]
public partial class TorchReferenceNet
{
    [Flatten] public partial Layer Flat { get; }

    [Dense(16, UseBias = false)] public partial Layer Hidden { get; }

    [BatchNorm(Momentum = 0.1, Epsilon = 1e-5)] public partial Layer Norm { get; }

    [Activation(Activation.Tanh)] public partial Layer Squash { get; }

    [Dense(8, Activation.LeakyReLU, LeakySlope = 0.1)] public partial Layer Hidden2 { get; }

    [Dense(5)] public partial Layer Logits { get; }
}
