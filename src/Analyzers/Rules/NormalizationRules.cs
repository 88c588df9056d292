namespace Generated.SourceGeneration;

/// <summary>Rules about batch norm, dropout and batch size (GEN112–GEN117).</summary>
internal static class NormalizationRules
{
    private const double DropoutRateLimit = 0.5;

    public static void BiasBeforeBatchNorm(ModelContext model)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            LayerSpec layer = model.Layers[i];
            int next = model.NextComputing(i);
            if (layer.IsWeighted && layer.UseBias && layer.Activation == ActivationKind.Linear
                && next >= 0 && model.Layers[next].Kind == LayerKind.BatchNorm)
            {
                var fix = FixPlan.Create("Set UseBias = false on '" + layer.Name + "'", FixPlan.SetProperty("UseBias", "false"));
                model.Report(RiskDescriptors.BiasBeforeBatchNorm, model.Argument(i, "UseBias"), fix, layer.Name, model.Layers[next].Name);
            }
        }
    }

    public static void DropoutBeforeBatchNorm(ModelContext model)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            int next = model.NextComputing(i, skipDropout: false);
            if (model.Layers[i].Kind == LayerKind.Dropout && model.Layers[i].Rate > 0 && next >= 0 && model.Layers[next].Kind == LayerKind.BatchNorm)
            {
                model.Report(RiskDescriptors.DropoutBeforeBatchNorm, model.Member(i), model.Layers[i].Name, model.Layers[next].Name);
            }
        }
    }

    public static void DropoutAfterOutput(ModelContext model)
    {
        int output = model.OutputLayer();
        for (int i = output + 1; i < model.Layers.Count; i++)
        {
            if (model.Layers[i].Kind == LayerKind.Dropout && output >= 0)
            {
                model.Report(RiskDescriptors.DropoutAfterOutput, model.Member(i), FixPlan.Create("Remove '" + model.Layers[i].Name + "'", FixPlan.RemoveMember()), model.Layers[i].Name);
            }
        }
    }

    public static void HighDropoutRate(ModelContext model)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            LayerSpec layer = model.Layers[i];
            if (layer.Kind == LayerKind.Dropout && layer.Rate > DropoutRateLimit)
            {
                var fix = FixPlan.Create("Use a rate of 0.5", FixPlan.SetArgument("rate", 0, "0.5"));
                model.Report(RiskDescriptors.HighDropoutRate, model.Argument(i, 0), fix,
                    layer.Name, ModelContext.Format(layer.Rate), ModelContext.Format(1 / (1 - layer.Rate)));
            }
        }
    }

    public static void BatchNormWithBatchOne(ModelContext model)
    {
        if (model.Spec.MaxBatch != 1)
        {
            return;
        }

        for (int i = 0; i < model.Layers.Count; i++)
        {
            if (model.Layers[i].Kind == LayerKind.BatchNorm)
            {
                model.Report(RiskDescriptors.BatchNormWithBatchOne, model.ModelArgument("MaxBatch"), model.Layers[i].Name);
                return;
            }
        }
    }

    public static void BatchOneWithSgd(ModelContext model)
    {
        if (model.Spec.MaxBatch == 1 && model.Spec.Optimizer.Kind == OptimizerKind.Sgd)
        {
            var fix = FixPlan.Create("Use Adam", FixPlan.SetArgument("optimizer", 0, ModelContext.EnumMember("Optimizer", "Adam")));
            model.Report(RiskDescriptors.BatchOneWithSgd, model.OptimizerArgument(string.Empty), fix);
        }
    }
}
