namespace Generated.SourceGeneration;

/// <summary>Rules about the order and kind of layers (GEN105, GEN106, GEN109–GEN111).</summary>
internal static class ArchitectureRules
{
    private const int SaturatingStackLimit = 3;
    private const int PlainDepthLimit = 10;

    /// <summary>
    /// Counts consecutive layers whose non-linearity saturates; batch norm resets the count (it re-centres the
    /// pre-activations where the derivative is largest). An output sigmoid fused into BCE does not count: its
    /// gradient is taken with respect to the logit, so it attenuates nothing (the planner fuses it only when it is
    /// the very last layer, and so does this rule).
    /// </summary>
    public static void VanishingGradientStack(ModelContext model)
    {
        int run = 0;
        for (int i = 0; i < model.Layers.Count; i++)
        {
            LayerSpec layer = model.Layers[i];
            if (layer.Kind is LayerKind.BatchNorm or LayerKind.LayerNorm)
            {
                run = 0;
                continue;
            }

            if (layer.Kind is not (LayerKind.Dense or LayerKind.Conv2D or LayerKind.Activation) || (layer.IsWeighted && layer.Activation == ActivationKind.Linear))
            {
                continue;
            }

            bool fusedIntoLoss = i == model.Layers.Count - 1 && layer.Activation == ActivationKind.Sigmoid && model.Spec.Loss == LossKind.BinaryCrossEntropy;
            run = ActivationFacts.IsSaturating(layer.Activation) && !fusedIntoLoss ? run + 1 : 0;
            if (run == SaturatingStackLimit)
            {
                model.Report(RiskDescriptors.VanishingGradientStack, model.Member(i), layer.Name, run);
            }
        }
    }

    public static void DeepPlainStack(ModelContext model)
    {
        int run = 0;
        for (int i = 0; i < model.Layers.Count; i++)
        {
            switch (model.Layers[i].Kind)
            {
                // Normalisation keeps activations in range; a residual Add gives the gradient a path around the layers.
                case LayerKind.BatchNorm or LayerKind.LayerNorm or LayerKind.Add:
                    run = 0;
                    break;
                case LayerKind.Dense:
                    run++;
                    if (run == PlainDepthLimit)
                    {
                        model.Report(RiskDescriptors.DeepPlainStack, model.Member(i), model.Layers[i].Name, run);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// A Linear dense or convolution layer whose output reaches another one through nothing non-linear (batch norm, dropout,
    /// reshapes and average pooling are affine too; max pooling is not).
    /// </summary>
    public static void MissingNonLinearity(ModelContext model)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            if (!model.Layers[i].IsWeighted || model.EffectiveActivation(i).Activation != ActivationKind.Linear)
            {
                continue;
            }

            int next = model.OnlyReader(i);
            while (next >= 0 && model.Layers[next].Kind is LayerKind.Dropout or LayerKind.Flatten or LayerKind.Reshape or LayerKind.BatchNorm
                or LayerKind.AvgPool2D or LayerKind.GlobalAveragePool)
            {
                next = model.OnlyReader(next);
            }

            if (next >= 0 && model.Layers[next].IsWeighted)
            {
                int position = model.ActivationArgument(i);
                var fix = FixPlan.Create("Add ReLU to '" + model.Layers[i].Name + "'", FixPlan.SetArgument("activation", position, ModelContext.EnumMember("Activation", "ReLU")));
                model.Report(RiskDescriptors.MissingNonLinearity, model.Argument(i, position), fix, model.Layers[i].Name, model.Layers[next].Name);
            }
        }
    }

    /// <summary>A stand-alone activation directly applied to an already activated output (dropout and reshapes are transparent).</summary>
    public static void RepeatedActivation(ModelContext model)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            if (model.Layers[i].Kind != LayerKind.Activation)
            {
                continue;
            }

            int previous = model.PreviousComputing(i);
            if (previous >= 0 && model.Layers[previous].AppliesActivation)
            {
                var fix = FixPlan.Create("Remove the activation layer '" + model.Layers[i].Name + "'", FixPlan.RemoveMember());
                model.Report(RiskDescriptors.RepeatedActivation, model.Argument(i, 0), fix,
                    model.Layers[i].Name, model.Layers[i].Activation.ToString(), model.Layers[previous].Name, model.Layers[previous].Activation.ToString());
            }
        }
    }

    public static void HiddenSoftmax(ModelContext model)
    {
        int output = model.OutputLayer();
        for (int i = 0; i < model.Layers.Count; i++)
        {
            LayerSpec layer = model.Layers[i];
            if (i == output || layer.Kind is not (LayerKind.Dense or LayerKind.Activation) || layer.Activation != ActivationKind.Softmax)
            {
                continue;
            }

            int position = layer.Kind == LayerKind.Dense ? 1 : 0;
            var fix = FixPlan.Create("Use ReLU in '" + layer.Name + "'", FixPlan.SetArgument("activation", position, ModelContext.EnumMember("Activation", "ReLU")));
            model.Report(RiskDescriptors.HiddenSoftmax, model.Argument(i, position), fix, layer.Name);
        }
    }
}
