using Generated;

namespace Generated.Models.Tests;

// Small models covering every layer, activation, loss and optimizer the generator supports.
// Shapes are tiny so finite differences over every parameter stay fast.

[Model(5, MaxBatch = 8, Seed = 3)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Adam)]
public partial class LinearHiddenModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 3)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ReluModel
{
    [Dense(6, Activation.ReLU)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 3)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class LeakyReluModel
{
    [Dense(6, Activation.LeakyReLU, LeakySlope = 0.1)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 3)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class SigmoidModel
{
    [Dense(6, Activation.Sigmoid, Init = Init.XavierNormal)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 3)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class TanhModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 3)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class SoftmaxHiddenModel
{
    [Dense(6, Activation.Softmax)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(4, MaxBatch = 8, Seed = 5)]
[Loss(Loss.BinaryCrossEntropy)]
[Optimizer(Optimizer.Sgd, LearningRate = 0.5)]
public partial class BinaryModel
{
    [Dense(5, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial Layer Probability { get; }
}

[Model(3, MaxBatch = 8, Seed = 9)]
[Loss(Loss.MeanSquaredError)]
[Optimizer(Optimizer.Sgd, LearningRate = 0.05, Momentum = 0.9, Nesterov = true)]
public partial class RegressionModel
{
    [Dense(6, Activation.Tanh, Init = Init.HeNormal)] public partial Layer Hidden { get; }
    [Dense(2)] public partial Layer Output { get; }
}

[Model(3, MaxBatch = 8, Seed = 9)]
[Loss(Loss.MeanSquaredError)]
[Optimizer(Optimizer.Sgd, LearningRate = 0.05, Momentum = 0.9)]
public partial class MomentumModel
{
    [Dense(4, Activation.Sigmoid)] public partial Layer Hidden { get; }
    [Dense(2, Activation.Tanh)] public partial Layer Output { get; }
}

[Model(6, MaxBatch = 8, Seed = 11)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Adam, LearningRate = 0.01, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6)]
public partial class DropoutModel
{
    [Dense(8, Activation.Tanh)] public partial Layer Hidden1 { get; }
    [Dropout(0.4)] public partial Layer Drop { get; }
    [Dense(5, Activation.Sigmoid, UseBias = false)] public partial Layer Hidden2 { get; }
    [Dense(4)] public partial Layer Output { get; }
}

/// <summary>
/// Dense layers wide enough for the product's own epilogue (16 outputs and more), each read only by a dropout: both
/// dropouts are drawn in their dense layer's epilogue and masked in its gradient sweep (ReLU, then a smooth activation).
/// </summary>
[Model(12, MaxBatch = 8, Seed = 17)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class WideDropoutModel
{
    [Dense(32, Activation.ReLU)] public partial Layer Hidden1 { get; }
    [Dropout(0.3)] public partial Layer Drop1 { get; }
    [Dense(24, Activation.Tanh)] public partial Layer Hidden2 { get; }
    [Dropout(0.25)] public partial Layer Drop2 { get; }
    [Dense(4)] public partial Layer Output { get; }
}

/// <summary>
/// <see cref="WideDropoutModel"/> with a linear activation (a view) between each dense layer and its dropout: the
/// dropouts then read the view, not the dense layer, and run as their own passes.
/// </summary>
[Model(12, MaxBatch = 8, Seed = 17)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class WideDropoutPassesModel
{
    [Dense(32, Activation.ReLU)] public partial Layer Hidden1 { get; }
    [Activation(Activation.Linear)] public partial Layer Same1 { get; }
    [Dropout(0.3)] public partial Layer Drop1 { get; }
    [Dense(24, Activation.Tanh)] public partial Layer Hidden2 { get; }
    [Activation(Activation.Linear)] public partial Layer Same2 { get; }
    [Dropout(0.25)] public partial Layer Drop2 { get; }
    [Dense(4)] public partial Layer Output { get; }
}

[Model(6, MaxBatch = 8, Seed = 13)]
[Loss(Loss.MeanSquaredError)]
public partial class InputDropoutModel
{
    [Dropout(0.3)] public partial Layer InputDrop { get; }
    [Dense(3, Activation.Tanh)] public partial Layer Output { get; }
}

[Model(2, MaxBatch = 64, Seed = 1)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Adam, LearningRate = 0.02)]
internal sealed partial class SpiralModel
{
    [Dense(32, Activation.ReLU)] public partial Layer Hidden1 { get; }
    [Dense(32, Activation.ReLU)] public partial Layer Hidden2 { get; }
    [Dense(3)] public partial Layer Logits { get; }
}

/// <summary>Wide enough that every GEMM is split over workers and uses full vector tiles.</summary>
[Model(300, MaxBatch = 64, Seed = 17)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class WideModel
{
    [Dense(96, Activation.ReLU)] public partial Layer Hidden1 { get; }
    [Dropout(0.1)] public partial Layer Drop { get; }
    [Dense(40, Activation.Tanh)] public partial Layer Hidden2 { get; }
    [Dense(10)] public partial Layer Logits { get; }
}

/// <summary>The benchmark MLP's kind of network, smaller: ReLU layers with Adam, wide enough for the listed products.</summary>
[Model(300, MaxBatch = 64, Seed = 29)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Adam)]
public partial class SparseReluModel
{
    [Dense(128, Activation.ReLU)] public partial Layer Hidden1 { get; }
    [Dense(64, Activation.ReLU)] public partial Layer Hidden2 { get; }
    [Dense(10)] public partial Layer Logits { get; }
}
