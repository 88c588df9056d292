using Generated;

namespace Generated.Models.Tests;

/// <summary>
/// The network tests/fixtures/pytorch/make_conv_reference.py builds from torch.nn modules, declared with the same names
/// (torch's stand-alone Tanh is fused into Conv2 here: it has no parameters, so the state dict is the same).
/// </summary>
[Model(2, 7, 7, MaxBatch = 8)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class TorchConvReferenceNet
{
    [Conv2D(4, 3, Stride = 2, Padding = Padding.Same)] public partial Layer Conv1 { get; }

    [BatchNorm] public partial Layer Norm1 { get; }

    [Activation(Activation.ReLU)] public partial Layer Relu1 { get; }

    [Conv2D(6, 3, Activation.Tanh, Padding = Padding.Same, Dilation = 2, Groups = 2, UseBias = false)] public partial Layer Conv2 { get; }

    [MaxPool2D(2)] public partial Layer Pool { get; }

    [Conv2D(5, 1)] public partial Layer Mix { get; }

    [AvgPool2D(2)] public partial Layer Avg { get; }

    [Flatten] public partial Layer Flat { get; }

    [Dense(3)] public partial Layer Logits { get; }
}
