using Generated;

namespace Generated.Models.Tests;

// Models for the reshaping, stand-alone activation and batch-normalisation layers, weight penalties, the newer
// initialisers and binary cross-entropy on logits. Tiny shapes, so finite differences over every parameter stay fast.

/// <summary>A rank-2 input flattened for a dense layer: the flatten is a view of the caller's input.</summary>
[Model(2, 3, MaxBatch = 8, Seed = 21)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class FlattenModel
{
    [Flatten] public partial Layer Flat { get; }
    [Dense(5, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Reshape of a dense output, an element-wise activation on the rank-2 view, and a flatten back.</summary>
[Model(4, MaxBatch = 8, Seed = 22)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ReshapeModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Reshape(2, 3)] public partial Layer Grid { get; }
    [Activation(Activation.Sigmoid)] public partial Layer Squash { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Input dropout behind a view of the input: in eval mode the dropout must copy, it has nothing to alias.</summary>
[Model(2, 3, MaxBatch = 8, Seed = 23)]
[Loss(Loss.MeanSquaredError)]
public partial class FlattenDropoutModel
{
    [Flatten] public partial Layer Flat { get; }
    [Dropout(0.3)] public partial Layer Drop { get; }
    [Dense(2, Activation.Tanh)] public partial Layer Output { get; }
}

/// <summary>A model whose output is a view of a dense layer's buffer.</summary>
[Model(3, MaxBatch = 8, Seed = 24)]
[Loss(Loss.MeanSquaredError)]
public partial class ReshapedOutputModel
{
    [Dense(4, Activation.Tanh)] public partial Layer Hidden { get; }
    [Reshape(2, 2)] public partial Layer Grid { get; }
}

[Model(5, MaxBatch = 8, Seed = 25)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class StandaloneReluModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Activation(Activation.ReLU)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 25)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class StandaloneLeakyReluModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Activation(Activation.LeakyReLU, LeakySlope = 0.2)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 25)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class StandaloneSigmoidModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Activation(Activation.Sigmoid)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 25)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class StandaloneTanhModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Activation(Activation.Tanh)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 25)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class StandaloneSoftmaxModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Activation(Activation.Softmax)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>A Linear activation layer changes nothing: it is planned as a view.</summary>
[Model(5, MaxBatch = 8, Seed = 25)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class StandaloneLinearModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [Activation(Activation.Linear)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>An activation on the raw input, before any parameter: its backward is never needed.</summary>
[Model(5, MaxBatch = 8, Seed = 26)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class InputActivationModel
{
    [Activation(Activation.Tanh)] public partial Layer Squash { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>A sigmoid activation layer as the output of binary cross-entropy: the derivative is folded into the loss.</summary>
[Model(4, MaxBatch = 8, Seed = 27)]
[Loss(Loss.BinaryCrossEntropy)]
public partial class SigmoidLayerBinaryModel
{
    [Dense(5, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(1)] public partial Layer Logit { get; }
    [Activation(Activation.Sigmoid)] public partial Layer Probability { get; }
}

/// <summary>Dense (no bias) → batch norm → tanh → logits, the usual placement.</summary>
[Model(5, MaxBatch = 8, Seed = 28)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Adam, LearningRate = 0.01)]
public partial class BatchNormModel
{
    [Dense(6, UseBias = false, Init = Init.XavierUniform)] public partial Layer Hidden { get; }
    [BatchNorm(Momentum = 0.2, Epsilon = 1e-3)] public partial Layer Norm { get; }
    [Activation(Activation.Tanh)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Batch norm directly on the input (nothing upstream needs dL/dx) with a regression loss.</summary>
[Model(3, MaxBatch = 8, Seed = 29)]
[Loss(Loss.MeanSquaredError)]
public partial class InputBatchNormModel
{
    [BatchNorm] public partial Layer Norm { get; }
    [Dense(2, Activation.Tanh)] public partial Layer Output { get; }
}

/// <summary>The output is the batch norm itself: forward values can be checked by hand.</summary>
[Model(3, MaxBatch = 8, Seed = 30)]
[Loss(Loss.MeanSquaredError)]
public partial class BareBatchNormModel
{
    [BatchNorm(Momentum = 0.2, Epsilon = 1e-3)] public partial Layer Norm { get; }
}

/// <summary>The declaration example: 28×28 images, flatten, dense without bias, batch norm, ReLU, logits.</summary>
[Model(28, 28, MaxBatch = 64, Seed = 31)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Adam)]
public partial class ImageNet
{
    [Flatten] public partial Layer Flat { get; }
    [Dense(32, UseBias = false)] public partial Layer Hidden { get; }
    [BatchNorm] public partial Layer Norm { get; }
    [Activation(Activation.ReLU)] public partial Layer Relu { get; }
    [Dense(10, L2 = 1e-4)] public partial Layer Logits { get; }
}

/// <summary>Same architecture and seed as <see cref="PenaltyModel"/>, without penalties: the same initial weights.</summary>
[Model(5, MaxBatch = 8, Seed = 32)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class PlainModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(4, Activation.Sigmoid)] public partial Layer Middle { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>L1 on the first layer, L2 on the second, elastic net (plus L2) on the third.</summary>
[Model(5, MaxBatch = 8, Seed = 32)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class PenaltyModel
{
    [Dense(6, Activation.Tanh, L1 = 0.03)] public partial Layer Hidden { get; }
    [Dense(4, Activation.Sigmoid, L2 = 0.05)] public partial Layer Middle { get; }
    [Dense(3, ElasticNet = 0.04, L1Ratio = 0.25, L2 = 0.01)] public partial Layer Output { get; }
}

[Model(4, MaxBatch = 8, Seed = 33)]
[Loss(Loss.BinaryCrossEntropyWithLogits)]
[Optimizer(Optimizer.Sgd, LearningRate = 0.5)]
public partial class LogitBinaryModel
{
    [Dense(5, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(1)] public partial Layer Logit { get; }
}

/// <summary>One dense layer per initialiser, wide enough for distribution checks.</summary>
[Model(200, MaxBatch = 4, Seed = 34)]
[Loss(Loss.MeanSquaredError)]
public partial class InitializerModel
{
    [Dense(100, Activation.Linear, Init = Init.LeCunUniform)] public partial Layer LeCunUniform { get; }
    [Dense(150, Activation.Linear, Init = Init.LeCunNormal)] public partial Layer LeCunNormal { get; }
    [Dense(8, Activation.Linear, Init = Init.Zeros)] public partial Layer Zeros { get; }
    [Dense(6, Activation.Linear, Init = Init.Ones)] public partial Layer Ones { get; }
    [Dense(4, Activation.Linear, Init = Init.Constant, InitValue = -0.375)] public partial Layer Constant { get; }
}

/// <summary>The spiral network with batch normalisation between the dense layer and its ReLU.</summary>
[Model(2, MaxBatch = 64, Seed = 35)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Adam, LearningRate = 0.01)]
internal sealed partial class SpiralBatchNormModel
{
    [Dense(32, UseBias = false)] public partial Layer Hidden1 { get; }
    [BatchNorm] public partial Layer Norm1 { get; }
    [Activation(Activation.ReLU)] public partial Layer Relu1 { get; }
    [Dense(32, UseBias = false)] public partial Layer Hidden2 { get; }
    [BatchNorm] public partial Layer Norm2 { get; }
    [Activation(Activation.ReLU)] public partial Layer Relu2 { get; }
    [Dense(3)] public partial Layer Logits { get; }
}
