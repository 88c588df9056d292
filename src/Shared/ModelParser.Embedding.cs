using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Generated.SourceGeneration;

/// <summary>The embedding attribute. Where it may sit (on the model input) is checked by <see cref="ShapeInference"/>.</summary>
internal static partial class ModelParser
{
    private static LayerSpec ParseEmbedding(string name, string modifiers, AttributeData attribute, List<ModelProblem> problems)
    {
        int vocabulary = PositiveArgument(attribute, 0, "vocabulary", name, problems);
        int dimension = PositiveArgument(attribute, 1, "dimension", name, problems);
        double scale = NamedDouble(attribute, "InitScale", 1.0);
        if (!(scale > 0 && scale <= float.MaxValue))
        {
            problems.Add(new ModelProblem(DiagnosticIds.InvalidInitScale, ArgumentLocation(attribute, "InitScale"), name, Format(scale),
                "must be a positive, finite float: it is the standard deviation of the embedding rows' normal initialisation"));
        }

        return Layer(name, modifiers, LayerKind.Embedding) with { Units = dimension, Vocabulary = vocabulary, Init = InitKind.Normal, InitScale = scale };
    }
}
