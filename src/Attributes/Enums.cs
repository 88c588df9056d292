namespace Generated;

/// <summary>Element-wise (or, for Softmax, row-wise) non-linearity applied after a layer.</summary>
/// <remarks>The numeric values are part of the contract with the generator; never renumber.</remarks>
public enum Activation
{
    /// <summary>Identity: the layer outputs its pre-activation (logits for a classifier).</summary>
    Linear = 0,
    /// <summary>max(0, x).</summary>
    ReLU = 1,
    /// <summary>x for x &gt; 0, alpha * x otherwise (alpha set by <c>LeakySlope</c>, default 0.01).</summary>
    LeakyReLU = 2,
    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid = 3,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh = 4,
    /// <summary>Row-wise softmax: outputs probabilities that sum to one.</summary>
    Softmax = 5,
}

/// <summary>How a layer's weights are drawn at construction. Biases always start at zero.</summary>
public enum Init
{
    /// <summary>He uniform for the ReLU family, Xavier uniform otherwise.</summary>
    Auto = 0,
    /// <summary>U(-a, a) with a = sqrt(6 / (fanIn + fanOut)).</summary>
    XavierUniform = 1,
    /// <summary>N(0, 2 / (fanIn + fanOut)).</summary>
    XavierNormal = 2,
    /// <summary>U(-a, a) with a = sqrt(6 / fanIn).</summary>
    HeUniform = 3,
    /// <summary>N(0, 2 / fanIn).</summary>
    HeNormal = 4,
    /// <summary>All weights zero. Every unit then computes the same thing and receives the same gradient.</summary>
    Zeros = 5,
    /// <summary>All weights one (same symmetry problem as <see cref="Zeros"/>).</summary>
    Ones = 6,
    /// <summary>All weights equal to <c>InitValue</c> (same symmetry problem as <see cref="Zeros"/>).</summary>
    Constant = 7,
    /// <summary>U(-a, a) with a = sqrt(3 / fanIn): unit output variance for linear/SELU units.</summary>
    LeCunUniform = 8,
    /// <summary>N(0, 1 / fanIn).</summary>
    LeCunNormal = 9,
}

/// <summary>The training objective. Reduction is always the mean over the batch.</summary>
public enum Loss
{
    /// <summary>Softmax over the output (logits) fused with cross-entropy against integer class labels.</summary>
    SoftmaxCrossEntropy = 0,
    /// <summary>Binary cross-entropy of probabilities (one output unit, usually Sigmoid) against 0/1 float targets.</summary>
    BinaryCrossEntropy = 1,
    /// <summary>Mean squared error against float targets, averaged over every output element.</summary>
    MeanSquaredError = 2,
    /// <summary>Sigmoid fused with binary cross-entropy: the single output unit is a logit (Linear activation).</summary>
    BinaryCrossEntropyWithLogits = 3,
}

/// <summary>The update rule applied after each gradient computation.</summary>
public enum Optimizer
{
    /// <summary>Stochastic gradient descent, optionally with (Nesterov) momentum (PyTorch semantics).</summary>
    Sgd = 0,
    /// <summary>Adam with bias correction (Kingma and Ba, PyTorch semantics).</summary>
    Adam = 1,
}
