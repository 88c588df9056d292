using Generated;

namespace Generated.Benchmarks;

/// <summary>
/// The measuring definition of the MLP benchmark: 784-256(ReLU)-128(ReLU)-10, no dropout, softmax
/// cross-entropy, Adam with learning rate 1e-3, a fixed seed, and room for batches up to 512.
/// Kept separate from the sample's model so that editing the sample never changes what is measured.
/// </summary>
[Model(784, MaxBatch = 512, Seed = 1234)]
[Loss(Loss.SoftmaxCrossEntropy)]
[Optimizer(Optimizer.Adam, LearningRate = 1e-3)]
public partial class BenchmarkMlp
{
    [Dense(256, Activation.ReLU)]
    public partial Layer Hidden1 { get; }

    [Dense(128, Activation.ReLU)]
    public partial Layer Hidden2 { get; }

    [Dense(10)]
    public partial Layer Logits { get; }
}
