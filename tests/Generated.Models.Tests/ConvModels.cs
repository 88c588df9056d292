using Generated;

namespace Generated.Models.Tests;

// Convolution, pooling, per-channel batch norm and spatial dropout models. Tiny images, so finite differences over
// every parameter stay fast. Every model puts a trainable layer before the layer under test, so that layer's input
// gradient is checked through the weights in front of it, and ends in flatten + dense logits.

/// <summary>Two valid 3x3 / 2x2 convolutions: the second one's dL/dx reaches the first one's weights.</summary>
[Model(2, 6, 6, MaxBatch = 8, Seed = 41)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvPlainModel
{
    [Conv2D(3, 3, Activation.Tanh)] public partial Layer Conv1 { get; }
    [Conv2D(4, 2, Activation.Tanh)] public partial Layer Conv2 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Stride 2 with 'same' padding (odd total: the extra row and column go after), then stride 1 'same'.</summary>
[Model(2, 7, 6, MaxBatch = 8, Seed = 42)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvStridedSameModel
{
    [Conv2D(3, 3, Activation.Tanh, Stride = 2, Padding = Padding.Same)] public partial Layer Conv1 { get; }
    [Conv2D(4, 2, Activation.Sigmoid, Padding = Padding.Same)] public partial Layer Conv2 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Stride 2 valid (the last input column is never read) and dilation 2 with 'same' padding.</summary>
[Model(2, 8, 8, MaxBatch = 8, Seed = 43)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvDilatedModel
{
    [Conv2D(3, 3, Activation.Tanh, Stride = 2)] public partial Layer Conv1 { get; }
    [Conv2D(2, 2, Activation.Tanh, Dilation = 2, Padding = Padding.Same)] public partial Layer Conv2 { get; }
    [Conv2D(3, 2, Activation.Tanh, Dilation = 2)] public partial Layer Conv3 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Grouped convolutions (2 and 3 groups), one without bias.</summary>
[Model(4, 5, 5, MaxBatch = 8, Seed = 44)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvGroupedModel
{
    [Conv2D(6, 3, Activation.Tanh, Groups = 2, Padding = Padding.Same)] public partial Layer Conv1 { get; }
    [Conv2D(3, 3, Activation.Tanh, Groups = 3, UseBias = false)] public partial Layer Conv2 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>
/// Two 3x3 stride-1 layers with at least 8 channels and filters, which the engine computes with Winograd's F(2x2, 3x3):
/// 'same' on an odd width (a junk tile column), then 'valid' into 9 filters (whose input gradient reaches the first).
/// </summary>
[Model(8, 6, 7, MaxBatch = 8, Seed = 49)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvWinogradModel
{
    [Conv2D(8, 3, Activation.Tanh, Padding = Padding.Same)] public partial Layer Conv1 { get; }
    [Conv2D(9, 3, Activation.Tanh)] public partial Layer Conv2 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>ReLU and leaky ReLU fused into the convolution epilogue, a linear convolution without bias, L2 and L1 penalties.</summary>
[Model(2, 6, 6, MaxBatch = 8, Seed = 45)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvReluModel
{
    [Conv2D(4, 3, Activation.ReLU, Padding = Padding.Same, L2 = 0.01)] public partial Layer Conv1 { get; }
    [Conv2D(3, 3, Activation.LeakyReLU, LeakySlope = 0.1, L1 = 0.01)] public partial Layer Conv2 { get; }
    [Conv2D(2, 1, UseBias = false)] public partial Layer Mix { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>GELU and Swish (their derivatives need the kept pre-activation) and ELU with its alpha, fused into convolutions.</summary>
[Model(2, 7, 7, MaxBatch = 8, Seed = 57)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvSmoothModel
{
    [Conv2D(3, 3, Activation.GELU, Padding = Padding.Same)] public partial Layer Conv1 { get; }
    [Conv2D(3, 3, Activation.Swish, Stride = 2)] public partial Layer Conv2 { get; }
    [Conv2D(2, 2, Activation.ELU, EluAlpha = 0.5)] public partial Layer Conv3 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Max pooling: non-overlapping 2x2, then an overlapping 3x3/2 window with 'same' padding.</summary>
[Model(2, 8, 8, MaxBatch = 8, Seed = 46)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class MaxPoolModel
{
    [Conv2D(3, 3, Activation.Tanh, Padding = Padding.Same)] public partial Layer Conv1 { get; }
    [MaxPool2D(2)] public partial Layer Pool1 { get; }
    [Conv2D(3, 2, Activation.Tanh)] public partial Layer Conv2 { get; }
    [MaxPool2D(3, Stride = 2, Padding = Padding.Same)] public partial Layer Pool2 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>ReLU before max pooling: windows of dead units tie at exactly 0, and the first of them gets the gradient.</summary>
[Model(1, 6, 6, MaxBatch = 8, Seed = 47)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class MaxPoolTiesModel
{
    [Conv2D(3, 3, Activation.ReLU, Padding = Padding.Same, Init = Init.HeNormal)] public partial Layer Conv1 { get; }
    [MaxPool2D(2)] public partial Layer Pool { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Average pooling: 2x2 valid, then 3x3/2 'same' (padded zeros count in the divisor).</summary>
[Model(2, 7, 7, MaxBatch = 8, Seed = 48)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class AvgPoolModel
{
    [Conv2D(3, 2, Activation.Tanh)] public partial Layer Conv1 { get; }
    [AvgPool2D(2)] public partial Layer Pool1 { get; }
    [Conv2D(3, 1, Activation.Tanh)] public partial Layer Conv2 { get; }
    [AvgPool2D(3, Stride = 2, Padding = Padding.Same)] public partial Layer Pool2 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Global average pooling straight into the logits (no flatten: it outputs [channels]).</summary>
[Model(2, 5, 5, MaxBatch = 8, Seed = 49)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class GlobalPoolModel
{
    [Conv2D(4, 3, Activation.Tanh, Padding = Padding.Same)] public partial Layer Conv1 { get; }
    [GlobalAveragePool] public partial Layer Pool { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Conv (no bias) → BatchNorm2d → tanh → conv: the usual placement, statistics per channel.</summary>
[Model(2, 5, 5, MaxBatch = 8, Seed = 50)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvBatchNormModel
{
    [Conv2D(3, 3, UseBias = false, Padding = Padding.Same, Init = Init.XavierUniform)] public partial Layer Conv1 { get; }
    [BatchNorm(Momentum = 0.2, Epsilon = 1e-3)] public partial Layer Norm { get; }
    [Activation(Activation.Tanh)] public partial Layer Act { get; }
    [Conv2D(2, 3, Activation.Tanh)] public partial Layer Conv2 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>The output is the per-channel batch norm of the input itself: forward values can be checked by hand.</summary>
[Model(2, 2, 2, MaxBatch = 8, Seed = 51)]
[Loss(Loss.MeanSquaredError)]
public partial class BareBatchNorm2dModel
{
    [BatchNorm(Momentum = 0.2, Epsilon = 1e-3)] public partial Layer Norm { get; }
}

/// <summary>Spatial dropout between two convolutions: whole channels are dropped.</summary>
[Model(2, 5, 5, MaxBatch = 8, Seed = 52)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class SpatialDropoutModel
{
    [Conv2D(4, 3, Activation.Tanh, Padding = Padding.Same)] public partial Layer Conv1 { get; }
    [Dropout(0.4, Spatial = true)] public partial Layer Drop { get; }
    [Conv2D(2, 3, Activation.Tanh)] public partial Layer Conv2 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>One linear 2x2 convolution of a 1x3x3 image, so outputs can be written out by hand.</summary>
[Model(1, 3, 3, MaxBatch = 4, Seed = 53)]
[Loss(Loss.MeanSquaredError)]
public partial class TinyConvModel
{
    [Conv2D(1, 2, Padding = Padding.Same)] public partial Layer Conv { get; }
}

/// <summary>Max and average pooling of a 1x4x4 image by hand (the output concatenates nothing: two models).</summary>
[Model(1, 4, 4, MaxBatch = 4, Seed = 54)]
[Loss(Loss.MeanSquaredError)]
public partial class TinyMaxPoolModel
{
    [MaxPool2D(2)] public partial Layer Pool { get; }
}

[Model(1, 4, 4, MaxBatch = 4, Seed = 55)]
[Loss(Loss.MeanSquaredError)]
public partial class TinyAvgPoolModel
{
    [AvgPool2D(3, Stride = 2, Padding = Padding.Same)] public partial Layer Pool { get; }
}

/// <summary>A small CNN of the sample's shape (conv, batch norm, ReLU, pooling, spatial and plain dropout) for allocation checks.</summary>
[Model(1, 12, 12, MaxBatch = 32, Seed = 56)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class SmallCnn
{
    [Conv2D(8, 3, Padding = Padding.Same, UseBias = false)] public partial Layer Conv1 { get; }
    [BatchNorm] public partial Layer Norm1 { get; }
    [Activation(Activation.ReLU)] public partial Layer Relu1 { get; }
    [MaxPool2D(2)] public partial Layer Pool1 { get; }
    [Conv2D(16, 3, Activation.ReLU, Padding = Padding.Same)] public partial Layer Conv2 { get; }
    [Dropout(0.1, Spatial = true)] public partial Layer Drop1 { get; }
    [AvgPool2D(2)] public partial Layer Pool2 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dropout(0.3)] public partial Layer Drop2 { get; }
    [Dense(10)] public partial Layer Logits { get; }
}

/// <summary>Conv → BatchNorm2d → ReLU with the ReLU the norm's only reader: the generator fuses the ReLU into the norm.</summary>
[Model(2, 5, 5, MaxBatch = 8, Seed = 53)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvBatchNormReluModel
{
    [Conv2D(3, 3, UseBias = false, Padding = Padding.Same, Init = Init.XavierUniform)] public partial Layer Conv1 { get; }
    [BatchNorm(Momentum = 0.2, Epsilon = 1e-3)] public partial Layer Norm { get; }
    [Activation(Activation.ReLU)] public partial Layer Act { get; }
    [Conv2D(2, 3, Activation.Tanh, Init = Init.XavierUniform)] public partial Layer Conv2 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3, Init = Init.XavierUniform)] public partial Layer Output { get; }
}

/// <summary>
/// <see cref="ConvBatchNormReluModel"/> with the ReLU written as a leaky ReLU of slope 0: the same function, never fused,
/// so the two must train alike.
/// </summary>
[Model(2, 5, 5, MaxBatch = 8, Seed = 53)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvBatchNormLeakyModel
{
    [Conv2D(3, 3, UseBias = false, Padding = Padding.Same, Init = Init.XavierUniform)] public partial Layer Conv1 { get; }
    [BatchNorm(Momentum = 0.2, Epsilon = 1e-3)] public partial Layer Norm { get; }
    [Activation(Activation.LeakyReLU, LeakySlope = 0)] public partial Layer Act { get; }
    [Conv2D(2, 3, Activation.Tanh, Init = Init.XavierUniform)] public partial Layer Conv2 { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3, Init = Init.XavierUniform)] public partial Layer Output { get; }
}
