using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Generated.SourceGeneration;

/// <summary>Ids of the risky-choice rules: the model compiles and trains, but probably not the way its author wants.</summary>
internal static class RiskIds
{
    public const string DoubleSoftmax = "GEN101";
    public const string LogitsIntoProbabilityLoss = "GEN102";
    public const string RegressionLossOnClassifier = "GEN103";
    public const string OutputRangeTooNarrow = "GEN104";
    public const string VanishingGradientStack = "GEN105";
    public const string DeepPlainStack = "GEN106";
    public const string InitDoesNotFitActivation = "GEN107";
    public const string ConstantInit = "GEN108";
    public const string MissingNonLinearity = "GEN109";
    public const string RepeatedActivation = "GEN110";
    public const string HiddenSoftmax = "GEN111";
    public const string BiasBeforeBatchNorm = "GEN112";
    public const string DropoutBeforeBatchNorm = "GEN113";
    public const string DropoutAfterOutput = "GEN114";
    public const string HighDropoutRate = "GEN115";
    public const string BatchNormWithBatchOne = "GEN116";
    public const string BatchOneWithSgd = "GEN117";
    public const string LearningRateOutOfRange = "GEN118";
    public const string TinyAdamEpsilon = "GEN119";
    public const string StrongL2 = "GEN120";
    public const string L1AndL2 = "GEN121";
}

/// <summary>Descriptors of the risky-choice rules; every message names the mechanism and the change to make.</summary>
internal static class RiskDescriptors
{
    private const string Category = "Generated.Training";

    public static readonly DiagnosticDescriptor DoubleSoftmax = Warning(RiskIds.DoubleSoftmax,
        "Output activation applied twice",
        "{0} applies {1} itself, so the {2} output of '{3}' is squashed twice: the loss sees values in a narrow band and its gradient shrinks; make '{3}' Linear");

    public static readonly DiagnosticDescriptor LogitsIntoProbabilityLoss = Warning(RiskIds.LogitsIntoProbabilityLoss,
        "Loss expects probabilities but the output is not one",
        "{0} expects {1} but '{2}' outputs {3} values, which are clamped and give zero or exploding gradients; use {4}");

    public static readonly DiagnosticDescriptor RegressionLossOnClassifier = Warning(RiskIds.RegressionLossOnClassifier,
        "Regression loss on a classifier output",
        "{0} on the {1} output of '{2}': the gradient is multiplied by the activation's derivative, which vanishes when a unit saturates on the wrong side, and there is no likelihood behind it; use {3}");

    public static readonly DiagnosticDescriptor OutputRangeTooNarrow = Warning(RiskIds.OutputRangeTooNarrow,
        "Output activation cannot cover regression targets",
        "'{0}' ends in {1}, which can only produce values in {2}: targets outside it are unreachable and units pushed past the edge stop learning; use a Linear output for regression");

    public static readonly DiagnosticDescriptor VanishingGradientStack = Warning(RiskIds.VanishingGradientStack,
        "Stack of saturating activations will vanish gradients",
        "'{0}' makes {1} consecutive sigmoid/tanh layers without normalisation: sigmoid' <= 0.25 (tanh' <= 1, near 0 when saturated), so the gradient shrinks by that factor at every layer; use ReLU, or insert [BatchNorm] between them");

    public static readonly DiagnosticDescriptor DeepPlainStack = Warning(RiskIds.DeepPlainStack,
        "Very deep plain stack",
        "'{0}' is dense layer {1} in a row without normalisation or skip connections: activation and gradient scales multiply through every layer and drift, so deep plain stacks train badly; insert [BatchNorm] layers");

    public static readonly DiagnosticDescriptor InitDoesNotFitActivation = Warning(RiskIds.InitDoesNotFitActivation,
        "Initialiser does not fit the activation",
        "'{0}' uses {1} with {2}: {3}; use Init.{4}");

    public static readonly DiagnosticDescriptor ConstantInit = Warning(RiskIds.ConstantInit,
        "Constant weight initialisation",
        "'{0}' starts every weight at the same value ({1}): all units of the layer compute the same output and receive the same gradient, so they never become different; remove Init to use the default");

    public static readonly DiagnosticDescriptor MissingNonLinearity = Warning(RiskIds.MissingNonLinearity,
        "Missing non-linearity between weighted layers",
        "'{0}' is Linear and feeds '{1}' with nothing non-linear between them: two affine maps compose into one, so the extra layer adds parameters but no capacity; give '{0}' an activation such as ReLU");

    public static readonly DiagnosticDescriptor RepeatedActivation = Warning(RiskIds.RepeatedActivation,
        "Two activations in a row",
        "Activation layer '{0}' applies {1} to the output of '{2}', which already applied {3}: stacking them changes the range and derivative in ways that are rarely intended; remove one of them");

    public static readonly DiagnosticDescriptor HiddenSoftmax = Warning(RiskIds.HiddenSoftmax,
        "Softmax on a hidden layer",
        "'{0}' applies Softmax but is not the output layer: its outputs are forced to sum to 1, so they shrink as the layer widens and the gradients with them; use ReLU for hidden layers");

    public static readonly DiagnosticDescriptor BiasBeforeBatchNorm = Warning(RiskIds.BiasBeforeBatchNorm,
        "Bias before batch normalisation",
        "'{0}' adds a bias that batch norm '{1}' subtracts again with the batch mean: the parameters are wasted and receive zero gradient; set UseBias = false (batch norm's beta is the bias)");

    public static readonly DiagnosticDescriptor DropoutBeforeBatchNorm = Warning(RiskIds.DropoutBeforeBatchNorm,
        "Dropout right before batch normalisation",
        "Dropout '{0}' feeds batch norm '{1}': the running variance is learned from dropped-out activations but applied to full ones at evaluation (variance shift); put the dropout after the normalisation and its activation");

    public static readonly DiagnosticDescriptor DropoutAfterOutput = Warning(RiskIds.DropoutAfterOutput,
        "Dropout after the output layer",
        "Dropout '{0}' comes after the output layer: in training it zeroes logits or predictions the loss then scores, which is noise, not regularisation; remove it or move it before the output layer");

    public static readonly DiagnosticDescriptor HighDropoutRate = Warning(RiskIds.HighDropoutRate,
        "Dropout rate above 0.5",
        "Dropout '{0}' drops {1} of its inputs: the surviving activations are scaled by {2} and the gradient becomes very noisy, which usually underfits; use a rate of 0.5 or less");

    public static readonly DiagnosticDescriptor BatchNormWithBatchOne = Warning(RiskIds.BatchNormWithBatchOne,
        "Batch normalisation with batch size 1",
        "MaxBatch = 1 but '{0}' is a batch norm: the variance of one sample is 0, so training normalises every feature to beta and cannot run; train with batches of 2 or more (this MaxBatch is only fine for inference)");

    public static readonly DiagnosticDescriptor BatchOneWithSgd = Warning(RiskIds.BatchOneWithSgd,
        "Batch size 1 with plain SGD",
        "MaxBatch = 1 with SGD: every step follows one sample's gradient with one global step size, which is very noisy; use Optimizer.Adam, whose per-parameter scaling damps it, or larger batches");

    public static readonly DiagnosticDescriptor LearningRateOutOfRange = Warning(RiskIds.LearningRateOutOfRange,
        "Learning rate outside the usual range for the optimizer",
        "LearningRate = {0} is {1} for {2} (usual range {3}): {4}; try {5}");

    public static readonly DiagnosticDescriptor TinyAdamEpsilon = Warning(RiskIds.TinyAdamEpsilon,
        "Adam epsilon too small",
        "Epsilon = {0} is below 1e-10: where the second moment v is near zero (rarely updated or nearly dead parameters) the step m / (sqrt(v) + epsilon) grows to a full learning-rate step driven by gradient noise; use 1e-8");

    public static readonly DiagnosticDescriptor StrongL2 = Warning(RiskIds.StrongL2,
        "L2 penalty very strong",
        "'{0}' has an L2 strength of {1}: each step shrinks the weights by 2 * {1} * learning rate of themselves, which dominates the data term and underfits; typical values are 1e-5 to 1e-2");

    public static readonly DiagnosticDescriptor L1AndL2 = new(RiskIds.L1AndL2,
        "L1 and L2 on the same layer",
        "'{0}' sets both L1 and L2: that is an elastic net; write ElasticNet = {1}, L1Ratio = {2}, which is the same penalty with one strength to tune and the mix kept separate",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: DiagnosticDescriptors.HelpLink(RiskIds.L1AndL2));

    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        DoubleSoftmax, LogitsIntoProbabilityLoss, RegressionLossOnClassifier, OutputRangeTooNarrow, VanishingGradientStack,
        DeepPlainStack, InitDoesNotFitActivation, ConstantInit, MissingNonLinearity, RepeatedActivation, HiddenSoftmax,
        BiasBeforeBatchNorm, DropoutBeforeBatchNorm, DropoutAfterOutput, HighDropoutRate, BatchNormWithBatchOne,
        BatchOneWithSgd, LearningRateOutOfRange, TinyAdamEpsilon, StrongL2, L1AndL2);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: DiagnosticDescriptors.HelpLink(id));
}
