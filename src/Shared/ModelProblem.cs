using Microsoft.CodeAnalysis;

namespace Generated.SourceGeneration;

/// <summary>
/// Something wrong with a model declaration, found while parsing. Only the analyzer turns these into
/// diagnostics; the generator just learns that the model is invalid.
/// </summary>
internal sealed class ModelProblem
{
    public ModelProblem(string id, Location location, params object[] messageArguments)
    {
        Id = id;
        Location = location;
        MessageArguments = messageArguments;
    }

    public string Id { get; }

    public Location Location { get; }

    public object[] MessageArguments { get; }
}

/// <summary>Diagnostic ids; the descriptors (titles, messages, help links) live in the analyzer project.</summary>
internal static class DiagnosticIds
{
    public const string InvalidInputShape = "GEN001";
    public const string InvalidUnits = "GEN002";
    public const string UnknownActivation = "GEN003";
    public const string InvalidDropoutRate = "GEN004";
    public const string LayerMemberNotPartialProperty = "GEN005";
    public const string NoLayers = "GEN006";
    public const string UnsupportedModelClass = "GEN007";
    public const string MissingLoss = "GEN008";
    public const string InvalidOptimizerArgument = "GEN009";
    public const string LossIncompatibleWithOutput = "GEN010";
    public const string InvalidMaxBatch = "GEN011";
    public const string UnknownEnumValue = "GEN012";
    public const string DenseNeedsVectorInput = "GEN013";
    public const string MultipleLayerAttributes = "GEN014";
    public const string InvalidLayerArgument = "GEN015";
    public const string ConstructorConflict = "GEN016";
    public const string ReservedMemberName = "GEN017";
    public const string ModelTooLarge = "GEN018";
    public const string ClassCountMismatch = "GEN019";
    public const string ReshapeElementCount = "GEN020";
    public const string InvalidRegularization = "GEN021";
    public const string SoftmaxOnSingleUnit = "GEN022";
    public const string WindowDoesNotFit = "GEN023";
    public const string GroupsDoNotDivide = "GEN024";
    public const string NeedsImageInput = "GEN025";
    public const string ClassWeightCount = "GEN026";
    public const string InvalidLossArgument = "GEN027";
    public const string InvalidMaxNorm = "GEN028";
    public const string InvalidInitScale = "GEN029";
    public const string UnknownLayerReference = "GEN030";
    public const string InvalidMerge = "GEN031";
    public const string UnusedLayerOutput = "GEN032";
    public const string EmbeddingNeedsModelInput = "GEN033";
}
