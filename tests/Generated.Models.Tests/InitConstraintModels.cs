using Generated;

namespace Generated.Models.Tests;

/// <summary>The initialisers that take a scale, orthogonal in both shapes, and the defaults Init.Auto picks for the new activations.</summary>
[Model(200, MaxBatch = 4, Seed = 61)]
[Loss(Loss.MeanSquaredError)]
public partial class ScaledInitModel
{
    [Dense(100, Init = Init.Uniform, InitScale = 0.2)] public partial Layer Uniform { get; }
    [Dense(150, Init = Init.Normal)] public partial Layer Normal { get; }
    [Dense(50, Init = Init.Orthogonal)] public partial Layer Wide { get; }
    [Dense(120, Init = Init.Orthogonal, InitScale = 2.0)] public partial Layer Tall { get; }
    [Dense(120, Activation.SELU)] public partial Layer Selu { get; }
    [Dense(100, Activation.GELU)] public partial Layer Gelu { get; }
}

/// <summary>A max-norm constraint on the hidden layer; plain SGD so one step can be replayed by hand.</summary>
[Model(5, MaxBatch = 8, Seed = 62)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Sgd, LearningRate = 0.5)]
public partial class MaxNormModel
{
    [Dense(16, Activation.ReLU, MaxNorm = 1.4)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary><see cref="MaxNormModel"/> without the constraint: the same initial weights.</summary>
[Model(5, MaxBatch = 8, Seed = 62)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Sgd, LearningRate = 0.5)]
public partial class UnconstrainedModel
{
    [Dense(16, Activation.ReLU)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}
