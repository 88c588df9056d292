using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Generated.SourceGeneration;

/// <summary>Every diagnostic the model analyzers report; each links to its entry in docs/diagnostics.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Generated.Model";
    private const string HelpBase = "https://github.com/generated-dotnet/generated/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor InvalidInputShape = Error(DiagnosticIds.InvalidInputShape,
        "Invalid model input shape",
        "The model input shape {0} is invalid: give one or more positive dimensions, e.g. [Model(784)]");

    public static readonly DiagnosticDescriptor InvalidUnits = Error(DiagnosticIds.InvalidUnits,
        "Layer needs a positive number of units",
        "Layer '{0}' has {1} units; a dense layer needs at least one");

    public static readonly DiagnosticDescriptor UnknownActivation = Error(DiagnosticIds.UnknownActivation,
        "Unknown activation",
        "Layer '{0}' uses activation value {1}, which is not a member of Generated.Activation");

    public static readonly DiagnosticDescriptor InvalidDropoutRate = Error(DiagnosticIds.InvalidDropoutRate,
        "Dropout rate outside [0, 1)",
        "Dropout layer '{0}' has rate {1}; the rate is a drop probability and must be in [0, 1)");

    public static readonly DiagnosticDescriptor LayerMemberNotPartialProperty = Error(DiagnosticIds.LayerMemberNotPartialProperty,
        "Layer must be a partial Layer property",
        "'{0}' carries a layer attribute but is not declared as 'partial Layer {0} {{ get; }}'");

    public static readonly DiagnosticDescriptor NoLayers = Error(DiagnosticIds.NoLayers,
        "Model has no layers",
        "Model '{0}' declares no layers: add partial Layer properties with a layer attribute such as [Dense]");

    public static readonly DiagnosticDescriptor UnsupportedModelClass = Error(DiagnosticIds.UnsupportedModelClass,
        "Model class must be a top-level, non-generic, non-static partial class",
        "Model '{0}' must be a top-level, non-generic, non-static partial class so code can be generated for it");

    public static readonly DiagnosticDescriptor MissingLoss = Error(DiagnosticIds.MissingLoss,
        "Model has no loss",
        "Model '{0}' has no [Loss(...)] attribute; the generated training step needs one");

    public static readonly DiagnosticDescriptor InvalidOptimizerArgument = Error(DiagnosticIds.InvalidOptimizerArgument,
        "Invalid optimizer hyperparameter",
        "Optimizer {0} = {1} is outside {2}");

    public static readonly DiagnosticDescriptor LossIncompatibleWithOutput = Error(DiagnosticIds.LossIncompatibleWithOutput,
        "Loss does not fit the output layer",
        "{0} cannot train an output of {1} unit(s): it needs {2}");

    public static readonly DiagnosticDescriptor InvalidMaxBatch = Error(DiagnosticIds.InvalidMaxBatch,
        "MaxBatch must be positive",
        "MaxBatch = {0}: the buffers are planned for this many samples, so it must be at least 1");

    public static readonly DiagnosticDescriptor UnknownEnumValue = Error(DiagnosticIds.UnknownEnumValue,
        "Unknown enum value",
        "{1} is not a member of Generated.{0}");

    public static readonly DiagnosticDescriptor DenseNeedsVectorInput = Error(DiagnosticIds.DenseNeedsVectorInput,
        "Layer needs a flat input (missing Flatten)",
        "{0} layer '{1}' receives shape {2} but works on flat feature vectors; insert a [Flatten] layer before it ({3} features)");

    public static readonly DiagnosticDescriptor MultipleLayerAttributes = Error(DiagnosticIds.MultipleLayerAttributes,
        "One layer attribute per member",
        "'{0}' carries more than one layer attribute; declare one member per layer");

    public static readonly DiagnosticDescriptor InvalidLayerArgument = Error(DiagnosticIds.InvalidLayerArgument,
        "Invalid layer hyperparameter",
        "Layer '{0}': {1} = {2} must be in {3}");

    public static readonly DiagnosticDescriptor ConstructorConflict = Error(DiagnosticIds.ConstructorConflict,
        "Constructor conflicts with the generated one",
        "Model '{0}' declares a constructor taking ModelOptions, which the generator emits; write 'public {0}() : this(new ModelOptions {{ ... }})' instead");

    public static readonly DiagnosticDescriptor ReservedMemberName = Error(DiagnosticIds.ReservedMemberName,
        "Layer name is used by the generated code",
        "Layer name '{0}' is a member the generated model defines; rename the layer");

    public static readonly DiagnosticDescriptor ModelTooLarge = Error(DiagnosticIds.ModelTooLarge,
        "Model too large",
        "Model '{0}' is too large to plan: {1}");

    public static readonly DiagnosticDescriptor ClassCountMismatch = Error(DiagnosticIds.ClassCountMismatch,
        "Output does not match the declared class count",
        "{0}");

    public static readonly DiagnosticDescriptor ReshapeElementCount = Error(DiagnosticIds.ReshapeElementCount,
        "Reshape changes the element count",
        "Reshape '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidRegularization = Error(DiagnosticIds.InvalidRegularization,
        "Invalid regularisation strength",
        "Layer '{0}': {1} = {2} must be in {3}; a negative penalty rewards large weights and training diverges");

    public static readonly DiagnosticDescriptor SoftmaxOnSingleUnit = Error(DiagnosticIds.SoftmaxOnSingleUnit,
        "Softmax over a single unit",
        "'{0}' applies Softmax to a single unit, which always outputs 1 and passes no gradient; use Sigmoid for one probability");

    public static readonly DiagnosticDescriptor WindowDoesNotFit = Error(DiagnosticIds.WindowDoesNotFit,
        "Window larger than its input",
        "'{0}': {1} does not fit the {2} input (shape {3}) without padding, so there is no output position; use a smaller window or dilation, or Padding = Padding.Same");

    public static readonly DiagnosticDescriptor GroupsDoNotDivide = Error(DiagnosticIds.GroupsDoNotDivide,
        "Groups must divide channels and filters",
        "'{0}': Groups = {1} must divide both the {2} input channels and the {3} filters, because each group convolves channels/groups inputs into filters/groups outputs");

    public static readonly DiagnosticDescriptor NeedsImageInput = Error(DiagnosticIds.NeedsImageInput,
        "Layer needs an image input [channels, height, width]",
        "{0} layer '{1}' receives shape {2} but works on images [channels, height, width]; declare the model input as [Model(channels, height, width)] or insert a [Reshape(channels, height, width)] before it");

    public static readonly DiagnosticDescriptor ClassWeightCount = Error(DiagnosticIds.ClassWeightCount,
        "One class weight per output unit",
        "ClassWeights lists {0} weights but {1} has {2} units: the loss weighs each class by the weight at its index, so give exactly one per output unit");

    public static readonly DiagnosticDescriptor InvalidLossArgument = Error(DiagnosticIds.InvalidLossArgument,
        "Invalid loss option",
        "Loss option {0} = {1}: {2}");

    public static readonly DiagnosticDescriptor InvalidMaxNorm = Error(DiagnosticIds.InvalidMaxNorm,
        "Invalid max-norm constraint",
        "Layer '{0}': MaxNorm = {1} is not a norm; give a positive, finite limit for each unit's weight vector (or 0, the default, for no constraint)");

    public static readonly DiagnosticDescriptor InvalidInitScale = Error(DiagnosticIds.InvalidInitScale,
        "Invalid initialiser scale",
        "Layer '{0}': InitScale = {1} {2}");

    public static readonly DiagnosticDescriptor UnknownLayerReference = Error(DiagnosticIds.UnknownLayerReference,
        "Layer input is not an earlier layer",
        "'{0}' reads '{1}', but {2}; name an earlier layer with nameof(...) or the model input with Graph.Input");

    public static readonly DiagnosticDescriptor InvalidMerge = Error(DiagnosticIds.InvalidMerge,
        "Invalid merge",
        "Merge '{0}': {1}");

    public static readonly DiagnosticDescriptor UnusedLayerOutput = Error(DiagnosticIds.UnusedLayerOutput,
        "Layer output is never read",
        "No layer reads the output of '{0}', so it cannot reach the model output '{1}' and would never be trained; feed it to a later layer (From = nameof({0}), or a merge) or remove it");

    public static readonly DiagnosticDescriptor EmbeddingNeedsModelInput = Error(DiagnosticIds.EmbeddingNeedsModelInput,
        "Embedding must read the model input",
        "Embedding '{0}' reads {1}; it looks up integer ids, which only the model input holds: give it a flat input of ids, [Model(tokens)], and read it directly");

    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        InvalidInputShape, InvalidUnits, UnknownActivation, InvalidDropoutRate, LayerMemberNotPartialProperty, NoLayers,
        UnsupportedModelClass, MissingLoss, InvalidOptimizerArgument, LossIncompatibleWithOutput, InvalidMaxBatch,
        UnknownEnumValue, DenseNeedsVectorInput, MultipleLayerAttributes, InvalidLayerArgument, ConstructorConflict,
        ReservedMemberName, ModelTooLarge, ClassCountMismatch, ReshapeElementCount, InvalidRegularization, SoftmaxOnSingleUnit,
        WindowDoesNotFit, GroupsDoNotDivide, NeedsImageInput, ClassWeightCount, InvalidLossArgument, InvalidMaxNorm, InvalidInitScale,
        UnknownLayerReference, InvalidMerge, UnusedLayerOutput, EmbeddingNeedsModelInput);

    public static DiagnosticDescriptor? Find(string id)
    {
        foreach (DiagnosticDescriptor descriptor in All)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        return null;
    }

    /// <summary>The anchor of the rule's entry in docs/diagnostics.md.</summary>
    public static string HelpLink(string id) => HelpBase + id.ToLowerInvariant();

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
}
