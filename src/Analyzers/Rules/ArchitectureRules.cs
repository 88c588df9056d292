namespace Generated.SourceGeneration;

/// <summary>Rules about the order and kind of layers (GEN105, GEN106, GEN109–GEN111).</summary>
internal static class ArchitectureRules
{
    private const int SaturatingStackLimit = 3;
    private const int PlainDepthLimit = 10;

    /// <summary>
    /// Counts consecutive layers whose non-linearity saturates along each path through the model (a layer's count continues
    /// the largest of its inputs'); batch or layer norm resets it (it re-centres the pre-activations where the derivative
    /// is largest) and so does a residual Add (the gradient has a path around the layers). An output sigmoid fused into
    /// BCE does not count: its gradient is taken with respect to the logit, so it attenuates nothing (the planner fuses
    /// it only when it is the very last layer, and so does this rule).
    /// </summary>
    public static void VanishingGradientStack(ModelContext model)
    {
        CountAlongPaths(model, (layer, i) =>
        {
            if (layer.Kind is not (LayerKind.Dense or LayerKind.Conv2D or LayerKind.Activation) || (layer.IsWeighted && layer.Activation == ActivationKind.Linear))
            {
                return Step.Keep;
            }

            bool fusedIntoLoss = i == model.Layers.Count - 1 && layer.Activation == ActivationKind.Sigmoid && model.Spec.Loss == LossKind.BinaryCrossEntropy;
            return ActivationFacts.IsSaturating(layer.Activation) && !fusedIntoLoss ? Step.Count : Step.Reset;
        }, SaturatingStackLimit, (i, run) => model.Report(RiskDescriptors.VanishingGradientStack, model.Member(i), model.Layers[i].Name, run));
    }

    /// <summary>Dense layers in a row along each path, with no normalisation or residual Add between them.</summary>
    public static void DeepPlainStack(ModelContext model) =>
        CountAlongPaths(model, (layer, _) => layer.Kind == LayerKind.Dense ? Step.Count : Step.Keep, PlainDepthLimit,
            (i, run) => model.Report(RiskDescriptors.DeepPlainStack, model.Member(i), model.Layers[i].Name, run));

    private enum Step
    {
        Keep,
        Count,
        Reset,
    }

    /// <summary>
    /// Runs of counted layers along every path: each layer starts from the largest count among its inputs, so parallel
    /// branches are counted separately and joined at their merge. Normalisation and a residual Add always reset.
    /// <paramref name="report"/> is called where a run reaches <paramref name="limit"/>.
    /// </summary>
    private static void CountAlongPaths(ModelContext model, System.Func<LayerSpec, int, Step> classify, int limit, System.Action<int, int> report)
    {
        var runs = new int[model.Layers.Count];
        for (int i = 0; i < model.Layers.Count; i++)
        {
            LayerSpec layer = model.Layers[i];
            int run = 0;
            foreach (int input in layer.InputIndices(i))
            {
                run = input >= 0 ? System.Math.Max(run, runs[input]) : run;
            }

            Step step = layer.Kind is LayerKind.BatchNorm or LayerKind.LayerNorm or LayerKind.Add ? Step.Reset : classify(layer, i);
            runs[i] = step switch
            {
                Step.Count => run + 1,
                Step.Reset => 0,
                _ => run,
            };
            if (step == Step.Count && runs[i] == limit)
            {
                report(i, runs[i]);
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
