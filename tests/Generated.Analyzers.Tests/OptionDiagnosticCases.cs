namespace Generated.Analyzers.Tests;

/// <summary>
/// The options of activations, initialisers, weight constraints and losses (GEN026–GEN029, the ELU alpha under GEN015,
/// the categorical losses under GEN010): each case puts the error on the exact argument, or the exact array element.
/// </summary>
internal static partial class DiagnosticCases
{
    private const string TenWeights = "new[] { 1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5 }";

    private static readonly DiagnosticCase[] OptionCases =
    {
        // GEN010 categorical losses need one probability per class
        Case("GEN010", "categorical cross-entropy on one unit", loss: "[Loss([|Loss.CategoricalCrossEntropy|])]",
            logits: "[Dense(1, Activation.Sigmoid)] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.CategoricalCrossEntropy)]", fixedLogits: "[Dense(10, Activation.Softmax)] public partial Layer Logits { get; }"),

        // GEN015 ELU's alpha
        Case("GEN015", "zero ELU alpha", hidden: "[Dense(256, Activation.ELU, [|EluAlpha = 0|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ELU, EluAlpha = 1.0)] public partial Layer Hidden1 { get; }"),
        Case("GEN015", "negative ELU alpha on an activation layer",
            hidden: "[Dense(256)] public partial Layer Hidden1 { get; } [Activation(Activation.ELU, [|EluAlpha = -1|])] public partial Layer Act { get; }",
            fixedHidden: "[Dense(256)] public partial Layer Hidden1 { get; } [Activation(Activation.ELU, EluAlpha = 0.5)] public partial Layer Act { get; }"),

        // GEN026 one class weight per output unit
        Case("GEN026", "two class weights for ten classes", loss: "[Loss(Loss.SoftmaxCrossEntropy, [|ClassWeights = new[] { 1.0, 3.0 }|])]",
            fixedLoss: "[Loss(Loss.SoftmaxCrossEntropy, ClassWeights = " + TenWeights + ")]"),
        Case("GEN026", "eleven class weights for sparse categorical", loss: "[Loss(Loss.SparseCategoricalCrossEntropy, [|ClassWeights = new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }|])]",
            logits: "[Dense(10, Activation.Softmax)] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.SparseCategoricalCrossEntropy, ClassWeights = " + TenWeights + ")]"),

        // GEN027 loss options
        Case("GEN027", "negative class weight",
            loss: "[Loss(Loss.SoftmaxCrossEntropy, ClassWeights = new[] { 1.0, 1.0, [|-2.0|], 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5 })]",
            fixedLoss: "[Loss(Loss.SoftmaxCrossEntropy, ClassWeights = " + TenWeights + ")]"),
        Case("GEN027", "NaN class weight in a collection expression",
            loss: "[Loss(Loss.SoftmaxCrossEntropy, ClassWeights = [1.0, [|double.NaN|], 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5])]",
            fixedLoss: "[Loss(Loss.SoftmaxCrossEntropy, ClassWeights = [1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5])]"),
        Case("GEN027", "every class weight zero", loss: "[Loss(Loss.SoftmaxCrossEntropy, [|ClassWeights = new double[10]|])]",
            fixedLoss: "[Loss(Loss.SoftmaxCrossEntropy, ClassWeights = " + TenWeights + ")]"),
        Case("GEN027", "class weights on a binary loss", loss: "[Loss(Loss.BinaryCrossEntropyWithLogits, [|ClassWeights = new[] { 1.0, 4.0 }|])]",
            logits: "[Dense(1)] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.BinaryCrossEntropyWithLogits, PositiveWeight = 4.0)]"),
        Case("GEN027", "Huber delta 0", loss: "[Loss(Loss.Huber, [|Delta = 0|])]", fixedLoss: "[Loss(Loss.Huber, Delta = 1.0)]"),
        Case("GEN027", "delta on softmax cross-entropy", loss: "[Loss(Loss.SoftmaxCrossEntropy, [|Delta = 2|])]"),
        Case("GEN027", "negative positive weight", loss: "[Loss(Loss.BinaryCrossEntropyWithLogits, [|PositiveWeight = -1|])]",
            logits: "[Dense(1)] public partial Layer Logits { get; }", fixedLoss: "[Loss(Loss.BinaryCrossEntropyWithLogits, PositiveWeight = 2)]"),
        Case("GEN027", "positive weight on softmax cross-entropy", loss: "[Loss(Loss.SoftmaxCrossEntropy, [|PositiveWeight = 2|])]"),

        // GEN028 max-norm constraint
        Case("GEN028", "negative max norm", hidden: "[Dense(256, Activation.ReLU, [|MaxNorm = -1|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, MaxNorm = 3)] public partial Layer Hidden1 { get; }"),
        Case("GEN028", "infinite max norm", hidden: "[Dense(256, Activation.ReLU, [|MaxNorm = double.PositiveInfinity|])] public partial Layer Hidden1 { get; }"),

        // GEN029 initialiser scale
        Case("GEN029", "zero uniform limit", hidden: "[Dense(256, Activation.ReLU, Init = Init.Uniform, [|InitScale = 0|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, Init = Init.Uniform, InitScale = 0.05)] public partial Layer Hidden1 { get; }"),
        Case("GEN029", "NaN orthogonal gain", hidden: "[Dense(256, Activation.ReLU, Init = Init.Orthogonal, [|InitScale = double.NaN|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, Init = Init.Orthogonal, InitScale = 1.4142)] public partial Layer Hidden1 { get; }"),
        Case("GEN029", "scale with a variance-scaling initialiser", hidden: "[Dense(256, Activation.ReLU, Init = Init.HeUniform, [|InitScale = 2|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, Init = Init.HeUniform)] public partial Layer Hidden1 { get; }"),
        Case("GEN029", "scale without an initialiser", hidden: "[Dense(256, Activation.ReLU, [|InitScale = 0.1|])] public partial Layer Hidden1 { get; }"),
    };
}
