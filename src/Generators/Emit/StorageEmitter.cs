using System.Collections.Generic;
using System.Linq;
using static Generated.SourceGeneration.IndentedWriter;
using static Generated.SourceGeneration.Spans;

namespace Generated.SourceGeneration;

/// <summary>
/// Everything a model owns and how it starts: the arena layout constants, the activation, mask and gradient
/// buffers (all allocated once, pinned), the named parameter, gradient and buffer views, and initialisation.
/// </summary>
internal static class StorageEmitter
{
    public static void EmitConstantsAndFields(IndentedWriter w, ModelPlan plan)
    {
        int p = plan.ParameterCount;
        w.Line("/// <summary>Floats per input sample.</summary>");
        w.Line("public const int InputFeatures = " + Int(plan.InputSize) + ";");
        w.Line("/// <summary>Floats per output sample.</summary>");
        w.Line("public const int OutputFeatures = " + Int(plan.OutputSize) + ";");
        w.Line("/// <summary>Trainable scalars.</summary>");
        w.Line("public const int TrainableParameters = " + Int(p) + ";");
        w.Line();
        string layout = "// Arena: [0, " + Int(p) + ") parameters | [" + Int(plan.GradientStart) + ", " + Int(plan.GradientStart + p) + ") gradients";
        if (plan.OptimizerStateRegions > 0)
        {
            layout += " | [" + Int(plan.StateStart) + ", " + Int(plan.BufferStart) + ") optimizer state";
        }

        if (plan.BufferCount + plan.WorkCount > 0)
        {
            // Buffers are saved but never trained; work holds per-step statistics. Neither is swept by the optimizer.
            layout += " | [" + Int(plan.BufferStart) + ", " + Int(plan.BufferStart + plan.BufferCount) + ") buffers | [" + Int(plan.WorkStart) + ", " +
                Int(plan.ArenaLength) + ") work";
        }

        w.Line(layout + ".");
        w.Line("// Each region starts on a 64-byte line: the parameters are padded to whole lines, ParameterStride floats.");
        w.Line("private const int ParameterStride = " + Int(plan.ParameterStride) + ";");
        w.Line("private const int GradientOffset = " + Int(plan.GradientStart) + ";");
        w.Line("private const int StateOffset = " + Int(plan.StateStart) + ";");
        w.Line("private const int ArenaLength = " + Int(plan.ArenaLength) + ";");
        w.Line();
        w.Line("private readonly " + Engine + " _engine;");
        w.Line("private readonly " + AlignedBuffer + " _arena;");
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.IsView)
            {
                continue;
            }

            w.Line("private readonly " + AlignedBuffer + " " + OutputField(layer) + "; // [MaxBatch, " + Int(layer.Outputs) + "]");
            if (layer.KeepsPreActivation)
            {
                w.Line("private readonly " + AlignedBuffer + " " + PreActivationField(layer) + "; // x·Wᵀ + b: the " + layer.Activation + " derivative needs it");
            }

            if (layer.Kind == LayerKind.Dropout)
            {
                w.Line("private readonly " + AlignedBuffer + " " + MaskField(layer) + ";");
            }
            else if (layer.Kind == LayerKind.LayerNorm)
            {
                w.Line("private readonly " + AlignedBuffer + " " + StatisticsField(layer) + "; // [MaxBatch, 2]: each sample's mean and inverse std");
            }
            else if (layer.Kind == LayerKind.MaxPool2D)
            {
                w.Line("private readonly int[] " + MaskField(layer) + "; // argmax of every output, for the backward pass");
            }
        }

        w.Line("private readonly " + AlignedBuffer + " _gradient0; // dL/d(activation), [MaxBatch, " + Int(plan.MaxWidth) + "] each, reused along the backward pass");
        for (int k = 1; k < plan.GradientBufferCount; k++)
        {
            w.Line("private readonly " + AlignedBuffer + " _gradient" + Int(k) + ";");
        }

        w.Line("private readonly global::Generated.ParameterTensor[] _parameters;");
        w.Line("private readonly global::Generated.ParameterTensor[] _gradients;");
        if (plan.BufferCount > 0)
        {
            w.Line("private readonly global::Generated.ParameterTensor[] _buffers;");
        }

        w.Line("private readonly global::Generated.Layer[] _layers;");
        w.Line("private int _step;");
        w.Line("private bool _lastForwardTrained;");
        w.Line();
    }

    public static void EmitConstructor(IndentedWriter w, ModelPlan plan)
    {
        w.Line("/// <summary>Creates the model with its declared seed, batch limit and hyperparameters.</summary>");
        if (!plan.HasUserParameterlessConstructor)
        {
            w.Line("public " + plan.ClassName + "() : this(null) { }");
            w.Line();
        }

        w.Line("/// <summary>Creates the model; <paramref name=\"options\"/> overrides the declared seed, batch limit, threads or learning rate.</summary>");
        w.Open("public " + plan.ClassName + "(global::Generated.ModelOptions? options)");
        w.Line("long seed = options?.Seed ?? " + Int(plan.Seed) + "L;");
        w.Line("int maxBatch = options?.MaxBatch ?? " + Int(plan.MaxBatch) + ";");
        w.Open("if (maxBatch <= 0)");
        w.Line("throw new global::System.ArgumentOutOfRangeException(nameof(options), maxBatch, \"MaxBatch must be positive.\");");
        w.Close();
        w.Line("MaxBatch = maxBatch;");
        w.Line("LearningRate = options?.LearningRate ?? " + Double(plan.Optimizer.LearningRate) + ";");
        w.Line("_engine = new " + Engine + "(options?.Threads ?? 0, seed);");
        w.Line("_engine.ReserveScratch(" + Int(plan.ScratchPerSample) + "L * maxBatch);");
        w.Line("_arena = new " + AlignedBuffer + "(ArenaLength);");
        foreach (LayerPlan layer in plan.Layers.Where(l => !l.IsView))
        {
            w.Line(OutputField(layer) + " = new " + AlignedBuffer + "(" + Int(layer.Outputs) + "L * maxBatch);");
            if (layer.KeepsPreActivation)
            {
                w.Line(PreActivationField(layer) + " = new " + AlignedBuffer + "(" + Int(layer.Outputs) + "L * maxBatch);");
            }

            if (layer.Kind == LayerKind.Dropout)
            {
                w.Line(MaskField(layer) + " = new " + AlignedBuffer + "(" + Int(layer.Outputs) + "L * maxBatch);");
            }
            else if (layer.Kind == LayerKind.MaxPool2D)
            {
                w.Line(MaskField(layer) + " = " + Engine + ".AllocateIndices(" + Int(layer.Outputs) + "L * maxBatch);");
            }
            else if (layer.Kind == LayerKind.LayerNorm)
            {
                w.Line(StatisticsField(layer) + " = new " + AlignedBuffer + "(2L * maxBatch);");
            }
            else if (layer.Kind == LayerKind.Conv2D)
            {
                w.Line("_engine.ReserveConvolution(" + Window(layer) + ", " + Int(layer.Features) + ", " + Int(layer.Groups) + ");");
            }
        }

        for (int k = 0; k < plan.GradientBufferCount; k++)
        {
            w.Line("_gradient" + Int(k) + " = new " + AlignedBuffer + "(" + Int(plan.MaxWidth) + "L * maxBatch);");
        }

        TensorArray(w, "_parameters", ParameterTensors(plan, "0"));
        TensorArray(w, "_gradients", ParameterTensors(plan, "GradientOffset"));
        if (plan.BufferCount > 0)
        {
            TensorArray(w, "_buffers", BufferTensors(plan));
        }

        EmitLayerDescriptions(w, plan);
        w.Line("InitializeParameters(seed);");
        w.Close();
        w.Line();
        EmitInitialization(w, plan);
    }

    private static void TensorArray(IndentedWriter w, string field, IEnumerable<string> tensors)
    {
        w.Line(field + " = new global::Generated.ParameterTensor[]");
        w.Line("{");
        foreach (string tensor in tensors)
        {
            w.Line("    " + tensor + ",");
        }

        w.Line("};");
    }

    private static void EmitLayerDescriptions(IndentedWriter w, ModelPlan plan)
    {
        w.Line("_layers = new global::Generated.Layer[]");
        w.Line("{");
        int parameterIndex = 0, bufferIndex = 0;
        foreach (LayerPlan layer in plan.Layers)
        {
            string parameters = "global::System.Array.Empty<global::Generated.ParameterTensor>()";
            if (layer.WeightOffset >= 0)
            {
                parameters = layer.BiasOffset >= 0
                    ? "new[] { _parameters[" + Int(parameterIndex) + "], _parameters[" + Int(parameterIndex + 1) + "] }"
                    : "new[] { _parameters[" + Int(parameterIndex) + "] }";
                parameterIndex += layer.BiasOffset >= 0 ? 2 : 1;
            }

            string buffers = string.Empty;
            if (layer.BufferOffset >= 0)
            {
                buffers = ", new[] { _buffers[" + Int(bufferIndex) + "], _buffers[" + Int(bufferIndex + 1) + "], _buffers[" + Int(bufferIndex + 2) + "] }";
                bufferIndex += 3;
            }

            w.Line("    new global::Generated.Layer(" + String(layer.Name) + ", " + String(layer.Kind.ToString()) +
                ", new[] { " + string.Join(", ", layer.Shape.Select(d => Int(d))) + " }, " + parameters + buffers + "),");
        }

        w.Line("};");
    }

    /// <summary>Parameters (or, from <c>GradientOffset</c>, their gradients) in PyTorch names and layouts.</summary>
    private static IEnumerable<string> ParameterTensors(ModelPlan plan, string baseOffset)
    {
        foreach (LayerPlan layer in plan.Layers.Where(l => l.WeightOffset >= 0))
        {
            yield return Tensor(layer.Name + ".weight", WeightShape(layer), baseOffset + " + " + Int(layer.WeightOffset));
            if (layer.BiasOffset >= 0)
            {
                yield return Tensor(layer.Name + ".bias", layer.Kind == LayerKind.LayerNorm ? SampleShape(layer) : Int(layer.Features), baseOffset + " + " + Int(layer.BiasOffset));
            }
        }
    }

    /// <summary>
    /// PyTorch's layouts: a dense weight is [out, in] (torch.nn.Linear), a convolution's [filters, channels / groups, k, k]
    /// (torch.nn.Conv2d), batch normalisation's gamma [features].
    /// </summary>
    private static string WeightShape(LayerPlan layer) => layer.Kind switch
    {
        LayerKind.BatchNorm => Int(layer.Features),
        LayerKind.LayerNorm => SampleShape(layer),
        LayerKind.Embedding => Int(layer.Vocabulary) + ", " + Int(layer.Features),
        LayerKind.Conv2D => Int(layer.Features) + ", " + Int(layer.Window!.Channels / layer.Groups) + ", " + Int(layer.Window.Kernel) + ", " + Int(layer.Window.Kernel),
        _ => Int(layer.Outputs) + ", " + Int(layer.Inputs),
    };

    /// <summary>The per-sample shape, torch.nn.LayerNorm's normalized_shape (its gamma and beta have it).</summary>
    private static string SampleShape(LayerPlan layer) => string.Join(", ", layer.Shape.Select(d => Int(d)));

    /// <summary>Batch normalisation's buffers under PyTorch's state_dict names, so a checkpoint loads into BatchNorm1d.</summary>
    private static IEnumerable<string> BufferTensors(ModelPlan plan)
    {
        long start = plan.BufferStart;
        foreach (LayerPlan layer in plan.Layers.Where(l => l.BufferOffset >= 0))
        {
            long offset = start + layer.BufferOffset;
            yield return Tensor(layer.Name + ".running_mean", Int(layer.Features), Int(offset));
            yield return Tensor(layer.Name + ".running_var", Int(layer.Features), Int(offset + layer.Features));
            // A scalar (shape []), as in PyTorch; stored as a float like everything else in the arena.
            yield return Tensor(layer.Name + ".num_batches_tracked", string.Empty, Int(offset + (2L * layer.Features)));
        }
    }

    private static string Tensor(string name, string shape, string offset) =>
        "new global::Generated.ParameterTensor(" + String(name) + ", " +
        (shape.Length == 0 ? "global::System.Array.Empty<int>()" : "new[] { " + shape + " }") + ", _arena.Storage, _arena.Origin + " + offset + ")";

    private static void EmitInitialization(IndentedWriter w, ModelPlan plan)
    {
        w.Line("/// <summary>Draws every weight from its layer's initialiser (one random stream per layer, so adding a layer leaves the others unchanged); biases start at zero.</summary>");
        w.Open("private void InitializeParameters(long seed)");
        foreach (LayerPlan layer in plan.Layers.Where(l => l.WeightOffset >= 0))
        {
            if (layer.Kind == LayerKind.BatchNorm)
            {
                // PyTorch's start: the identity transform (gamma 1, beta 0) and unit running variance (mean 0).
                w.Line(Weight(layer, "0") + ".Fill(1f);");
                w.Line(Buffer(plan, layer, 1) + ".Fill(1f);");
                continue;
            }

            if (layer.Kind == LayerKind.LayerNorm)
            {
                // PyTorch's start: gamma 1, beta 0.
                w.Line(Weight(layer, "0") + ".Fill(1f);");
                continue;
            }

            // Constant's value, Uniform's limit, Normal's standard deviation or Orthogonal's gain (the planner resolved defaults).
            string constant = layer.Init is InitKind.Constant or InitKind.Uniform or InitKind.Normal or InitKind.Orthogonal
                ? ", " + Float(layer.InitValue) : string.Empty;
            w.Line("var rng" + Int(layer.Index) + " = new global::Generated.Rng(seed, " + Int(layer.Index + 1) + "UL);");
            w.Line(Kernels + ".Initializers.Fill(" + Weight(layer, "0") + ", global::Generated.Init." + layer.Init + ", " +
                Int(layer.FanIn) + ", " + Int(layer.FanOut) + ", ref rng" + Int(layer.Index) + constant + ");");
        }

        w.Close();
        w.Line();
    }
}
