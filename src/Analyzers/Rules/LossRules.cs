using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Generated.SourceGeneration;

/// <summary>Rules about the pairing of the output activation with the loss (GEN101–GEN104).</summary>
internal static class LossRules
{
    public static void DoubleSoftmax(ModelContext model)
    {
        ActivationKind output = model.OutputActivation();
        bool twice = (model.Spec.Loss == LossKind.SoftmaxCrossEntropy && output == ActivationKind.Softmax)
            || (model.Spec.Loss == LossKind.BinaryCrossEntropyWithLogits && output == ActivationKind.Sigmoid);
        if (!twice)
        {
            return;
        }

        int layer = model.OutputLayer();
        bool standAlone = model.Layers[layer].Kind == LayerKind.Activation;
        var fix = standAlone
            ? FixPlan.Create("Remove the activation layer '" + model.Layers[layer].Name + "'", FixPlan.RemoveMember())
            : FixPlan.Create("Make '" + model.Layers[layer].Name + "' output logits (Linear)", FixPlan.RemoveArgument("activation", model.ActivationArgument(layer)));
        string applied = model.Spec.Loss == LossKind.SoftmaxCrossEntropy ? "softmax" : "sigmoid";
        model.Report(RiskDescriptors.DoubleSoftmax, model.Argument(layer, model.ActivationArgument(layer)), fix,
            model.Spec.Loss.ToString(), applied, output.ToString(), model.Layers[layer].Name);
    }

    /// <summary>
    /// A loss over probabilities fed something else: BCE wants a sigmoid output, the categorical losses a softmax one.
    /// The fix keeps the targets the user already has: BCE with logits for BCE, SoftmaxCrossEntropy (also integer labels)
    /// for the sparse loss, and a Softmax on the output layer for one-hot float targets.
    /// </summary>
    public static void LogitsIntoProbabilityLoss(ModelContext model)
    {
        ActivationKind output = model.OutputActivation();
        ActivationKind expected = model.Spec.Loss switch
        {
            LossKind.BinaryCrossEntropy => ActivationKind.Sigmoid,
            LossKind.CategoricalCrossEntropy or LossKind.SparseCategoricalCrossEntropy => ActivationKind.Softmax,
            _ => ActivationKind.Linear,
        };
        if (expected == ActivationKind.Linear || output == expected)
        {
            return;
        }

        int layer = model.OutputLayer();
        string name = model.Layers[layer].Name;
        bool linearDense = output == ActivationKind.Linear && model.Layers[layer].Kind == LayerKind.Dense;
        var additional = ImmutableArray<Location>.Empty;
        ImmutableDictionary<string, string?>? fix = null;
        string probability, instead;
        switch (model.Spec.Loss)
        {
            case LossKind.BinaryCrossEntropy:
                probability = "a probability in (0, 1)";
                instead = "Loss.BinaryCrossEntropyWithLogits (or a Sigmoid output)";
                fix = output == ActivationKind.Linear ? UseLoss("BinaryCrossEntropyWithLogits") : null;
                break;
            case LossKind.SparseCategoricalCrossEntropy:
                probability = "a row of class probabilities";
                instead = "Loss.SoftmaxCrossEntropy, which applies the softmax itself and takes the same integer labels (or a Softmax output)";
                fix = output == ActivationKind.Linear ? UseLoss("SoftmaxCrossEntropy") : null;
                break;
            default:
                probability = "a row of class probabilities";
                instead = "a Softmax output, whose derivative the loss then takes over exactly";
                if (linearDense)
                {
                    // The edit is on the output layer, the diagnostic on the loss: the layer's attribute rides along as location 1.
                    additional = ImmutableArray.Create(model.Attribute(layer));
                    fix = FixPlan.Create("Make '" + name + "' Softmax", FixPlan.SetArgument("activation", 1, ModelContext.EnumMember("Activation", "Softmax"), target: 1));
                }

                break;
        }

        model.Report(RiskDescriptors.LogitsIntoProbabilityLoss, model.LossArgument(), additional, fix,
            model.Spec.Loss.ToString(), probability, name, output.ToString(), instead);
    }

    public static void RegressionLossOnClassifier(ModelContext model)
    {
        ActivationKind output = model.OutputActivation();
        if (!IsRegression(model.Spec.Loss) || output is not (ActivationKind.Softmax or ActivationKind.Sigmoid))
        {
            return;
        }

        string name = model.Layers[model.OutputLayer()].Name;
        string loss = model.Spec.Loss.ToString();
        int[] outputShape = model.Shapes[model.Shapes.Length - 1];
        if (output == ActivationKind.Sigmoid && outputShape.Length == 1 && outputShape[0] != 1)
        {
            // Several independent sigmoids (multi-label): there is no per-unit BCE yet, so no better loss to point to.
            return;
        }

        // Both fixes keep the float targets and the output activation, so the user's training code still compiles; Huber's
        // delta goes with the loss that used it.
        string better = output == ActivationKind.Sigmoid ? "BinaryCrossEntropy" : "CategoricalCrossEntropy";
        FixEdit[] edits = model.LossWrites("Delta")
            ? new[] { FixPlan.SetArgument("loss", 0, ModelContext.EnumMember("Loss", better)), FixPlan.RemoveArgument("Delta", -1) }
            : new[] { FixPlan.SetArgument("loss", 0, ModelContext.EnumMember("Loss", better)) };
        string targets = output == ActivationKind.Sigmoid ? " (targets in [0, 1])" : " (one-hot or soft float targets)";
        model.Report(RiskDescriptors.RegressionLossOnClassifier, model.LossArgument(), FixPlan.Create("Use " + better, edits),
            loss, output.ToString(), name, "Loss." + better + targets);
    }

    public static void OutputRangeTooNarrow(ModelContext model)
    {
        int layer = model.OutputLayer();
        ActivationKind output = model.OutputActivation();
        string? range = output switch
        {
            ActivationKind.ReLU => "[0, +inf)",
            ActivationKind.Tanh => "(-1, 1)",
            ActivationKind.Softplus => "(0, +inf)",
            ActivationKind.ELU => "(-" + ModelContext.Format(model.Layers[layer].EluAlpha) + ", +inf)",
            ActivationKind.SELU => "(-1.7581, +inf)",
            ActivationKind.GELU => "[-0.17, +inf)",
            ActivationKind.Swish => "[-0.2785, +inf)",
            _ => null,
        };
        if (!IsRegression(model.Spec.Loss) || range is null)
        {
            return;
        }

        bool standAlone = model.Layers[layer].Kind == LayerKind.Activation;
        var fix = standAlone
            ? FixPlan.Create("Remove the activation layer '" + model.Layers[layer].Name + "'", FixPlan.RemoveMember())
            : FixPlan.Create("Make '" + model.Layers[layer].Name + "' Linear", FixPlan.RemoveArgument("activation", model.ActivationArgument(layer)));
        model.Report(RiskDescriptors.OutputRangeTooNarrow, model.Argument(layer, model.ActivationArgument(layer)), fix, model.Layers[layer].Name, output.ToString(), range);
    }

    /// <summary>The fix that replaces the loss with <paramref name="loss"/>, keeping its other arguments.</summary>
    private static ImmutableDictionary<string, string?> UseLoss(string loss) =>
        FixPlan.Create("Use " + loss, FixPlan.SetArgument("loss", 0, ModelContext.EnumMember("Loss", loss)));

    private static bool IsRegression(LossKind loss) => loss is LossKind.MeanSquaredError or LossKind.MeanAbsoluteError or LossKind.Huber;
}
