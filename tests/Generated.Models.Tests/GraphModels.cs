using Generated;

namespace Generated.Models.Tests;

// Models declared as graphs: From on a layer, [Add] and [Concat] merges. Each one exercises a different way the
// backward pass collects a gradient from several readers of one value (see GradientPlanner): a share handed over,
// copied, computed into scratch and added, or added slice by slice. Smooth activations, so every gradient is exact.

/// <summary>A residual block, y = tanh(B(A(x)) + x), then logits.</summary>
[Model(6, MaxBatch = 8, Seed = 71)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ResidualMlpModel
{
    [Dense(8, Activation.Tanh)] public partial Layer Stem { get; }
    [Dense(8, Activation.Tanh)] public partial Layer A { get; }
    [Dense(8)] public partial Layer B { get; }
    [Add(nameof(B), nameof(Stem))] public partial Layer Sum { get; }
    [Activation(Activation.Tanh)] public partial Layer Joined { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Two branches read the model input and are joined along the features.</summary>
[Model(5, MaxBatch = 8, Seed = 72)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConcatBranchModel
{
    [Dense(4, Activation.Tanh)] public partial Layer Left { get; }
    [Dense(3, Activation.Sigmoid, From = Graph.Input)] public partial Layer Right { get; }
    [Concat(nameof(Left), nameof(Right))] public partial Layer Joined { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>
/// One value read three times: by an in-place activation, by a dense layer (its dL/dx goes to scratch and is added) and
/// directly by a three-way Add (which hands its own gradient over).
/// </summary>
[Model(5, MaxBatch = 8, Seed = 73)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class SharedValueModel
{
    [Dense(6, Activation.Tanh)] public partial Layer Stem { get; }
    [Activation(Activation.Swish, From = nameof(Stem))] public partial Layer Smooth { get; }
    [Dense(6, Activation.Tanh, From = nameof(Stem))] public partial Layer Side { get; }
    [Add(nameof(Smooth), nameof(Side), nameof(Stem))] public partial Layer Sum { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>The same value twice in one merge: Concat(A, A) and Add(A, A, B).</summary>
[Model(4, MaxBatch = 8, Seed = 74)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class RepeatedInputModel
{
    [Dense(3, Activation.Tanh)] public partial Layer A { get; }
    [Dense(3, Activation.Tanh)] public partial Layer B { get; }
    [Add(nameof(A), nameof(A), nameof(B))] public partial Layer Sum { get; }
    [Concat(nameof(Sum), nameof(A), nameof(Sum))] public partial Layer Joined { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>The model input joined with a learned branch: the input side needs no gradient, the branch does.</summary>
[Model(4, MaxBatch = 8, Seed = 75)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class InputSkipModel
{
    [Dense(5, Activation.Tanh)] public partial Layer Branch { get; }
    [Concat(Graph.Input, nameof(Branch))] public partial Layer Joined { get; }
    [Dropout(0.25)] public partial Layer Drop { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>A convolutional residual block with batch norm on the main path, and a channel concat of two branches.</summary>
[Model(2, 5, 5, MaxBatch = 8, Seed = 76)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class ConvResidualModel
{
    [Conv2D(3, 3, Activation.Tanh, Padding = Padding.Same)] public partial Layer Stem { get; }
    [Conv2D(3, 3, Padding = Padding.Same, UseBias = false)] public partial Layer Conv { get; }
    [BatchNorm] public partial Layer Norm { get; }
    [Add(nameof(Norm), nameof(Stem))] public partial Layer Sum { get; }
    [Activation(Activation.Tanh)] public partial Layer Joined { get; }
    [Conv2D(2, 1, Activation.Tanh, From = nameof(Stem))] public partial Layer Side { get; }
    [Concat(nameof(Joined), nameof(Side))] public partial Layer Channels { get; }
    [AvgPool2D(2)] public partial Layer Pool { get; }
    [Flatten] public partial Layer Flat { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>A residual MLP wide enough that every product and the backward's column bands are split over two workers.</summary>
[Model(300, MaxBatch = 64, Seed = 77)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class WideResidualModel
{
    [Dense(128, Activation.ReLU)] public partial Layer Stem { get; }
    [Dense(128, Activation.ReLU)] public partial Layer A { get; }
    [Dense(128)] public partial Layer B { get; }
    [Add(nameof(B), nameof(Stem))] public partial Layer Sum { get; }
    [Activation(Activation.ReLU)] public partial Layer Joined { get; }
    [Dropout(0.1)] public partial Layer Drop { get; }
    [Dense(10)] public partial Layer Logits { get; }
}
