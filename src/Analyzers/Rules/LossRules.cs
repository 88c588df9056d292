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
            : FixPlan.Create("Make '" + model.Layers[layer].Name + "' output logits (Linear)", FixPlan.RemoveArgument("activation", 1));
        string applied = model.Spec.Loss == LossKind.SoftmaxCrossEntropy ? "softmax" : "sigmoid";
        model.Report(RiskDescriptors.DoubleSoftmax, model.Argument(layer, standAlone ? 0 : 1), fix,
            model.Spec.Loss.ToString(), applied, output.ToString(), model.Layers[layer].Name);
    }

    public static void LogitsIntoProbabilityLoss(ModelContext model)
    {
        ActivationKind output = model.OutputActivation();
        if (model.Spec.Loss != LossKind.BinaryCrossEntropy || output == ActivationKind.Sigmoid)
        {
            return;
        }

        var fix = output == ActivationKind.Linear
            ? FixPlan.Create("Use BinaryCrossEntropyWithLogits", FixPlan.SetArgument("loss", 0, ModelContext.EnumMember("Loss", "BinaryCrossEntropyWithLogits")))
            : null;
        model.Report(RiskDescriptors.LogitsIntoProbabilityLoss, model.LossArgument(), fix, model.Layers[model.OutputLayer()].Name, output.ToString());
    }

    public static void RegressionLossOnClassifier(ModelContext model)
    {
        ActivationKind output = model.OutputActivation();
        if (model.Spec.Loss != LossKind.MeanSquaredError || output is not (ActivationKind.Softmax or ActivationKind.Sigmoid))
        {
            return;
        }

        string name = model.Layers[model.OutputLayer()].Name;
        int[] outputShape = model.Shapes[model.Shapes.Length - 1];
        if (output == ActivationKind.Sigmoid && outputShape.Length == 1 && outputShape[0] != 1)
        {
            // Several independent sigmoids (multi-label): there is no per-unit BCE yet, so no better loss to point to.
            return;
        }

        if (output == ActivationKind.Sigmoid)
        {
            // BCE keeps the float targets and the Sigmoid, so the user's training code still compiles.
            var fix = FixPlan.Create("Use BinaryCrossEntropy", FixPlan.SetArgument("loss", 0, ModelContext.EnumMember("Loss", "BinaryCrossEntropy")));
            model.Report(RiskDescriptors.RegressionLossOnClassifier, model.LossArgument(), fix, "Sigmoid", name, "Loss.BinaryCrossEntropy (targets in [0, 1])");
        }
        else
        {
            model.Report(RiskDescriptors.RegressionLossOnClassifier, model.LossArgument(), "Softmax", name,
                "Loss.SoftmaxCrossEntropy with a Linear output and integer labels");
        }
    }

    public static void OutputRangeTooNarrow(ModelContext model)
    {
        ActivationKind output = model.OutputActivation();
        string? range = output switch
        {
            ActivationKind.ReLU => "[0, +inf)",
            ActivationKind.Tanh => "(-1, 1)",
            _ => null,
        };
        if (model.Spec.Loss != LossKind.MeanSquaredError || range is null)
        {
            return;
        }

        int layer = model.OutputLayer();
        bool standAlone = model.Layers[layer].Kind == LayerKind.Activation;
        var fix = standAlone
            ? FixPlan.Create("Remove the activation layer '" + model.Layers[layer].Name + "'", FixPlan.RemoveMember())
            : FixPlan.Create("Make '" + model.Layers[layer].Name + "' Linear", FixPlan.RemoveArgument("activation", 1));
        model.Report(RiskDescriptors.OutputRangeTooNarrow, model.Argument(layer, standAlone ? 0 : 1), fix, model.Layers[layer].Name, output.ToString(), range);
    }
}
