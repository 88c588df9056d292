using System.Linq;
using static Generated.SourceGeneration.IndentedWriter;
using static Generated.SourceGeneration.Spans;

namespace Generated.SourceGeneration;

/// <summary>
/// The training entry points: <c>TrainStep</c> (gradients, then one optimizer sweep over the arena),
/// <c>ComputeGradients</c> and <c>ComputeLoss</c> with the fused loss and the dense layers' weight penalties.
/// </summary>
internal static class TrainingEmitter
{
    public static void Emit(IndentedWriter w, ModelPlan plan, string target)
    {
        string targets = "global::System.ReadOnlySpan<" + target + ">";
        string output = Output(plan, plan.Layers.Count - 1, "inputs");

        LossEmitter.EmitClassWeights(w, plan);
        w.Line("/// <inheritdoc />");
        w.Line(Spans.HotPath);
        w.Open("public float TrainStep(" + ReadOnlySpan + " inputs, " + targets + " targets)");
        w.Line("float loss = ComputeGradients(inputs, targets);");
        w.Line("_step++;");
        EmitOptimizer(w, plan);
        EmitConstraints(w, plan);
        w.Line("return loss;");
        w.Close();
        w.Line();

        w.Line("/// <inheritdoc />");
        w.Open("public float ComputeGradients(" + ReadOnlySpan + " inputs, " + targets + " targets)");
        w.Line("int batch = CheckBatch(inputs, targets);");
        w.Line("RunForward(inputs, batch, Mode == global::Generated.ModelMode.Train);");
        w.Line("float loss = " + LossEmitter.Call(plan, output, "_gradient0.Slice(0, batch * OutputFeatures)") + ";");
        w.Line("RunBackward(inputs, batch);");
        EmitPenalties(w, plan, withGradient: true);
        w.Line("return loss;");
        w.Close();
        w.Line();

        w.Line("/// <inheritdoc />");
        w.Open("public float ComputeLoss(" + ReadOnlySpan + " inputs, " + targets + " targets)");
        w.Line("int batch = CheckBatch(inputs, targets);");
        w.Line("RunForward(inputs, batch, Mode == global::Generated.ModelMode.Train);");
        w.Line("float loss = " + LossEmitter.Call(plan, output, Span + ".Empty") + ";");
        EmitPenalties(w, plan, withGradient: false);
        w.Line("return loss;");
        w.Close();
        w.Line();

        w.Open("private int CheckBatch(" + ReadOnlySpan + " inputs, " + targets + " targets)");
        w.Line("int batch = global::Generated.Kernels.Checks.SampleCount(inputs.Length, InputFeatures, MaxBatch, nameof(inputs));");
        w.Line("global::Generated.Kernels.Checks.Length(targets.Length, batch * TargetSize, nameof(targets), " +
            String(target == "int" ? "one class label per sample" : "OutputFeatures targets per sample") + ");");
        w.Line("return batch;");
        w.Close();
        w.Line();
    }

    private static void EmitOptimizer(IndentedWriter w, ModelPlan plan)
    {
        string parameters = "_arena.Slice(0, TrainableParameters)";
        string gradients = "_arena.Slice(GradientOffset, TrainableParameters)";
        OptimizerSpec o = plan.Optimizer;
        if (o.Kind == OptimizerKind.Adam)
        {
            w.Line("_engine.Adam(" + parameters + ", " + gradients + ", _arena.Slice(StateOffset, TrainableParameters), " +
                "_arena.Slice(StateOffset + ParameterStride, TrainableParameters), (float)LearningRate, " +
                Float(o.Beta1) + ", " + Float(o.Beta2) + ", " + Float(o.Epsilon) + ", _step);");
        }
        else
        {
            string velocity = plan.OptimizerStateRegions > 0 ? "_arena.Slice(StateOffset, TrainableParameters)" : Span + ".Empty";
            w.Line("_engine.Sgd(" + parameters + ", " + gradients + ", " + velocity + ", (float)LearningRate, " + Float(o.Momentum) + ", " + (o.Nesterov ? "true" : "false") + ");");
        }
    }

    /// <summary>
    /// Max-norm (Keras semantics): after the update, each unit's incoming weight vector longer than the limit is scaled
    /// back to it. Only layers that declare the constraint get code.
    /// </summary>
    private static void EmitConstraints(IndentedWriter w, ModelPlan plan)
    {
        foreach (LayerPlan layer in plan.Layers.Where(l => l.Kind is LayerKind.Dense or LayerKind.Conv2D && l.MaxNorm > 0))
        {
            w.Line(Kernels + ".Constraints.MaxNorm(" + Weight(layer, "0") + ", " + Int(layer.Features) + ", " + Float(layer.MaxNorm) + "); // " + layer.Name);
        }
    }

    /// <summary>
    /// L1/L2 on dense and convolution weights (not biases): the penalty joins the reported loss, and with gradients its derivative is
    /// added to dW after the backward pass wrote it. Layers without a penalty get no code at all.
    /// </summary>
    private static void EmitPenalties(IndentedWriter w, ModelPlan plan, bool withGradient)
    {
        foreach (LayerPlan layer in plan.Layers.Where(l => l.Kind is LayerKind.Dense or LayerKind.Conv2D && (l.L1 > 0 || l.L2 > 0)))
        {
            string strengths = Float(layer.L1) + ", " + Float(layer.L2);
            w.Line("loss += " + Kernels + ".Regularization." + (withGradient
                ? "AddGradient(" + Weight(layer, "0") + ", " + Weight(layer, "GradientOffset") + ", " + strengths + ");"
                : "Penalty(" + Weight(layer, "0") + ", " + strengths + ");") + " // " + layer.Name);
        }
    }
}
