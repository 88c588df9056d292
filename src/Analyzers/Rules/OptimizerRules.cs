namespace Generated.SourceGeneration;

/// <summary>Rules about optimizer hyperparameters and penalties (GEN118–GEN121).</summary>
internal static class OptimizerRules
{
    public static void LearningRateOutOfRange(ModelContext model)
    {
        OptimizerSpec optimizer = model.Spec.Optimizer;
        (double low, double high, string fallback) = optimizer.Kind == OptimizerKind.Sgd ? (1e-6, 1.0, "0.01") : (1e-7, 1e-2, "0.001");
        double rate = optimizer.LearningRate;
        if (rate >= low && rate <= high)
        {
            return;
        }

        bool tooLarge = rate > high;
        string mechanism = tooLarge
            ? "steps overshoot the minimum and the loss oscillates or diverges to NaN"
            : "weights move by less than float32 can resolve, so training stalls";
        var fix = FixPlan.Create("Use LearningRate = " + fallback, FixPlan.SetProperty("LearningRate", fallback));
        model.Report(RiskDescriptors.LearningRateOutOfRange, model.OptimizerArgument("LearningRate"), fix,
            ModelContext.Format(rate), tooLarge ? "too large" : "too small", optimizer.Kind.ToString(),
            "[" + ModelContext.Format(low) + ", " + ModelContext.Format(high) + "]", mechanism, fallback);
    }

    public static void TinyAdamEpsilon(ModelContext model)
    {
        OptimizerSpec optimizer = model.Spec.Optimizer;
        if (optimizer.Kind == OptimizerKind.Adam && optimizer.Epsilon < 1e-10)
        {
            var fix = FixPlan.Create("Use Epsilon = 1e-8", FixPlan.SetProperty("Epsilon", "1e-8"));
            model.Report(RiskDescriptors.TinyAdamEpsilon, model.OptimizerArgument("Epsilon"), fix, ModelContext.Format(optimizer.Epsilon));
        }
    }

    public static void StrongL2(ModelContext model)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            LayerSpec layer = model.Layers[i];
            if (layer.IsWeighted && layer.EffectiveL2 >= 0.1)
            {
                string argument = layer.L2 >= layer.ElasticNet * (1 - layer.L1Ratio) ? "L2" : "ElasticNet";
                model.Report(RiskDescriptors.StrongL2, model.Argument(i, argument), layer.Name, ModelContext.Format(layer.EffectiveL2));
            }
        }
    }

    /// <summary>Both penalties written separately: offer the equivalent elastic net (same total penalty).</summary>
    public static void L1AndL2(ModelContext model)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            LayerSpec layer = model.Layers[i];
            if (!layer.IsWeighted || !(layer.L1 > 0 && layer.L2 > 0))
            {
                continue;
            }

            double strength = layer.EffectiveL1 + layer.EffectiveL2;
            string total = Number(strength), ratio = Number(layer.EffectiveL1 / strength);
            var fix = FixPlan.Create(
                "Write it as ElasticNet = " + total + ", L1Ratio = " + ratio,
                FixPlan.RemoveArgument("L1", -1),
                FixPlan.RemoveArgument("L2", -1),
                FixPlan.SetProperty("ElasticNet", total),
                FixPlan.SetProperty("L1Ratio", ratio));
            model.Report(RiskDescriptors.L1AndL2, model.Argument(i, "L1"), fix, layer.Name, total, ratio);
        }
    }

    /// <summary>Nine significant digits: exact for the float32 the kernels use, without binary noise like 0.0011000000000000001.</summary>
    private static string Number(double value) => value.ToString("G9", System.Globalization.CultureInfo.InvariantCulture);
}
