namespace Generated.SourceGeneration;

/// <summary>Rules about weight initialisation (GEN107, GEN108).</summary>
internal static class InitRules
{
    public static void InitDoesNotFitActivation(ModelContext model)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            LayerSpec layer = model.Layers[i];
            if (!layer.IsWeighted || layer.Init == InitKind.Auto)
            {
                continue;
            }

            ActivationKind activation = model.EffectiveActivation(i).Activation;
            (InitKind? better, string reason) = Assess(layer.Init, activation);
            if (better is { } replacement)
            {
                var fix = FixPlan.Create("Use Init." + replacement, FixPlan.SetProperty("Init", ModelContext.EnumMember("Init", replacement.ToString())));
                model.Report(RiskDescriptors.InitDoesNotFitActivation, model.Argument(i, "Init"), fix,
                    layer.Name, "Init." + layer.Init, activation.ToString(), reason, replacement.ToString());
            }
        }
    }

    /// <summary>
    /// The initialiser that fits the activation (same distribution family), with the reason, or null when it fits:
    /// LeCun for SELU, He for the ReLU family (ReLU, LeakyReLU, ELU, GELU, Swish, Softplus), Xavier for sigmoid and tanh.
    /// </summary>
    private static (InitKind? Better, string Reason) Assess(InitKind init, ActivationKind activation)
    {
        bool uniform = init is InitKind.XavierUniform or InitKind.HeUniform or InitKind.LeCunUniform;
        if (activation == ActivationKind.SELU && init is InitKind.XavierUniform or InitKind.XavierNormal or InitKind.HeUniform or InitKind.HeNormal)
        {
            return (uniform ? InitKind.LeCunUniform : InitKind.LeCunNormal,
                "SELU keeps activations at mean 0 and variance 1 through every layer only for weights of variance 1/fanIn; any other variance moves it off that fixed point and the scale drifts with depth");
        }

        if (ActivationFacts.IsReLUFamily(activation) && init is InitKind.XavierUniform or InitKind.XavierNormal or InitKind.LeCunUniform or InitKind.LeCunNormal)
        {
            return (uniform ? InitKind.HeUniform : InitKind.HeNormal,
                activation + " is (nearly) zero for negative inputs, so it passes about half of the variance: a variance scaled for symmetric units halves at every layer and deep activations fade; He doubles it to compensate");
        }

        if (ActivationFacts.IsSaturating(activation) && init is InitKind.HeUniform or InitKind.HeNormal)
        {
            return (uniform ? InitKind.XavierUniform : InitKind.XavierNormal,
                "He's doubled variance compensates for ReLU; with " + activation + " it pushes pre-activations into the flat tails where the derivative is near 0");
        }

        return (null, string.Empty);
    }

    /// <summary>
    /// Constant weights in a hidden layer: its units stay identical forever. The output layer is exempt, because its
    /// units receive different errors and zero-initialising it is a deliberate, known technique.
    /// </summary>
    public static void ConstantInit(ModelContext model)
    {
        int outputDense = LastDense(model);
        for (int i = 0; i < model.Layers.Count; i++)
        {
            LayerSpec layer = model.Layers[i];
            if (!layer.IsWeighted || layer.Init is not (InitKind.Zeros or InitKind.Ones or InitKind.Constant) || i == outputDense || layer.Units < 2)
            {
                continue;
            }

            string value = layer.Init switch
            {
                InitKind.Zeros => "0",
                InitKind.Ones => "1",
                _ => ModelContext.Format(layer.InitValue),
            };
            FixEdit[] edits = model.Writes(i, "InitValue")
                ? new[] { FixPlan.RemoveArgument("Init", -1), FixPlan.RemoveArgument("InitValue", -1) }
                : new[] { FixPlan.RemoveArgument("Init", -1) };
            model.Report(RiskDescriptors.ConstantInit, model.Argument(i, "Init"), FixPlan.Create("Use the default initialiser", edits), layer.Name, value);
        }
    }

    private static int LastDense(ModelContext model)
    {
        for (int i = model.Layers.Count - 1; i >= 0; i--)
        {
            if (model.Layers[i].IsWeighted)
            {
                return i;
            }
        }

        return -1;
    }
}
