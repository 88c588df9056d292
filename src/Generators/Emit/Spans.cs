using System.Linq;
using static Generated.SourceGeneration.IndentedWriter;

namespace Generated.SourceGeneration;

/// <summary>
/// The C# expressions for every region the generated code touches: arena slices, activation buffers and their
/// accessors, gradient buffers. Buffers and accessors are named by layer index, in a namespace of names no layer may
/// take (<see cref="GeneratedMemberNames"/>), so user names can never collide with them.
/// </summary>
internal static class Spans
{
    public const string Engine = "global::Generated.Kernels.KernelEngine";
    public const string Kernels = "global::Generated.Kernels";
    public const string Span = "global::System.Span<float>";
    public const string AlignedBuffer = "global::Generated.Kernels.AlignedBuffer";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";

    /// <summary>
    /// On the passes and the training step: compiled fully optimised on their first call. Left to tiering they would
    /// run unoptimised (calls not inlined) for the first few dozen steps, which costs a short training run a visible
    /// share of its first epoch.
    /// </summary>
    public const string HotPath = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    /// <summary>A slice of the arena; <paramref name="baseOffset"/> is "0" for parameters or "GradientOffset".</summary>
    public static string Arena(string baseOffset, long offset, long length) =>
        "_arena.Slice(" + baseOffset + " + " + Int(offset) + ", " + Int(length) + ")";

    /// <summary>A slice of the arena at an absolute literal offset (buffers and work after the optimizer state).</summary>
    public static string Arena(long offset, long length) =>
        "_arena.Slice(" + Int(offset) + ", " + Int(length) + ")";

    public static string Weight(LayerPlan layer, string baseOffset) => Arena(baseOffset, layer.WeightOffset, layer.WeightLength);

    public static string Bias(LayerPlan layer, string baseOffset) =>
        layer.BiasOffset < 0 ? Span + ".Empty" : Arena(baseOffset, layer.BiasOffset, layer.Features);

    /// <summary>Batch normalisation's saved state: slot 0 running mean, 1 running variance, 2 the batch count (one float).</summary>
    public static string Buffer(ModelPlan plan, LayerPlan layer, int slot) =>
        Arena(plan.BufferStart + layer.BufferOffset + ((long)slot * layer.Features), slot == 2 ? 1 : layer.Features);

    /// <summary>Batch normalisation's work floats (4 × features).</summary>
    public static string Work(ModelPlan plan, LayerPlan layer) =>
        Arena(plan.WorkStart + layer.WorkOffset, 4L * layer.Features);

    /// <summary>Layer normalisation's per-sample mean and inverse std for the current batch (its own buffer, 2 × MaxBatch).</summary>
    public static string LayerNormWork(LayerPlan layer) => StatisticsField(layer) + ".Slice(0, 2 * batch)";

    /// <summary>A layer normalisation's statistics buffer.</summary>
    public static string StatisticsField(LayerPlan layer) => "_statistics" + Int(layer.Index);

    public static string OutputField(LayerPlan layer) => "_output" + Int(layer.Index);

    public static string MaskField(LayerPlan layer) => "_mask" + Int(layer.Index);

    /// <summary>A dense layer's pre-activation buffer (kept for GELU and Swish, see <see cref="LayerPlan.KeepsPreActivation"/>).</summary>
    public static string PreActivationField(LayerPlan layer) => "_preactivation" + Int(layer.Index);

    /// <summary>The pre-activation buffer for the current batch, or an empty span for a layer that keeps none.</summary>
    public static string PreActivation(LayerPlan layer) =>
        layer.KeepsPreActivation ? PreActivationField(layer) + ".Slice(0, batch * " + Int(layer.Outputs) + ")" : Span + ".Empty";

    public static string OutputAccessor(int index) => GeneratedMemberNames.OutputAccessorPrefix + Int(index);

    /// <summary>The layer's own activation buffer for the current batch.</summary>
    public static string OwnOutput(LayerPlan layer) =>
        OutputField(layer) + ".Slice(0, batch * " + Int(layer.Outputs) + ")";

    /// <summary>A layer's own buffer of the same size (dropout masks).</summary>
    public static string Mask(LayerPlan layer) =>
        MaskField(layer) + ".Slice(0, batch * " + Int(layer.Outputs) + ")";

    /// <summary>Max pooling's argmax indices (an int buffer under the mask name), one per output value.</summary>
    public static string Indices(LayerPlan layer) =>
        "new global::System.Span<int>(" + MaskField(layer) + ", 0, batch * " + Int(layer.Outputs) + ")";

    /// <summary>The window of a convolution or pooling layer as a <c>Window2D</c> literal.</summary>
    public static string Window(LayerPlan layer)
    {
        WindowPlan w = layer.Window!;
        return "new " + Kernels + ".Window2D(" + string.Join(", ",
            new[] { w.Channels, w.Height, w.Width, w.Kernel, w.Stride, w.Dilation, w.PadTop, w.PadLeft, w.OutHeight, w.OutWidth }.Select(v => Int(v))) + ")";
    }

    /// <summary>
    /// The output of layer <paramref name="index"/> for the current batch, resolved through views; -1 (or a view of
    /// it) is the model input, which has no buffer of ours: the caller's span, named <paramref name="input"/>.
    /// </summary>
    public static string Output(ModelPlan plan, int index, string input)
    {
        int source = index < 0 ? -1 : plan.Layers[index].Source;
        return source < 0 ? input : OutputAccessor(source) + "(batch)";
    }

    /// <summary>Where a layer writes dL/dx for one input: the route's buffer, or an empty span when no input needs it.</summary>
    public static string InputGradient(GradientRoute route, int width) =>
        route.IsNeeded ? Gradient(route.Buffer, width) : Span + ".Empty";

    /// <summary>dL/d(activation) in gradient buffer <paramref name="buffer"/> (see <see cref="GradientPlanner"/>), <paramref name="width"/> floats per sample.</summary>
    public static string Gradient(int buffer, int width) =>
        "_gradient" + Int(buffer) + ".Slice(0, batch * " + Int(width) + ")";
}
