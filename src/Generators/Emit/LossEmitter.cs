using System.Linq;
using static Generated.SourceGeneration.IndentedWriter;
using static Generated.SourceGeneration.Spans;

namespace Generated.SourceGeneration;

/// <summary>The call to the model's loss kernel, with its options as literals, and the class weights it reads.</summary>
internal static class LossEmitter
{
    private const string ClassWeightsField = "_classWeights";

    /// <summary>Whether the model's targets are class labels (<c>int</c>) rather than floats.</summary>
    public static bool HasLabels(LossKind loss) => loss is LossKind.SoftmaxCrossEntropy or LossKind.SparseCategoricalCrossEntropy;

    /// <summary>The declared class weights as a static array, created once with the type: a step reads it, never allocates.</summary>
    public static void EmitClassWeights(IndentedWriter w, ModelPlan plan)
    {
        if (plan.LossOptions.ClassWeights.Count == 0)
        {
            return;
        }

        w.Line("/// <summary>The loss's class weights, as declared.</summary>");
        w.Line("private static readonly float[] " + ClassWeightsField + " = new float[] { " + string.Join(", ", plan.LossOptions.ClassWeights.Select(weight => Float(weight))) + " };");
        w.Line();
    }

    /// <summary>The loss of the current batch; <paramref name="gradient"/> receives dL/d(output), or is empty for the value alone.</summary>
    public static string Call(ModelPlan plan, string output, string gradient)
    {
        // The planner folds a sigmoid (binary cross-entropy) or softmax (categorical losses) output into the loss.
        string folded = "gradientIsForLogits: " + (plan.Layers.Any(l => l.DerivativeInLoss) ? "true" : "false");
        string weights = plan.LossOptions.ClassWeights.Count > 0 ? ", " + ClassWeightsField : string.Empty;
        string positive = plan.LossOptions.PositiveWeight != 1.0 ? ", positiveWeight: " + Float(plan.LossOptions.PositiveWeight) : string.Empty;
        string losses = Kernels + ".Losses.";
        return plan.Loss switch
        {
            LossKind.SoftmaxCrossEntropy => losses + "SoftmaxCrossEntropy(" + output + ", targets, " + gradient + ", batch, OutputFeatures" + weights + ")",
            LossKind.CategoricalCrossEntropy => losses + "CategoricalCrossEntropy(" + output + ", targets, " + gradient + ", batch, OutputFeatures, " + folded + weights + ")",
            LossKind.SparseCategoricalCrossEntropy => losses + "SparseCategoricalCrossEntropy(" + output + ", targets, " + gradient + ", batch, OutputFeatures, " + folded + weights + ")",
            LossKind.BinaryCrossEntropy => losses + "BinaryCrossEntropy(" + output + ", targets, " + gradient + ", " + folded + positive + ")",
            LossKind.BinaryCrossEntropyWithLogits => losses + "BinaryCrossEntropyWithLogits(" + output + ", targets, " + gradient + positive + ")",
            LossKind.MeanAbsoluteError => losses + "MeanAbsoluteError(" + output + ", targets, " + gradient + ")",
            LossKind.Huber => losses + "Huber(" + output + ", targets, " + gradient + ", " + Float(plan.LossOptions.Delta) + ")",
            _ => losses + "MeanSquaredError(" + output + ", targets, " + gradient + ")",
        };
    }
}
