using Generated;

namespace Generated.Models.Tests;

/// <summary>
/// The second network tests/fixtures/pytorch/make_conv_reference.py builds: its Conv2 (8 → 12, 'same' on a 9x10 map)
/// and Conv3 (12 → 8, 'valid') have 8 or more channels and filters, so the engine computes them with Winograd's
/// F(2x2, 3x3); Conv1 (3 channels) stays on the shifted planes. torch's stand-alone Tanh is fused into Conv2 here.
/// </summary>
[Model(3, 9, 10, MaxBatch = 8)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class TorchWinogradReferenceNet
{
    [Conv2D(8, 3, Padding = Padding.Same)] public partial Layer Conv1 { get; }

    [BatchNorm] public partial Layer Norm1 { get; }

    [Activation(Activation.ReLU)] public partial Layer Relu1 { get; }

    [Conv2D(12, 3, Activation.Tanh, Padding = Padding.Same)] public partial Layer Conv2 { get; }

    [Conv2D(8, 3, UseBias = false)] public partial Layer Conv3 { get; }

    [MaxPool2D(2)] public partial Layer Pool { get; }

    [Flatten] public partial Layer Flat { get; }

    [Dense(3)] public partial Layer Logits { get; }
}
