using Generated;

namespace Generated.Models.Tests;

// One model per new loss and loss option. The categorical losses come fused (a Softmax output, dense or stand-alone)
// and unfused (a Sigmoid output, where the loss writes dL/dp and the sigmoid's own derivative follows).

[Model(4, MaxBatch = 8, Seed = 51)]
[Loss(Loss.MeanAbsoluteError)]
public partial class MaeModel
{
    [Dense(5, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(2)] public partial Layer Output { get; }
}

[Model(4, MaxBatch = 8, Seed = 51)]
[Loss(Loss.Huber, Delta = 0.5)]
public partial class HuberModel
{
    [Dense(5, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(2)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 52)]
[Loss(Loss.CategoricalCrossEntropy)]
public partial class CategoricalModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(4, Activation.Softmax)] public partial Layer Probabilities { get; }
}

[Model(5, MaxBatch = 8, Seed = 52)]
[Loss(Loss.CategoricalCrossEntropy, ClassWeights = new[] { 1.0, 3.0, 0.5, 2.0 })]
public partial class WeightedCategoricalModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(4)] public partial Layer Logits { get; }
    [Activation(Activation.Softmax)] public partial Layer Probabilities { get; }
}

[Model(5, MaxBatch = 8, Seed = 52)]
[Loss(Loss.CategoricalCrossEntropy)]
public partial class UnfusedCategoricalModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(4, Activation.Sigmoid)] public partial Layer Scores { get; }
}

[Model(5, MaxBatch = 8, Seed = 53)]
[Loss(Loss.SparseCategoricalCrossEntropy)]
public partial class SparseModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(3, Activation.Softmax)] public partial Layer Probabilities { get; }
}

[Model(5, MaxBatch = 8, Seed = 53)]
[Loss(Loss.SparseCategoricalCrossEntropy, ClassWeights = new[] { 2.0, 0.5, 1.0 })]
public partial class WeightedSparseModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(3, Activation.Softmax)] public partial Layer Probabilities { get; }
}

[Model(5, MaxBatch = 8, Seed = 53)]
[Loss(Loss.SparseCategoricalCrossEntropy)]
public partial class UnfusedSparseModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(3, Activation.Sigmoid)] public partial Layer Scores { get; }
}

/// <summary>The same network and seed as <see cref="SparseModel"/>'s logits, trained from logits with class weights.</summary>
[Model(5, MaxBatch = 8, Seed = 53)]
[Loss(Loss.SoftmaxCrossEntropy, ClassWeights = new[] { 2.0, 0.5, 1.0 })]
public partial class WeightedSoftmaxModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Logits { get; }
}

[Model(4, MaxBatch = 8, Seed = 54)]
[Loss(Loss.BinaryCrossEntropy, PositiveWeight = 3.0)]
public partial class PositiveWeightedBinaryModel
{
    [Dense(5, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial Layer Probability { get; }
}

[Model(4, MaxBatch = 8, Seed = 54)]
[Loss(Loss.BinaryCrossEntropyWithLogits, PositiveWeight = 3.0)]
public partial class PositiveWeightedLogitModel
{
    [Dense(5, Activation.Tanh)] public partial Layer Hidden { get; }
    [Dense(1)] public partial Layer Logit { get; }
}

/// <summary>Every new piece at once, wide enough for the GEMM path and two threads: for the allocation test.</summary>
[Model(64, MaxBatch = 32, Seed = 55)]
[Loss(Loss.CategoricalCrossEntropy, ClassWeights = new[] { 1.0, 2.0, 1.0, 1.0, 0.5, 1.0, 1.0, 3.0, 1.0, 1.0 })]
public partial class WideCategoricalModel
{
    [Dense(48, Activation.GELU)] public partial Layer Hidden1 { get; }
    [Dense(32, Activation.Swish, MaxNorm = 2.0)] public partial Layer Hidden2 { get; }
    [Dense(24, Activation.SELU, Init = Init.Orthogonal)] public partial Layer Hidden3 { get; }
    [Dense(10, Activation.Softmax)] public partial Layer Probabilities { get; }
}

/// <summary>The spiral network with GELU and Swish, probabilities out, trained on one-hot float targets.</summary>
[Model(2, MaxBatch = 64, Seed = 56)]
[Loss(Loss.CategoricalCrossEntropy)]
[Optimizer(Optimizer.Adam, LearningRate = 0.01)]
internal sealed partial class SpiralCategoricalModel
{
    [Dense(32, Activation.GELU)] public partial Layer Hidden1 { get; }
    [Dense(32, Activation.Swish)] public partial Layer Hidden2 { get; }
    [Dense(3, Activation.Softmax)] public partial Layer Probabilities { get; }
}

/// <summary>The spiral network with SELU (LeCun normal by default), probabilities out, integer labels.</summary>
[Model(2, MaxBatch = 64, Seed = 57)]
[Loss(Loss.SparseCategoricalCrossEntropy)]
[Optimizer(Optimizer.Adam, LearningRate = 0.01)]
internal sealed partial class SpiralSparseModel
{
    [Dense(32, Activation.SELU)] public partial Layer Hidden1 { get; }
    [Dense(32, Activation.ELU)] public partial Layer Hidden2 { get; }
    [Dense(3)] public partial Layer Logits { get; }
    [Activation(Activation.Softmax)] public partial Layer Probabilities { get; }
}
