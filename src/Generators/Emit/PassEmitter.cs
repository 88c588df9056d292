using System.Linq;
using static Generated.SourceGeneration.IndentedWriter;
using static Generated.SourceGeneration.Spans;

namespace Generated.SourceGeneration;

/// <summary>
/// The forward pass (layers in order, each writing its own buffer or, for a view, nothing), the backward pass (layers
/// in reverse through the two gradient buffers) and the per-layer output accessors both read.
/// </summary>
internal static class PassEmitter
{
    private const string Activation = "global::Generated.Activation.";

    public static void EmitForward(IndentedWriter w, ModelPlan plan)
    {
        w.Line("/// <summary>All layers in order for one batch; every layer's output stays in its buffer for the backward pass.</summary>");
        w.Line(Spans.HotPath);
        w.Open("private void RunForward(" + ReadOnlySpan + " input, int batch, bool training)");
        if (plan.Layers.Any(l => l.Kind == LayerKind.BatchNorm && l.Positions == 1))
        {
            // Refused before the first layer runs, so a refused batch changes no running statistic.
            w.Open("if (training)");
            w.Line(Kernels + ".Checks.BatchStatisticsSamples(batch, \"inputs\");");
            w.Close();
        }

        w.Line("_lastForwardTrained = training;");
        foreach (LayerPlan layer in plan.Layers)
        {
            string previous = Output(plan, layer.InputLayers[0], "input");
            w.Line("// " + layer.Name + ": " + layer.Kind + " " + Int(layer.Inputs) + " -> " + Int(layer.Outputs) +
                (!layer.IsView ? string.Empty
                    : layer.Source >= 0 && plan.Layers[layer.Source].FusesRelu ? ", applied in " + SourceName(plan, layer) + "'s normalising sweep"
                    : " [" + string.Join(", ", layer.Shape.Select(d => Int(d))) + "], a view of " + SourceName(plan, layer) + ": nothing to compute"));
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    EmitDenseForward(w, plan, layer, previous);
                    break;
                case LayerKind.Dropout when DrawnByDense(plan, layer):
                    w.Line("// drawn in " + plan.Layers[layer.InputLayers[0]].Name + "'s epilogue");
                    break;
                case LayerKind.Dropout:
                    EmitDropoutForward(w, plan, layer, previous);
                    break;
                case LayerKind.BatchNorm:
                    w.Line(BatchNormCall(layer, "Forward") + previous + ", " + Weight(layer, "0") + ", " + Bias(layer, "0") + ", " + OwnOutput(layer) + ", " +
                        Buffer(plan, layer, 0) + ", " + Buffer(plan, layer, 1) + ", " + Buffer(plan, layer, 2) + ", " + Work(plan, layer) +
                        ", batch, " + Int(layer.Features) + PositionsArgument(layer) + ", " + Float(layer.Momentum) + ", " + Float(layer.Epsilon) + ", training" +
                        (layer.FusesRelu ? ", relu: true" : string.Empty) + ");");
                    break;
                case LayerKind.Conv2D or LayerKind.MaxPool2D or LayerKind.AvgPool2D or LayerKind.GlobalAveragePool:
                    ImageEmitter.EmitForward(w, layer, previous);
                    break;
                case LayerKind.Activation when !layer.IsView:
                    w.Line("_engine.ActivationForward(" + previous + ", " + OwnOutput(layer) + ", " + Int(layer.Outputs) + ", " +
                        Activation + layer.Activation + ", " + Float(layer.LeakySlope) + ");");
                    break;
                case LayerKind.Add or LayerKind.Concat:
                    GraphEmitter.EmitForward(w, plan, layer);
                    break;
                case LayerKind.LayerNorm:
                    w.Line(Kernels + ".LayerNorm.Forward(" + previous + ", " + Weight(layer, "0") + ", " + Bias(layer, "0") + ", " + OwnOutput(layer) + ", " +
                        LayerNormWork(layer) + ", batch, " + Int(layer.Features) + ", " + Float(layer.Epsilon) + ");");
                    break;
                case LayerKind.Embedding:
                    w.Line(Kernels + ".Embedding.Forward(" + previous + ", " + Weight(layer, "0") + ", " + OwnOutput(layer) + ", batch, " +
                        Int(layer.Inputs) + ", " + Int(layer.Vocabulary) + ", " + Int(layer.Features) + ");");
                    break;
            }
        }

        w.Close();
        w.Line();
    }

    /// <summary>A dense layer; in training, a dropout it feeds alone is drawn in the same call (<see cref="LayerPlan.FusedDropout"/>).</summary>
    private static void EmitDenseForward(IndentedWriter w, ModelPlan plan, LayerPlan layer, string previous)
    {
        string operands = previous + ", " + Weight(layer, "0") + ", " + Bias(layer, "0") + ", " + OwnOutput(layer) +
            ", batch, " + Int(layer.Inputs) + ", " + Int(layer.Outputs) + ", " + Activation + layer.Activation + ", " + Float(layer.LeakySlope);
        string preActivation = layer.KeepsPreActivation ? ", " + PreActivation(layer) : string.Empty;
        if (layer.FusedDropout < 0)
        {
            w.Line("_engine.DenseForward(" + operands + preActivation + ");");
            return;
        }

        LayerPlan dropout = plan.Layers[layer.FusedDropout];
        w.Open("if (training)");
        w.Line("_engine.DenseForwardWithDropout(" + operands + ", " + Mask(dropout) + ", " + OwnOutput(dropout) + ", " + Float(dropout.Rate) + preActivation + ");");
        w.Close();
        w.Open("else");
        w.Line("_engine.DenseForward(" + operands + preActivation + ");");
        w.Close();
    }

    private static void EmitDropoutForward(IndentedWriter w, ModelPlan plan, LayerPlan layer, string previous)
    {
        // Dropout is the identity in eval mode: its accessor then returns the input buffer, no copy.
        w.Open("if (training)");
        w.Line(layer.Spatial
            ? "_engine.SpatialDropoutForward(" + previous + ", " + Mask(layer) + ", " + OwnOutput(layer) + ", " + Float(layer.Rate) + ", " + Int(layer.Positions) + ");"
            : "_engine.DropoutForward(" + previous + ", " + Mask(layer) + ", " + OwnOutput(layer) + ", " + Float(layer.Rate) + ");");
        w.Close();
        if (InputSource(plan, layer) < 0)
        {
            // Dropout of the model input has no buffer of ours to alias in eval mode: copy the input once.
            w.Open("else");
            w.Line(previous + ".CopyTo(" + OwnOutput(layer) + ");");
            w.Close();
        }
    }

    public static void EmitBackward(IndentedWriter w, ModelPlan plan)
    {
        w.Line("/// <summary>Layers in reverse; on entry _gradient0 holds dL/d(model output) from the loss.</summary>");
        w.Line(Spans.HotPath);
        w.Open("private void RunBackward(" + ReadOnlySpan + " input, int batch)");
        for (int i = plan.Layers.Count - 1; i >= 0; i--)
        {
            LayerPlan layer = plan.Layers[i];
            if (!layer.HasBackward)
            {
                continue;
            }

            string x = Output(plan, layer.InputLayers[0], "input");
            string gradient = Gradient(layer.GradientBuffer, layer.Outputs);
            GradientRoute route = layer.InputGradients.Count > 0 ? layer.InputGradients[0] : GradientRoute.None;
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    string gradInput = InputGradient(route, layer.Inputs);
                    string activation = layer.DerivativeInLoss ? "Linear" : layer.Activation.ToString();
                    w.Line("// " + layer.Name + (layer.DerivativeInLoss ? " (" + FoldedDerivative(layer) + ")" : string.Empty));
                    w.Line("_engine.DenseBackward(" + x + ", " + Weight(layer, "0") + ", " + OutputAccessor(i) + "(batch), " + gradient + ", " +
                        Weight(layer, "GradientOffset") + ", " + Bias(layer, "GradientOffset") + ", " + gradInput + ", batch, " +
                        Int(layer.Inputs) + ", " + Int(layer.Outputs) + ", " + Activation + activation + ", " + Float(layer.LeakySlope) +
                        (layer.KeepsPreActivation && !layer.DerivativeInLoss ? ", " + PreActivation(layer) : string.Empty) +
                        (layer.FusedDropout >= 0 ? ", dropoutMask: _lastForwardTrained ? " + Mask(plan.Layers[layer.FusedDropout]) + " : default" : string.Empty) + ");");
                    break;
                case LayerKind.BatchNorm:
                    w.Line("// " + layer.Name + ": " + (layer.FusesRelu ? "the fused ReLU's mask, " : string.Empty) + "dgamma, dbeta" +
                        (layer.NeedsInputGradient ? ", then dL/dx in place" : string.Empty));
                    w.Line(BatchNormCall(layer, "Backward") + x + ", " + Weight(layer, "0") + ", " + gradient + ", " + Weight(layer, "GradientOffset") + ", " +
                        Bias(layer, "GradientOffset") + ", " + Work(plan, layer) + ", batch, " + Int(layer.Features) + PositionsArgument(layer) + ", _lastForwardTrained, " +
                        (layer.NeedsInputGradient ? "true" : "false") + (layer.FusesRelu ? ", relu: true" : string.Empty) + ");");
                    break;
                case LayerKind.Conv2D:
                    ImageEmitter.EmitConvolutionBackward(w, layer, x, gradient, route);
                    break;
                case LayerKind.MaxPool2D or LayerKind.AvgPool2D or LayerKind.GlobalAveragePool when layer.NeedsInputGradient:
                    ImageEmitter.EmitPoolingBackward(w, layer, gradient, route);
                    break;
                case LayerKind.Add or LayerKind.Concat:
                    GraphEmitter.EmitBackward(w, plan, layer);
                    break;
                case LayerKind.LayerNorm:
                    w.Line("// " + layer.Name + ": dgamma, dbeta" + (layer.NeedsInputGradient ? ", then dL/dx in place" : string.Empty));
                    w.Line(Kernels + ".LayerNorm.Backward(" + x + ", " + Weight(layer, "0") + ", " + gradient + ", " + Weight(layer, "GradientOffset") + ", " +
                        Bias(layer, "GradientOffset") + ", " + LayerNormWork(layer) + ", batch, " + Int(layer.Features) + ", " +
                        (layer.NeedsInputGradient ? "true" : "false") + ");");
                    break;
                case LayerKind.Embedding:
                    w.Line("// " + layer.Name + ": scatter-add dL/dy into the rows of the ids it looked up");
                    w.Line(Kernels + ".Embedding.Backward(" + x + ", " + gradient + ", " + Weight(layer, "GradientOffset") + ", batch, " +
                        Int(layer.Inputs) + ", " + Int(layer.Vocabulary) + ", " + Int(layer.Features) + ");");
                    break;
                case LayerKind.Dropout when layer.NeedsInputGradient && DrawnByDense(plan, layer):
                    w.Line("// " + layer.Name + ": the mask is applied in " + plan.Layers[layer.InputLayers[0]].Name + "'s gradient sweep");
                    break;
                case LayerKind.Dropout when layer.NeedsInputGradient:
                    w.Line("// " + layer.Name + ": dropout backward in place");
                    w.Open("if (_lastForwardTrained)");
                    w.Line("_engine.DropoutBackward(" + gradient + ", " + Mask(layer) + ");");
                    w.Close();
                    break;
                case LayerKind.Activation when layer.NeedsInputGradient && !layer.IsView:
                    if (layer.DerivativeInLoss)
                    {
                        w.Line("// " + layer.Name + ": " + FoldedDerivative(layer));
                        break;
                    }

                    // GELU and Swish need the layer's input (the previous output, still in its buffer); the others only y.
                    w.Line("// " + layer.Name + ": activation derivative in place");
                    w.Line("_engine.ActivationBackward(" + gradient + ", " + (ActivationFacts.NeedsInput(layer.Activation) ? x : "default") + ", " +
                        OwnOutput(layer) + ", " + Int(layer.Outputs) + ", " + Activation + layer.Activation + ", " + Float(layer.LeakySlope) + ");");
                    break;
            }

            if (!layer.IsMerge)
            {
                GraphEmitter.EmitAccumulate(w, route, layer.Inputs);
            }
        }

        w.Close();
        w.Line();
    }

    /// <summary>
    /// One accessor per layer with a buffer behind it. A view returns its source's data (row-major memory does not
    /// change with the shape); a view of the model input has no buffer of ours, so the passes read the input directly.
    /// </summary>
    public static void EmitOutputAccessors(IndentedWriter w, ModelPlan plan)
    {
        foreach (LayerPlan layer in plan.Layers)
        {
            string signature = "private " + Span + " " + OutputAccessor(layer.Index) + "(int batch) => ";
            if (layer.IsView)
            {
                w.Line(layer.Source >= 0
                    ? signature + OutputAccessor(layer.Source) + "(batch);"
                    : "// " + OutputAccessor(layer.Index) + ": " + layer.Name + " is a view of the model input; the passes read the input span directly.");
            }
            else if (layer.Kind == LayerKind.Dropout && InputSource(plan, layer) >= 0)
            {
                // In eval mode dropout is the identity, so its output is its input's buffer.
                w.Line(signature + "_lastForwardTrained ? " + OwnOutput(layer) + " : " + OutputAccessor(InputSource(plan, layer)) + "(batch);");
            }
            else
            {
                w.Line(signature + OwnOutput(layer) + ";");
            }
        }
    }

    /// <summary>Per-channel batch norm runs on the engine, its channels split over the workers; per-feature batch norm is one static call.</summary>
    private static string BatchNormCall(LayerPlan layer, string pass) =>
        layer.Positions > 1 ? "_engine.BatchNorm" + pass + "(" : Kernels + ".BatchNorm." + pass + "(";

    /// <summary>Per-channel batch norm (BatchNorm2d) passes its positions per channel; the per-feature call stays as it was.</summary>
    private static string PositionsArgument(LayerPlan layer) => layer.Positions > 1 ? ", " + Int(layer.Positions) : string.Empty;

    private static string FoldedDerivative(LayerPlan layer) =>
        SummaryBuilder.ActivationName(layer.Activation) + " derivative already folded into the loss gradient";

    /// <summary>The layer whose buffer holds this layer's input, or -1 for the model input.</summary>
    private static int InputSource(ModelPlan plan, LayerPlan layer) => layer.InputLayers[0] < 0 ? -1 : plan.Layers[layer.InputLayers[0]].Source;

    /// <summary>A dropout whose dense input draws it (<see cref="LayerPlan.FusedDropout"/>).</summary>
    private static bool DrawnByDense(ModelPlan plan, LayerPlan layer) =>
        layer.InputLayers[0] >= 0 && plan.Layers[layer.InputLayers[0]].FusedDropout == layer.Index;

    private static string SourceName(ModelPlan plan, LayerPlan layer) => layer.Source < 0 ? "the input" : plan.Layers[layer.Source].Name;
}
