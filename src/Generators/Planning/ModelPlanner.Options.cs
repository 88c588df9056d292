namespace Generated.SourceGeneration;

/// <summary>The planner's decisions about activations, initialiser parameters and fusing an output activation into the loss.</summary>
internal static partial class ModelPlanner
{
    /// <summary>The one float the activation kernels take: ELU's alpha, or LeakyReLU's slope (ignored by the rest).</summary>
    private static double ActivationParameter(LayerSpec layer) =>
        layer.Activation == ActivationKind.ELU ? layer.EluAlpha : layer.LeakySlope;

    /// <summary>
    /// The one float the initialisers take: Constant's value, Uniform's limit, Normal's standard deviation or
    /// Orthogonal's gain, the declared one or the initialiser's default (Keras's 0.05 for the spreads, a gain of 1).
    /// </summary>
    private static double InitParameter(LayerSpec layer) => layer.Init switch
    {
        InitKind.Constant => layer.InitValue,
        InitKind.Uniform or InitKind.Normal => layer.InitScale > 0 ? layer.InitScale : 0.05,
        InitKind.Orthogonal => layer.InitScale > 0 ? layer.InitScale : 1.0,
        _ => 0,
    };

    /// <summary>
    /// Folds the derivative of the output activation into the loss where the pair has a simple exact gradient with
    /// respect to the logits: sigmoid + binary cross-entropy, (p − t)/n, and softmax + categorical or sparse
    /// categorical cross-entropy, p·Σt − t per row. The producer is the layer whose buffer holds the model output; its backward then
    /// skips the activation's derivative, which stays exact where p saturates.
    /// </summary>
    private static void FoldOutputActivationIntoLoss(LayerPlan[] layers, LossKind loss)
    {
        int producer = layers[layers.Length - 1].Source;

        ActivationKind folded = loss switch
        {
            LossKind.BinaryCrossEntropy => ActivationKind.Sigmoid,
            LossKind.CategoricalCrossEntropy or LossKind.SparseCategoricalCrossEntropy => ActivationKind.Softmax,
            _ => ActivationKind.Linear,
        };
        if (folded != ActivationKind.Linear && producer >= 0
            && layers[producer].Kind is LayerKind.Dense or LayerKind.Activation && layers[producer].Activation == folded)
        {
            layers[producer] = layers[producer] with { DerivativeInLoss = true };
        }
    }
}
