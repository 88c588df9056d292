using Generated;

namespace FashionMnistSample;

/// <summary>The classic 784-256-128-10 multilayer perceptron for 28x28 grey images, trained with Adam.</summary>
[Model(784, MaxBatch = 256, Seed = 7)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Adam, LearningRate = 1e-3)]
public partial class FashionMlp
{
    [Dense(256, Activation.ReLU)]
    public partial Layer Hidden1 { get; }

    [Dropout(0.2)]
    public partial Layer Drop1 { get; }

    [Dense(128, Activation.ReLU)]
    public partial Layer Hidden2 { get; }

    [Dense(10)]
    public partial Layer Logits { get; }
}
