namespace Generated.Analyzers.Tests;

/// <summary>
/// The graph form (GEN030–GEN033) and the options of its new layers (LayerNorm's epsilon and the embedding's sizes under
/// GEN015, the embedding's InitScale under GEN029). The valid graph model is a residual block on a 64-feature input,
/// Inner (ReLU) → Outer (Linear) → Sum = Outer + input → ReLU, into the default dropout and logits; the valid token model
/// embeds 16 ids, flattens the [16, 8] rows and classifies them.
/// </summary>
internal static partial class DiagnosticCases
{
    private const string GraphModel = "[Model(64, MaxBatch = 32)]";
    private const string Inner = "[Dense(64, Activation.ReLU)] public partial Layer Inner { get; }";
    private const string Outer = "[Dense(64)] public partial Layer Outer { get; }";
    private const string Sum = "[Add(nameof(Outer), Graph.Input)] public partial Layer Sum { get; }";
    private const string SumRelu = "[Activation(Activation.ReLU)] public partial Layer SumRelu { get; }";
    private const string Residual = Inner + Line + Outer + Line + Sum + Line + SumRelu;

    private const string MapModel = "[Model(8, 14, 14, MaxBatch = 32)]";
    private const string SameConv = "[Conv2D(8, 3, Activation.ReLU, Padding = Padding.Same)] public partial Layer Conv { get; }";

    private const string TokenModel = "[Model(16, MaxBatch = 32)]";
    private const string Embed = "[Embedding(100, 8)] public partial Layer Embed { get; }";
    private const string Tokens = Embed + Line + "[Flatten] public partial Layer Rows { get; }";
    private const string TokenHidden = "[Dense(64, Activation.ReLU)] public partial Layer Hidden1 { get; }";

    private static readonly DiagnosticCase[] GraphCases =
    {
        // GEN030 a From or merge input that names no earlier layer
        Case("GEN030", "From names no layer", drop: "[Dropout(0.2, [|From = \"Hiden1\"|])] public partial Layer Drop1 { get; }",
            fixedDrop: "[Dropout(0.2, From = nameof(Hidden1))] public partial Layer Drop1 { get; }"),
        Case("GEN030", "From names the layer itself", drop: "[Dropout(0.2, [|From = nameof(Drop1)|])] public partial Layer Drop1 { get; }",
            fixedDrop: "[Dropout(0.2, From = nameof(Hidden1))] public partial Layer Drop1 { get; }"),
        Case("GEN030", "From names a later layer", hidden: "[Dense(256, Activation.ReLU, [|From = nameof(Logits)|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, From = Graph.Input)] public partial Layer Hidden1 { get; }"),
        ResidualCase("GEN030", "merge input names no layer",
            Inner + Line + Outer + Line + "[Add(nameof(Outer), [|\"Input\"|])] public partial Layer Sum { get; }" + Line + SumRelu),
        ResidualCase("GEN030", "merge reads itself",
            Inner + Line + Outer + Line + "[Add([|nameof(Sum)|], Graph.Input)] public partial Layer Sum { get; }" + Line + SumRelu),
        ResidualCase("GEN030", "merge reads a later layer",
            Inner + Line + Outer + Line + "[Add(nameof(Outer), [|nameof(SumRelu)|])] public partial Layer Sum { get; }" + Line + SumRelu),
        ResidualCase("GEN030", "merge inputs written as one array",
            Inner + Line + Outer + Line + "[Add([|new[] { nameof(Outer), \"input\" }|])] public partial Layer Sum { get; }" + Line + SumRelu,
            Inner + Line + Outer + Line + "[Add(new[] { nameof(Outer), Graph.Input })] public partial Layer Sum { get; }" + Line + SumRelu),

        // GEN031 merges: From does not apply, two or more inputs, shapes that fit
        ResidualCase("GEN031", "From on a merge",
            Inner + Line + Outer + Line + "[Add(nameof(Outer), Graph.Input, [|From = nameof(Inner)|])] public partial Layer Sum { get; }" + Line + SumRelu),
        ResidualCase("GEN031", "add of one input",
            Inner + Line + Outer + Line + "[[|Add(nameof(Outer))|]] public partial Layer Sum { get; }" + Line + SumRelu),
        ResidualCase("GEN031", "add of nothing",
            Inner + Line + Outer + Line + "[[|Add|]] public partial Layer Sum { get; }" + Line + SumRelu),
        ResidualCase("GEN031", "concat of one input",
            Inner + Line + Outer + Line + "[[|Concat(nameof(Outer))|]] public partial Layer Sum { get; }" + Line + SumRelu,
            Inner + Line + Outer + Line + "[Concat(nameof(Outer), Graph.Input)] public partial Layer Sum { get; }" + Line + SumRelu),
        ResidualCase("GEN031", "add of vectors of different lengths",
            Inner + Line + "[Dense(32)] public partial Layer Outer { get; }" + Line + "[Add(nameof(Outer), [|Graph.Input|])] public partial Layer Sum { get; }" + Line + SumRelu),
        ResidualCase("GEN031", "third input of an add does not fit",
            Inner + Line + "[Dense(64, From = nameof(Inner))] public partial Layer Outer { get; }" + Line
                + "[Dense(32, Activation.ReLU, From = Graph.Input)] public partial Layer Narrow { get; }" + Line
                + "[Add(nameof(Outer), Graph.Input, [|nameof(Narrow)|])] public partial Layer Sum { get; }" + Line + SumRelu,
            Inner + Line + "[Dense(64, From = nameof(Inner))] public partial Layer Outer { get; }" + Line
                + "[Dense(64, Activation.ReLU, From = Graph.Input)] public partial Layer Narrow { get; }" + Line
                + "[Add(nameof(Outer), Graph.Input, nameof(Narrow))] public partial Layer Sum { get; }" + Line + SumRelu),
        Case("GEN031", "add of feature maps of different sizes", model: MapModel,
            hidden: SameConv + Line + "[Conv2D(8, 3)] public partial Layer Conv2 { get; }" + Line
                + "[Add(nameof(Conv2), [|Graph.Input|])] public partial Layer Sum { get; }" + Line + SumRelu + Line + Flat,
            fixedModel: MapModel,
            fixedHidden: SameConv + Line + "[Conv2D(8, 3, Padding = Padding.Same)] public partial Layer Conv2 { get; }" + Line
                + "[Add(nameof(Conv2), Graph.Input)] public partial Layer Sum { get; }" + Line + SumRelu + Line + Flat),
        Case("GEN031", "add of feature maps with different channels", model: MapModel,
            hidden: "[Conv2D(16, 3, Padding = Padding.Same)] public partial Layer Conv { get; }" + Line
                + "[Add(nameof(Conv), [|Graph.Input|])] public partial Layer Sum { get; }" + Line + SumRelu + Line + Flat,
            fixedModel: MapModel,
            fixedHidden: "[Conv2D(8, 3, Padding = Padding.Same)] public partial Layer Conv { get; }" + Line
                + "[Add(nameof(Conv), Graph.Input)] public partial Layer Sum { get; }" + Line + SumRelu + Line + Flat),
        Case("GEN031", "concat of feature maps of different heights", model: MapModel,
            hidden: "[Conv2D(8, 3, Activation.ReLU)] public partial Layer Conv { get; }" + Line
                + "[Concat(nameof(Conv), [|Graph.Input|])] public partial Layer Joined { get; }" + Line + Flat,
            fixedModel: MapModel,
            fixedHidden: SameConv + Line + "[Concat(nameof(Conv), Graph.Input)] public partial Layer Joined { get; }" + Line + Flat),
        Case("GEN031", "concat of a vector and a feature map", model: MapModel,
            hidden: "[Flatten] public partial Layer Pixels { get; }" + Line + "[Dense(32, Activation.ReLU)] public partial Layer Features { get; }" + Line
                + "[Concat(nameof(Features), [|Graph.Input|])] public partial Layer Joined { get; }",
            fixedModel: MapModel,
            fixedHidden: "[Flatten] public partial Layer Pixels { get; }" + Line + "[Dense(32, Activation.ReLU)] public partial Layer Features { get; }" + Line
                + "[Concat(nameof(Features), nameof(Pixels))] public partial Layer Joined { get; }"),

        // GEN032 a layer, other than the output, whose output no layer reads
        Case("GEN032", "dead side branch",
            hidden: Hidden + Line + "[Dense(32, Activation.ReLU, From = nameof(Hidden1))] public partial Layer [|Side|] { get; }",
            drop: "[Dropout(0.2, From = nameof(Hidden1))] public partial Layer Drop1 { get; }",
            fixedHidden: Hidden + Line + "[Dense(32, Activation.ReLU, From = nameof(Hidden1))] public partial Layer Side { get; }" + Line
                + "[Concat(nameof(Hidden1), nameof(Side))] public partial Layer Joined { get; }",
            fixedDrop: Drop),
        ResidualCase("GEN032", "residual that skips its own layer",
            Inner + Line + "[Dense(64)] public partial Layer [|Outer|] { get; }" + Line + "[Add(nameof(Inner), Graph.Input)] public partial Layer Sum { get; }" + Line + SumRelu),
        Case("GEN032", "second head before the output",
            logits: "[Dense(3)] public partial Layer [|Auxiliary|] { get; }" + Line + "[Dense(10, From = nameof(Drop1))] public partial Layer Logits { get; }"),

        // GEN033 an embedding that does not read a flat model input
        Case("GEN033", "embedding after a dense layer", model: TokenModel,
            hidden: "[Dense(16, Activation.ReLU)] public partial Layer Pre { get; }" + Line + "[Embedding(100, 8)] public partial Layer [|Embed|] { get; }" + Line
                + "[Flatten] public partial Layer Rows { get; }",
            drop: TokenHidden, fixedModel: TokenModel, fixedHidden: Tokens),
        Case("GEN033", "embedding reading another layer by name", model: TokenModel,
            hidden: "[Reshape(16)] public partial Layer Ids { get; }" + Line + "[Embedding(100, 8, From = nameof(Ids))] public partial Layer [|Embed|] { get; }" + Line
                + "[Flatten] public partial Layer Rows { get; }",
            drop: TokenHidden, fixedModel: TokenModel,
            fixedHidden: "[Embedding(100, 8)] public partial Layer Embed { get; }" + Line + "[Flatten] public partial Layer Rows { get; }"),
        Case("GEN033", "embedding of an image input", model: "[Model(1, 4, 4, MaxBatch = 32)]",
            hidden: "[Embedding(100, 8)] public partial Layer [|Embed|] { get; }" + Line + "[Flatten] public partial Layer Rows { get; }",
            drop: TokenHidden, fixedModel: TokenModel, fixedHidden: Tokens),

        // GEN015 LayerNorm's epsilon and the embedding's sizes
        Case("GEN015", "layer norm epsilon 0", hidden: Hidden + Line + "[LayerNorm([|Epsilon = 0|])] public partial Layer Norm { get; }",
            fixedHidden: Hidden + Line + "[LayerNorm(Epsilon = 1e-6)] public partial Layer Norm { get; }"),
        Case("GEN015", "layer norm epsilon NaN", hidden: Hidden + Line + "[LayerNorm([|Epsilon = double.NaN|])] public partial Layer Norm { get; }",
            fixedHidden: Hidden + Line + "[LayerNorm] public partial Layer Norm { get; }"),
        TokenCase("GEN015", "embedding vocabulary 0", "[Embedding([|0|], 8)] public partial Layer Embed { get; }"),
        TokenCase("GEN015", "negative embedding dimension", "[Embedding(100, [|-8|])] public partial Layer Embed { get; }"),

        // GEN029 the embedding's initial standard deviation
        TokenCase("GEN029", "embedding init scale 0", "[Embedding(100, 8, [|InitScale = 0|])] public partial Layer Embed { get; }",
            "[Embedding(100, 8, InitScale = 0.02)] public partial Layer Embed { get; }"),
        TokenCase("GEN029", "infinite embedding init scale", "[Embedding(100, 8, [|InitScale = double.PositiveInfinity|])] public partial Layer Embed { get; }"),
    };

    /// <summary>A case on the residual model: <paramref name="hidden"/> replaces the residual block.</summary>
    private static DiagnosticCase ResidualCase(string id, string name, string hidden, string fixedHidden = Residual) =>
        Case(id, name, model: GraphModel, hidden: hidden, fixedModel: GraphModel, fixedHidden: fixedHidden);

    /// <summary>A case on the token model: <paramref name="embedding"/> replaces the embedding layer.</summary>
    private static DiagnosticCase TokenCase(string id, string name, string embedding, string fixedEmbedding = Embed) =>
        Case(id, name, model: TokenModel, hidden: embedding + Line + "[Flatten] public partial Layer Rows { get; }", drop: TokenHidden,
            fixedModel: TokenModel, fixedHidden: fixedEmbedding + Line + "[Flatten] public partial Layer Rows { get; }");
}
