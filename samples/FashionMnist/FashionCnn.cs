using Generated;

namespace FashionMnistSample;

/// <summary>
/// A small VGG-style convolutional network for 28x28 grey images (one channel, NCHW as in PyTorch): two blocks of two
/// 3x3 'same' convolutions (32 filters, then 64), each without bias because per-channel batch norm follows, then ReLU,
/// each block ending in 2x2 max pooling; then dropout, a 256-unit ReLU layer, dropout and the 10 logits. Run it with
/// <c>--model cnn</c>; it trains with cosine annealing and mirrored images (see Program.cs).
/// </summary>
[Model(1, 28, 28, MaxBatch = 256, Seed = 7, Classes = 10)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Adam, LearningRate = 1e-3)]
public partial class FashionCnn
{
    [Conv2D(32, 3, Padding = Padding.Same, UseBias = false)] public partial Layer Conv1 { get; }
    [BatchNorm] public partial Layer Norm1 { get; }
    [Activation(Activation.ReLU)] public partial Layer Relu1 { get; }
    [Conv2D(32, 3, Padding = Padding.Same, UseBias = false)] public partial Layer Conv2 { get; }
    [BatchNorm] public partial Layer Norm2 { get; }
    [Activation(Activation.ReLU)] public partial Layer Relu2 { get; }
    [MaxPool2D(2)] public partial Layer Pool1 { get; }

    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false)] public partial Layer Conv3 { get; }
    [BatchNorm] public partial Layer Norm3 { get; }
    [Activation(Activation.ReLU)] public partial Layer Relu3 { get; }
    [Conv2D(64, 3, Padding = Padding.Same, UseBias = false)] public partial Layer Conv4 { get; }
    [BatchNorm] public partial Layer Norm4 { get; }
    [Activation(Activation.ReLU)] public partial Layer Relu4 { get; }
    [MaxPool2D(2)] public partial Layer Pool2 { get; }

    [Flatten] public partial Layer Flat { get; }
    [Dropout(0.3)] public partial Layer Drop1 { get; }
    [Dense(256, Activation.ReLU)] public partial Layer Hidden { get; }
    [Dropout(0.4)] public partial Layer Drop2 { get; }
    [Dense(10)] public partial Layer Logits { get; }
}
