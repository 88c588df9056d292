using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Generated.Analyzers.Tests;

/// <summary>
/// One wrong declaration (expected span marked with [|...|]) and its correction. When <paramref name="FixProducesFixed"/>
/// is true the diagnostic offers exactly one code fix and applying it to the wrong declaration yields exactly
/// <paramref name="Fixed"/>; when false it offers none.
/// </summary>
internal sealed record DiagnosticCase(string Id, string Name, string Wrong, string Fixed, bool FixProducesFixed);

/// <summary>
/// At least one case per diagnostic id. Every case is built from one valid model by a local edit, so the
/// corrected form is the valid model (or a small variation of it) and must produce no diagnostics.
/// </summary>
internal static partial class DiagnosticCases
{
    private const string DefaultModel = "[Model(784, MaxBatch = 32)]";
    private const string DefaultLoss = "[Loss(Loss.SoftmaxCrossEntropy)]";
    private const string DefaultOptimizer = "[Optimizer(Optimizer.Adam, LearningRate = 1e-3)]";
    private const string DefaultHeader = "public partial class Mlp";
    private const string Hidden = "[Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; }";
    private const string Drop = "[Dropout(0.2)] public partial Layer Drop1 { get; }";
    private const string Logits = "[Dense(10)] public partial Layer Logits { get; }";

    /// <summary>
    /// Every case: the declaration errors here, the image layers' cases in ImageDiagnosticCases.cs, the activation,
    /// initialiser, constraint and loss options in OptionDiagnosticCases.cs, the graph form in GraphDiagnosticCases.cs,
    /// the risky-choice warnings in RiskCases.cs.
    /// </summary>
    public static IReadOnlyList<DiagnosticCase> All => Errors.Concat(ImageCases).Concat(OptionCases).Concat(GraphCases).Concat(Risks).ToArray();

    private static readonly DiagnosticCase[] Errors =
    {
        // GEN001 invalid input shape
        Case("GEN001", "zero dimension", model: "[Model([|0|], MaxBatch = 32)]"),
        Case("GEN001", "negative dimension", model: "[Model([|-784|])]"),
        Case("GEN001", "no shape at all", model: "[[|Model|]]"),
        Case("GEN001", "only named arguments", model: "[[|Model(MaxBatch = 32)|]]"),
        Case("GEN001", "empty collection expression", model: "[[|Model([])|]]"),
        Case("GEN001", "collection expression with a bad dimension", model: "[Model([|[784, 0]|])]", fixedModel: "[Model([784])]"),

        // GEN002 units
        Case("GEN002", "zero units", hidden: "[Dense([|0|], Activation.ReLU)] public partial Layer Hidden1 { get; }"),
        Case("GEN002", "negative units", logits: "[Dense([|-10|])] public partial Layer Logits { get; }"),

        // GEN003 activation
        Case("GEN003", "activation 42", hidden: "[Dense(256, [|(Activation)42|])] public partial Layer Hidden1 { get; }"),
        Case("GEN003", "negative activation", logits: "[Dense(10, [|(Activation)(-1)|])] public partial Layer Logits { get; }"),

        // GEN004 dropout rate
        Case("GEN004", "rate 1.5", drop: "[Dropout([|1.5|])] public partial Layer Drop1 { get; }"),
        Case("GEN004", "rate 1", drop: "[Dropout([|1|])] public partial Layer Drop1 { get; }"),
        Case("GEN004", "negative rate", drop: "[Dropout([|-0.1|])] public partial Layer Drop1 { get; }"),
        Case("GEN004", "NaN rate", drop: "[Dropout([|double.NaN|])] public partial Layer Drop1 { get; }"),

        // GEN005 layer member shape
        Case("GEN005", "not partial", logits: "[Dense(10)] public Layer [|Logits|] { get; } = null!;"),
        Case("GEN005", "has a setter", logits: "[Dense(10)] public partial Layer [|Logits|] { get; set; }"),
        Case("GEN005", "static", logits: "[Dense(10)] public static partial Layer [|Logits|] { get; }"),
        Case("GEN005", "wrong type", logits: "[Dense(10)] public partial object [|Logits|] { get; }"),

        // GEN006 no layers
        Case("GEN006", "no layers", header: "public partial class [|Mlp|]", hidden: "public int NotALayer => 1;", drop: string.Empty, logits: string.Empty,
            fixedHeader: DefaultHeader, fixedHidden: Hidden, fixedDrop: Drop, fixedLogits: Logits),

        // GEN007 class shape
        Case("GEN007", "not partial", header: "public class [|Mlp|]"),
        Case("GEN007", "generic", header: "public partial class [|Mlp|]<T>"),
        Case("GEN007", "static", header: "public static partial class [|Mlp|]"),
        Case("GEN007", "nested", prefix: "public partial class Outer\n{\n", header: "public partial class [|Mlp|]", suffix: "}\n",
            fixedPrefix: string.Empty, fixedSuffix: string.Empty),

        // GEN008 missing loss
        Case("GEN008", "no loss attribute", loss: string.Empty, header: "public partial class [|Mlp|]"),

        // GEN009 optimizer hyperparameters
        Case("GEN009", "learning rate 0", optimizer: "[Optimizer(Optimizer.Adam, [|LearningRate = 0|])]"),
        Case("GEN009", "negative learning rate", optimizer: "[Optimizer(Optimizer.Sgd, [|LearningRate = -0.1|])]", fixedOptimizer: "[Optimizer(Optimizer.Sgd, LearningRate = 0.1)]"),
        Case("GEN009", "NaN learning rate", optimizer: "[Optimizer(Optimizer.Adam, [|LearningRate = double.NaN|])]"),
        Case("GEN009", "momentum 1", optimizer: "[Optimizer(Optimizer.Sgd, LearningRate = 0.1, [|Momentum = 1|])]", fixedOptimizer: "[Optimizer(Optimizer.Sgd, LearningRate = 0.1, Momentum = 0.9)]"),
        Case("GEN009", "beta2 above 1", optimizer: "[Optimizer(Optimizer.Adam, [|Beta2 = 1.5|])]", fixedOptimizer: "[Optimizer(Optimizer.Adam, Beta2 = 0.99)]"),
        Case("GEN009", "epsilon 0", optimizer: "[Optimizer(Optimizer.Adam, [|Epsilon = 0|])]", fixedOptimizer: "[Optimizer(Optimizer.Adam, Epsilon = 1e-7)]"),

        // GEN010 loss vs output
        Case("GEN010", "binary cross-entropy on 10 outputs", loss: "[Loss([|Loss.BinaryCrossEntropy|])]",
            fixedLoss: "[Loss(Loss.BinaryCrossEntropy)]", fixedLogits: "[Dense(1, Activation.Sigmoid)] public partial Layer Logits { get; }"),
        Case("GEN010", "softmax cross-entropy on 1 output", logits: "[Dense(1)] public partial Layer Logits { get; }",
            loss: "[Loss([|Loss.SoftmaxCrossEntropy|])]", fixedLoss: "[Loss(Loss.MeanSquaredError)]"),

        // GEN011 max batch
        Case("GEN011", "max batch 0", model: "[Model(784, [|MaxBatch = 0|])]"),
        Case("GEN011", "negative max batch", model: "[Model(784, [|MaxBatch = -8|], Seed = 1)]", fixedModel: "[Model(784, MaxBatch = 8, Seed = 1)]"),

        // GEN012 enum values
        Case("GEN012", "unknown loss", loss: "[Loss([|(Loss)42|])]"),
        Case("GEN012", "unknown optimizer", optimizer: "[Optimizer([|(Optimizer)5|])]"),
        Case("GEN012", "unknown init", hidden: "[Dense(256, Activation.ReLU, [|Init = (Init)42|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, Init = Init.HeNormal)] public partial Layer Hidden1 { get; }"),

        // GEN013 dense on a non-flat input
        Case("GEN013", "image input into the first dense layer", model: "[Model([28, 28])]",
            hidden: "[Dense(256, Activation.ReLU)] public partial Layer [|Hidden1|] { get; }",
            fixedHidden: "[Flatten] public partial Layer Flatten { get; }\n    [Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; }", fix: true),
        Case("GEN013", "image into batch norm", model: "[Model([4, 4])]",
            hidden: "[BatchNorm] public partial Layer [|Norm|] { get; }",
            fixedHidden: "[Flatten] public partial Layer Flatten { get; }\n    [BatchNorm] public partial Layer Norm { get; }", fix: true),
        Case("GEN013", "image input through dropout into dense", model: "[Model([28, 28])]",
            hidden: "[Dropout(0.1)] public partial Layer InputDrop { get; }", drop: "[Dense(64, Activation.ReLU)] public partial Layer [|Hidden1|] { get; }",
            fixedModel: "[Model([784])]", fixedDrop: "[Dense(64, Activation.ReLU)] public partial Layer Hidden1 { get; }"),

        // GEN014 several layer attributes
        Case("GEN014", "dense and dropout on one member", drop: "[Dense(64)][[|Dropout(0.2)|]] public partial Layer Drop1 { get; }"),
        Case("GEN014", "two attributes in one list", drop: "[Dropout(0.2), [|Dense(64)|]] public partial Layer Drop1 { get; }"),

        // GEN015 layer hyperparameter that is not a finite float
        Case("GEN015", "NaN leaky slope", hidden: "[Dense(256, Activation.LeakyReLU, [|LeakySlope = double.NaN|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.LeakyReLU, LeakySlope = 0.1)] public partial Layer Hidden1 { get; }"),
        Case("GEN015", "leaky slope beyond float", hidden: "[Dense(256, Activation.LeakyReLU, [|LeakySlope = 1e300|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.LeakyReLU, LeakySlope = 0.1)] public partial Layer Hidden1 { get; }"),

        // GEN016 constructor the generator owns
        Case("GEN016", "constructor taking ModelOptions", logits: "[Dense(10)] public partial Layer Logits { get; } public [|Mlp|](ModelOptions options) { }",
            fixedLogits: "[Dense(10)] public partial Layer Logits { get; } public Mlp() : this(new ModelOptions { Seed = 5 }) { }"),

        // GEN017 layer named like a generated member
        Case("GEN017", "layer named Summary", logits: "[Dense(10)] public partial Layer [|Summary|] { get; }"),
        Case("GEN017", "layer named like an output accessor", logits: "[Dense(10)] public partial Layer [|OutputOfLayer0|] { get; }"),

        // GEN018 too large to plan
        Case("GEN018", "input larger than an array", model: "[Model([|65536|], 65536)]", fixedModel: "[Model(784)]"),
        Case("GEN018", "parameters beyond one arena", hidden: "[Dense(1000000, Activation.ReLU)] public partial Layer [|Hidden1|] { get; }"),
        Case("GEN018", "activations beyond one array", model: "[Model(784, MaxBatch = 100000)]",
            hidden: "[Dense(65536, Activation.ReLU)] public partial Layer [|Hidden1|] { get; }", fixedModel: "[Model(784, MaxBatch = 32)]"),

        // GEN015 batch-norm hyperparameters
        Case("GEN015", "batch norm momentum above 1", hidden: "[BatchNorm([|Momentum = 2|])] public partial Layer Norm { get; }",
            fixedHidden: "[BatchNorm(Momentum = 0.01)] public partial Layer Norm { get; }"),

        // GEN019 class count
        Case("GEN019", "ten logits for five classes", model: "[Model(784, MaxBatch = 32, Classes = 5)]",
            logits: "[Dense([|10|])] public partial Layer Logits { get; }",
            fixedModel: "[Model(784, MaxBatch = 32, Classes = 5)]", fixedLogits: "[Dense(5)] public partial Layer Logits { get; }", fix: true),
        Case("GEN019", "binary loss for three classes", model: "[Model(784, MaxBatch = 32, Classes = 3)]", loss: "[Loss(Loss.BinaryCrossEntropyWithLogits)]",
            logits: "[Dense(1)] public partial Layer [|Logits|] { get; }",
            fixedModel: "[Model(784, MaxBatch = 32, Classes = 2)]", fixedLogits: "[Dense(1)] public partial Layer Logits { get; }"),
        Case("GEN019", "one class", model: "[Model(784, MaxBatch = 32, [|Classes = 1|])]"),

        // GEN020 reshape
        Case("GEN020", "reshape to fewer elements", hidden: "[[|Reshape(16, 16)|]] public partial Layer Shape { get; }",
            fixedHidden: "[Reshape(784)] public partial Layer Shape { get; }"),
        Case("GEN020", "reshape with a zero dimension", hidden: "[Reshape(28, [|0|])] public partial Layer Shape { get; }",
            fixedHidden: "[Reshape(28, 28)] public partial Layer Shape { get; } [Flatten] public partial Layer Flat { get; }"),

        // GEN021 regularisation strength
        Case("GEN021", "negative L2", hidden: "[Dense(256, Activation.ReLU, [|L2 = -0.01|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, L2 = 0.001)] public partial Layer Hidden1 { get; }"),
        Case("GEN021", "L1 ratio above 1", hidden: "[Dense(256, Activation.ReLU, ElasticNet = 1e-4, [|L1Ratio = 1.5|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, ElasticNet = 1e-4, L1Ratio = 0.5)] public partial Layer Hidden1 { get; }"),

        // GEN022 softmax over one unit
        Case("GEN022", "softmax on a single output", loss: "[Loss(Loss.BinaryCrossEntropy)]",
            logits: "[Dense(1, [|Activation.Softmax|])] public partial Layer Logits { get; }",
            fixedLogits: "[Dense(1, Activation.Sigmoid)] public partial Layer Logits { get; }", fix: true),
    };

    /// <summary>xunit rows: (id, case name); the sources are looked up by name so test names stay short.</summary>
    public static TheoryData<string, string> Rows()
    {
        var rows = new TheoryData<string, string>();
        foreach (DiagnosticCase c in All)
        {
            rows.Add(c.Id, c.Name);
        }

        return rows;
    }

    public static DiagnosticCase Get(string id, string name) => All.Single(c => c.Id == id && c.Name == name);

    /// <summary>The model every case edits, assembled from its parts.</summary>
    public static string Source(
        string model = DefaultModel,
        string loss = DefaultLoss,
        string optimizer = DefaultOptimizer,
        string header = DefaultHeader,
        string hidden = Hidden,
        string drop = Drop,
        string logits = Logits,
        string prefix = "",
        string suffix = "") =>
        "using Generated;\n\nnamespace Samples;\n\n" + prefix +
        model + "\n" + loss + "\n" + optimizer + "\n" + header + "\n{\n" +
        "    " + hidden + "\n    " + drop + "\n    " + logits + "\n}\n" + suffix;

    private static DiagnosticCase Case(
        string id,
        string name,
        string model = DefaultModel,
        string loss = DefaultLoss,
        string optimizer = DefaultOptimizer,
        string header = DefaultHeader,
        string hidden = Hidden,
        string drop = Drop,
        string logits = Logits,
        string prefix = "",
        string suffix = "",
        string? fixedModel = null,
        string? fixedLoss = null,
        string? fixedOptimizer = null,
        string? fixedHeader = null,
        string? fixedHidden = null,
        string? fixedDrop = null,
        string? fixedLogits = null,
        string? fixedPrefix = null,
        string? fixedSuffix = null,
        bool fix = false)
    {
        string wrong = Source(model, loss, optimizer, header, hidden, drop, logits, prefix, suffix);

        // The correction: the same declaration with every part that carried the error restored to the valid default
        // (or to the explicit fix given), every other part left as it was.
        string corrected = Source(
            fixedModel ?? (model.Contains("[|", System.StringComparison.Ordinal) ? DefaultModel : model),
            fixedLoss ?? (loss.Contains("[|", System.StringComparison.Ordinal) || loss.Length == 0 ? DefaultLoss : loss),
            fixedOptimizer ?? (optimizer.Contains("[|", System.StringComparison.Ordinal) ? DefaultOptimizer : optimizer),
            fixedHeader ?? (header.Contains("[|", System.StringComparison.Ordinal) ? DefaultHeader : header),
            fixedHidden ?? (hidden.Contains("[|", System.StringComparison.Ordinal) ? Hidden : hidden),
            fixedDrop ?? (drop.Contains("[|", System.StringComparison.Ordinal) ? Drop : drop),
            fixedLogits ?? (logits.Contains("[|", System.StringComparison.Ordinal) ? Logits : logits),
            fixedPrefix ?? prefix,
            fixedSuffix ?? suffix);
        return new DiagnosticCase(id, name, wrong, corrected, fix);
    }
}
