using Generated;

namespace Generated.Models.Tests;

// The same 26 tanh layers twice (a stem, 12 blocks of two, the logits), identically initialised: once as a plain stack,
// once with each block wrapped in a residual Add, h = h + B(A(h)). Only the skips differ.

/// <summary>25 tanh layers in a chain: the gradient reaching the stem is a product of 25 Jacobians.</summary>
[Model(8, MaxBatch = 64, Seed = 5)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Sgd, LearningRate = 0.1, Momentum = 0.9)]
public partial class PlainDeepTanhModel
{
    [Dense(16, Activation.Tanh)] public partial Layer Stem { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A0 { get; } [Dense(16, Activation.Tanh)] public partial Layer B0 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A1 { get; } [Dense(16, Activation.Tanh)] public partial Layer B1 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A2 { get; } [Dense(16, Activation.Tanh)] public partial Layer B2 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A3 { get; } [Dense(16, Activation.Tanh)] public partial Layer B3 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A4 { get; } [Dense(16, Activation.Tanh)] public partial Layer B4 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A5 { get; } [Dense(16, Activation.Tanh)] public partial Layer B5 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A6 { get; } [Dense(16, Activation.Tanh)] public partial Layer B6 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A7 { get; } [Dense(16, Activation.Tanh)] public partial Layer B7 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A8 { get; } [Dense(16, Activation.Tanh)] public partial Layer B8 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A9 { get; } [Dense(16, Activation.Tanh)] public partial Layer B9 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A10 { get; } [Dense(16, Activation.Tanh)] public partial Layer B10 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A11 { get; } [Dense(16, Activation.Tanh)] public partial Layer B11 { get; }
    [Dense(4)] public partial Layer Output { get; }
}

/// <summary>The same layers, each block added to its input: the gradient also reaches the stem through the identity path.</summary>
[Model(8, MaxBatch = 64, Seed = 5)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Sgd, LearningRate = 0.1, Momentum = 0.9)]
public partial class ResidualDeepTanhModel
{
    [Dense(16, Activation.Tanh)] public partial Layer Stem { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A0 { get; } [Dense(16, Activation.Tanh)] public partial Layer B0 { get; } [Add(nameof(B0), nameof(Stem))] public partial Layer Sum0 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A1 { get; } [Dense(16, Activation.Tanh)] public partial Layer B1 { get; } [Add(nameof(B1), nameof(Sum0))] public partial Layer Sum1 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A2 { get; } [Dense(16, Activation.Tanh)] public partial Layer B2 { get; } [Add(nameof(B2), nameof(Sum1))] public partial Layer Sum2 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A3 { get; } [Dense(16, Activation.Tanh)] public partial Layer B3 { get; } [Add(nameof(B3), nameof(Sum2))] public partial Layer Sum3 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A4 { get; } [Dense(16, Activation.Tanh)] public partial Layer B4 { get; } [Add(nameof(B4), nameof(Sum3))] public partial Layer Sum4 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A5 { get; } [Dense(16, Activation.Tanh)] public partial Layer B5 { get; } [Add(nameof(B5), nameof(Sum4))] public partial Layer Sum5 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A6 { get; } [Dense(16, Activation.Tanh)] public partial Layer B6 { get; } [Add(nameof(B6), nameof(Sum5))] public partial Layer Sum6 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A7 { get; } [Dense(16, Activation.Tanh)] public partial Layer B7 { get; } [Add(nameof(B7), nameof(Sum6))] public partial Layer Sum7 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A8 { get; } [Dense(16, Activation.Tanh)] public partial Layer B8 { get; } [Add(nameof(B8), nameof(Sum7))] public partial Layer Sum8 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A9 { get; } [Dense(16, Activation.Tanh)] public partial Layer B9 { get; } [Add(nameof(B9), nameof(Sum8))] public partial Layer Sum9 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A10 { get; } [Dense(16, Activation.Tanh)] public partial Layer B10 { get; } [Add(nameof(B10), nameof(Sum9))] public partial Layer Sum10 { get; }
    [Dense(16, Activation.Tanh)] public partial Layer A11 { get; } [Dense(16, Activation.Tanh)] public partial Layer B11 { get; } [Add(nameof(B11), nameof(Sum10))] public partial Layer Sum11 { get; }
    [Dense(4)] public partial Layer Output { get; }
}
