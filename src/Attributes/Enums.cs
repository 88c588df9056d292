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
    /// <summary>x for x &gt; 0, alpha * (e^x - 1) otherwise (alpha set by <c>EluAlpha</c>, default 1; Clevert et al. 2015).</summary>
    ELU = 6,
    /// <summary>
    /// scale * ELU(x) with alpha = 1.6732632423543772 and scale = 1.0507009873554805 (Klambauer et al. 2017, PyTorch's
    /// constants): self-normalising with LeCun-normal weights, which <see cref="Init.Auto"/> picks for it.
    /// </summary>
    SELU = 7,
    /// <summary>x * Φ(x), Φ the standard normal CDF, in the exact erf form (PyTorch's default, not the tanh approximation).</summary>
    GELU = 8,
    /// <summary>x * sigmoid(x), also called SiLU.</summary>
    Swish = 9,
    /// <summary>log(1 + e^x), a smooth ReLU; computed as max(x, 0) + log(1 + e^-|x|) so it never overflows.</summary>
    Softplus = 10,
}

/// <summary>How a layer's weights are drawn at construction. Biases always start at zero.</summary>
public enum Init
{
    /// <summary>
    /// LeCun normal for SELU; He uniform for the ReLU family (ReLU, LeakyReLU, ELU, GELU, Swish, Softplus);
    /// Xavier uniform otherwise.
    /// </summary>
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
    /// <summary>U(-s, s) with s = <c>InitScale</c> (default 0.05, Keras's RandomUniform).</summary>
    Uniform = 10,
    /// <summary>N(0, s²) with s = <c>InitScale</c> (default 0.05, Keras's RandomNormal).</summary>
    Normal = 11,
    /// <summary>
    /// A (semi-)orthogonal matrix times a gain <c>InitScale</c> (default 1): the QR factor of a Gaussian matrix, with the
    /// signs that make it uniformly distributed (Saxe et al. 2014). Rows are orthonormal when units &lt;= inputs, else columns.
    /// </summary>
    Orthogonal = 12,
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
    /// <summary>Mean absolute error against float targets, averaged over every output element (PyTorch's L1Loss).</summary>
    MeanAbsoluteError = 4,
    /// <summary>
    /// Huber loss against float targets (PyTorch's HuberLoss): 0.5·d² where |d| &lt;= delta, delta·(|d| - 0.5·delta) beyond;
    /// delta set by <c>Delta</c> on <see cref="LossAttribute"/>, default 1.
    /// </summary>
    Huber = 5,
    /// <summary>
    /// Cross-entropy of probabilities (a Softmax output) against float one-hot or soft targets, one row of
    /// class probabilities per sample; fused with the softmax so the gradient reaching the logits is p − t.
    /// </summary>
    CategoricalCrossEntropy = 6,
    /// <summary>Cross-entropy of probabilities (a Softmax output) against integer class labels; fused with the softmax like <see cref="CategoricalCrossEntropy"/>.</summary>
    SparseCategoricalCrossEntropy = 7,
}

/// <summary>The update rule applied after each gradient computation.</summary>
public enum Optimizer
{
    /// <summary>Stochastic gradient descent, optionally with (Nesterov) momentum (PyTorch semantics).</summary>
    Sgd = 0,
    /// <summary>Adam with bias correction (Kingma and Ba, PyTorch semantics).</summary>
    Adam = 1,
}
