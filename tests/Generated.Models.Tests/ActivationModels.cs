using Generated;

namespace Generated.Models.Tests;

// One model per new activation, on a dense layer (the fused epilogue) and as a stand-alone layer. Widths under 16
// take the dense forward's dot-product path; WideSmoothModel's 20 and 17 units take the register-tiled GEMM, whose
// epilogue keeps GELU's and Swish's pre-activations.

[Model(5, MaxBatch = 8, Seed = 41)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class DenseEluModel
{
    [Dense(6, Activation.ELU, EluAlpha = 0.7)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 41)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class DenseSeluModel
{
    [Dense(6, Activation.SELU)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 41)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class DenseGeluModel
{
    [Dense(6, Activation.GELU)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 41)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class DenseSwishModel
{
    [Dense(6, Activation.Swish)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 41)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class DenseSoftplusModel
{
    [Dense(6, Activation.Softplus)] public partial Layer Hidden { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 42)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class WideSmoothModel
{
    [Dense(20, Activation.GELU)] public partial Layer Hidden1 { get; }
    [Dense(17, Activation.Swish)] public partial Layer Hidden2 { get; }
    [Dense(16, Activation.ELU)] public partial Layer Hidden3 { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 43)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class StandaloneEluModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Activation(Activation.ELU, EluAlpha = 1.5)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 43)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class StandaloneSeluModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Activation(Activation.SELU)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 43)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class StandaloneGeluModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Activation(Activation.GELU)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 43)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class StandaloneSwishModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Activation(Activation.Swish)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

[Model(5, MaxBatch = 8, Seed = 43)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class StandaloneSoftplusModel
{
    [Dense(6, Activation.Linear)] public partial Layer Hidden { get; }
    [Activation(Activation.Softplus)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}

/// <summary>Dense → batch norm → stand-alone GELU: the activation's backward reads the batch norm's output as its input.</summary>
[Model(5, MaxBatch = 8, Seed = 44)]
[Loss(Loss.SoftmaxCrossEntropy)]
public partial class NormGeluModel
{
    [Dense(6, UseBias = false)] public partial Layer Hidden { get; }
    [BatchNorm] public partial Layer Norm { get; }
    [Activation(Activation.GELU)] public partial Layer Act { get; }
    [Dense(3)] public partial Layer Output { get; }
}
