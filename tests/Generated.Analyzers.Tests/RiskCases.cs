using System.Linq;

namespace Generated.Analyzers.Tests;

/// <summary>
/// The risky-choice rules (GEN101–GEN121): each wrong declaration is a model that builds but will train badly; the
/// correction is the usual way to write it, usually exactly what the rule's code fix produces.
/// </summary>
internal static partial class DiagnosticCases
{
    private const string Line = "\n    ";

    private static readonly DiagnosticCase[] Risks =
    {
        // GEN101 the loss applies softmax/sigmoid to an output that already did
        Case("GEN101", "softmax output into softmax cross-entropy", logits: "[Dense(10, [|Activation.Softmax|])] public partial Layer Logits { get; }",
            fixedLogits: "[Dense(10)] public partial Layer Logits { get; }", fix: true),
        Case("GEN101", "stand-alone softmax layer into softmax cross-entropy",
            logits: "[Dense(10)] public partial Layer Logits { get; }" + Line + "[Activation([|Activation.Softmax|])] public partial Layer Probabilities { get; }",
            fixedLogits: "[Dense(10)] public partial Layer Logits { get; }", fix: true),
        Case("GEN101", "sigmoid output into BCE with logits", loss: "[Loss(Loss.BinaryCrossEntropyWithLogits)]",
            logits: "[Dense(1, [|Activation.Sigmoid|])] public partial Layer Logits { get; }",
            fixedLogits: "[Dense(1)] public partial Layer Logits { get; }", fix: true),

        // GEN102 logits into a loss that expects probabilities
        Case("GEN102", "linear output into BCE", loss: "[Loss([|Loss.BinaryCrossEntropy|])]",
            logits: "[Dense(1)] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.BinaryCrossEntropyWithLogits)]", fix: true),
        Case("GEN102", "tanh output into BCE", loss: "[Loss([|Loss.BinaryCrossEntropy|])]",
            logits: "[Dense(1, Activation.Tanh)] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.BinaryCrossEntropy)]", fixedLogits: "[Dense(1, Activation.Sigmoid)] public partial Layer Logits { get; }"),
        Case("GEN102", "linear output into categorical cross-entropy", loss: "[Loss([|Loss.CategoricalCrossEntropy|])]",
            fixedLoss: "[Loss(Loss.CategoricalCrossEntropy)]", fixedLogits: "[Dense(10, Activation.Softmax)] public partial Layer Logits { get; }", fix: true),
        Case("GEN102", "linear output into sparse categorical cross-entropy", loss: "[Loss([|Loss.SparseCategoricalCrossEntropy|])]",
            fixedLoss: "[Loss(Loss.SoftmaxCrossEntropy)]", fix: true),
        Case("GEN102", "sigmoid output into sparse categorical cross-entropy", loss: "[Loss([|Loss.SparseCategoricalCrossEntropy|])]",
            logits: "[Dense(10, Activation.Sigmoid)] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.SparseCategoricalCrossEntropy)]", fixedLogits: "[Dense(10, Activation.Softmax)] public partial Layer Logits { get; }"),

        // GEN103 regression loss on a classifier output
        Case("GEN103", "MSE on a sigmoid", loss: "[Loss([|Loss.MeanSquaredError|])]",
            logits: "[Dense(1, Activation.Sigmoid)] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.BinaryCrossEntropy)]", fix: true),
        Case("GEN103", "MSE on a softmax", loss: "[Loss([|Loss.MeanSquaredError|])]",
            logits: "[Dense(10, Activation.Softmax)] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.CategoricalCrossEntropy)]", fix: true),
        Case("GEN103", "MAE on a softmax", loss: "[Loss([|Loss.MeanAbsoluteError|])]",
            logits: "[Dense(10, Activation.Softmax)] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.CategoricalCrossEntropy)]", fix: true),
        Case("GEN103", "Huber on a sigmoid", loss: "[Loss([|Loss.Huber|], Delta = 0.5)]",
            logits: "[Dense(1, Activation.Sigmoid)] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.BinaryCrossEntropy)]", fix: true),

        // GEN104 output range narrower than regression targets
        Case("GEN104", "ReLU regression output", loss: "[Loss(Loss.MeanSquaredError)]",
            logits: "[Dense(1, [|Activation.ReLU|])] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.MeanSquaredError)]", fixedLogits: "[Dense(1)] public partial Layer Logits { get; }", fix: true),
        Case("GEN104", "tanh regression output", loss: "[Loss(Loss.MeanSquaredError)]",
            logits: "[Dense(3, [|Activation.Tanh|])] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.MeanSquaredError)]", fixedLogits: "[Dense(3)] public partial Layer Logits { get; }", fix: true),
        Case("GEN104", "softplus regression output", loss: "[Loss(Loss.MeanAbsoluteError)]",
            logits: "[Dense(1, [|Activation.Softplus|])] public partial Layer Logits { get; }",
            fixedLoss: "[Loss(Loss.MeanAbsoluteError)]", fixedLogits: "[Dense(1)] public partial Layer Logits { get; }", fix: true),
        Case("GEN104", "stand-alone ELU on a Huber output", loss: "[Loss(Loss.Huber)]",
            logits: "[Dense(2)] public partial Layer Logits { get; }" + Line + "[Activation([|Activation.ELU|])] public partial Layer Act { get; }",
            fixedLoss: "[Loss(Loss.Huber)]", fixedLogits: "[Dense(2)] public partial Layer Logits { get; }", fix: true),

        // GEN105 three saturating layers in a row
        Case("GEN105", "three tanh layers",
            hidden: Dense("H1", "Activation.Tanh") + Line + Dense("H2", "Activation.Tanh") + Line + "[Dense(64, Activation.Tanh)] public partial Layer [|H3|] { get; }",
            fixedHidden: Dense("H1", "Activation.Tanh") + Line + Dense("H2", "Activation.Tanh") + Line + "[BatchNorm] public partial Layer Norm { get; }" + Line + Dense("H3", "Activation.Tanh")),
        Case("GEN105", "sigmoid through stand-alone layers",
            hidden: Dense("H1", "Activation.Sigmoid") + Line + "[Dense(64)] public partial Layer H2 { get; } [Activation(Activation.Sigmoid)] public partial Layer Act2 { get; }" + Line
                + "[Dense(64, Activation.Sigmoid)] public partial Layer [|H3|] { get; }",
            fixedHidden: Dense("H1", "Activation.Sigmoid") + Line + "[Dense(64)] public partial Layer H2 { get; } [Activation(Activation.ReLU)] public partial Layer Act2 { get; }" + Line
                + Dense("H3", "Activation.Sigmoid")),

        // GEN106 ten dense layers without normalisation
        Case("GEN106", "ten plain dense layers",
            hidden: Stack(1, 9), logits: "[Dense(10)] public partial Layer [|Logits|] { get; }",
            fixedHidden: Stack(1, 5) + Line + "[BatchNorm] public partial Layer Norm { get; }" + Line + Stack(6, 9)),

        // GEN107 initialiser that does not fit the activation
        Case("GEN107", "Xavier with ReLU", hidden: "[Dense(256, Activation.ReLU, [|Init = Init.XavierUniform|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, Init = Init.HeUniform)] public partial Layer Hidden1 { get; }", fix: true),
        Case("GEN107", "He with tanh", hidden: "[Dense(256, Activation.Tanh, [|Init = Init.HeNormal|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.Tanh, Init = Init.XavierNormal)] public partial Layer Hidden1 { get; }", fix: true),
        Case("GEN107", "LeCun before a stand-alone ReLU",
            hidden: "[Dense(256, [|Init = Init.LeCunNormal|])] public partial Layer Hidden1 { get; } [Activation(Activation.ReLU)] public partial Layer Relu1 { get; }",
            fixedHidden: "[Dense(256, Init = Init.HeNormal)] public partial Layer Hidden1 { get; } [Activation(Activation.ReLU)] public partial Layer Relu1 { get; }", fix: true),
        Case("GEN107", "Xavier with SELU", hidden: "[Dense(256, Activation.SELU, [|Init = Init.XavierNormal|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.SELU, Init = Init.LeCunNormal)] public partial Layer Hidden1 { get; }", fix: true),
        Case("GEN107", "He with SELU", hidden: "[Dense(256, Activation.SELU, [|Init = Init.HeUniform|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.SELU, Init = Init.LeCunUniform)] public partial Layer Hidden1 { get; }", fix: true),
        Case("GEN107", "LeCun with GELU", hidden: "[Dense(256, Activation.GELU, [|Init = Init.LeCunUniform|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.GELU, Init = Init.HeUniform)] public partial Layer Hidden1 { get; }", fix: true),
        Case("GEN107", "Xavier before a stand-alone Swish",
            hidden: "[Dense(256, [|Init = Init.XavierNormal|])] public partial Layer Hidden1 { get; } [Activation(Activation.Swish)] public partial Layer Act1 { get; }",
            fixedHidden: "[Dense(256, Init = Init.HeNormal)] public partial Layer Hidden1 { get; } [Activation(Activation.Swish)] public partial Layer Act1 { get; }", fix: true),

        // GEN108 constant initialisation of a hidden layer
        Case("GEN108", "zero hidden weights", hidden: "[Dense(256, Activation.ReLU, [|Init = Init.Zeros|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; }", fix: true),
        Case("GEN108", "constant hidden weights", hidden: "[Dense(256, Activation.ReLU, [|Init = Init.Constant|], InitValue = 0.5)] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; }", fix: true),

        // GEN109 two affine layers with nothing non-linear between them
        Case("GEN109", "linear hidden layer", hidden: "[[|Dense(256)|]] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; }", fix: true),
        Case("GEN109", "linear layer and batch norm only",
            hidden: "[[|Dense(256, UseBias = false)|]] public partial Layer Hidden1 { get; } [BatchNorm] public partial Layer Norm { get; }",
            fixedHidden: "[Dense(256, UseBias = false)] public partial Layer Hidden1 { get; } [BatchNorm] public partial Layer Norm { get; } [Activation(Activation.ReLU)] public partial Layer Relu { get; }"),

        // GEN110 two activations in a row
        Case("GEN110", "ReLU layer after a ReLU dense layer",
            hidden: "[Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; }" + Line + "[Activation([|Activation.ReLU|])] public partial Layer Relu { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; }", fix: true),

        // GEN111 softmax on a hidden layer
        Case("GEN111", "softmax hidden layer", hidden: "[Dense(256, [|Activation.Softmax|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; }", fix: true),

        // GEN112 bias cancelled by the following batch norm
        Case("GEN112", "bias before batch norm",
            hidden: "[[|Dense(256)|]] public partial Layer Hidden1 { get; } [BatchNorm] public partial Layer Norm { get; } [Activation(Activation.ReLU)] public partial Layer Relu { get; }",
            fixedHidden: "[Dense(256, UseBias = false)] public partial Layer Hidden1 { get; } [BatchNorm] public partial Layer Norm { get; } [Activation(Activation.ReLU)] public partial Layer Relu { get; }", fix: true),

        // GEN113 dropout feeding batch norm
        Case("GEN113", "dropout before batch norm",
            drop: "[Dropout(0.2)] public partial Layer [|Drop1|] { get; } [BatchNorm] public partial Layer Norm { get; }",
            fixedDrop: "[BatchNorm] public partial Layer Norm { get; } [Dropout(0.2)] public partial Layer Drop1 { get; }"),

        // GEN114 dropout after the output
        Case("GEN114", "dropout on the logits",
            logits: "[Dense(10)] public partial Layer Logits { get; }" + Line + "[Dropout(0.1)] public partial Layer [|OutputDrop|] { get; }",
            fixedLogits: "[Dense(10)] public partial Layer Logits { get; }", fix: true),

        // GEN115 dropout rate above 0.5
        Case("GEN115", "dropout 0.8", drop: "[Dropout([|0.8|])] public partial Layer Drop1 { get; }",
            fixedDrop: "[Dropout(0.5)] public partial Layer Drop1 { get; }", fix: true),

        // GEN116 batch norm that can only ever see one sample
        Case("GEN116", "batch norm with MaxBatch 1", model: "[Model(784, [|MaxBatch = 1|])]",
            hidden: "[Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; } [BatchNorm] public partial Layer Norm { get; }",
            fixedModel: "[Model(784, MaxBatch = 32)]"),

        // GEN117 single-sample SGD
        Case("GEN117", "SGD with MaxBatch 1", model: "[Model(784, MaxBatch = 1)]", optimizer: "[Optimizer([|Optimizer.Sgd|], LearningRate = 0.01)]",
            fixedModel: "[Model(784, MaxBatch = 1)]", fixedOptimizer: "[Optimizer(Optimizer.Adam, LearningRate = 0.01)]", fix: true),

        // GEN118 learning rate outside the optimizer's range
        Case("GEN118", "Adam at 0.1", optimizer: "[Optimizer(Optimizer.Adam, [|LearningRate = 0.1|])]",
            fixedOptimizer: "[Optimizer(Optimizer.Adam, LearningRate = 0.001)]", fix: true),
        Case("GEN118", "Adam at 1e-9", optimizer: "[Optimizer(Optimizer.Adam, [|LearningRate = 1e-9|])]",
            fixedOptimizer: "[Optimizer(Optimizer.Adam, LearningRate = 0.001)]", fix: true),
        Case("GEN118", "SGD at 2", optimizer: "[Optimizer(Optimizer.Sgd, [|LearningRate = 2|], Momentum = 0.9)]",
            fixedOptimizer: "[Optimizer(Optimizer.Sgd, LearningRate = 0.01, Momentum = 0.9)]", fix: true),

        // GEN119 Adam epsilon too small
        Case("GEN119", "epsilon 1e-12", optimizer: "[Optimizer(Optimizer.Adam, LearningRate = 1e-3, [|Epsilon = 1e-12|])]",
            fixedOptimizer: "[Optimizer(Optimizer.Adam, LearningRate = 1e-3, Epsilon = 1e-8)]", fix: true),

        // GEN120 very strong L2
        Case("GEN120", "L2 0.5", hidden: "[Dense(256, Activation.ReLU, [|L2 = 0.5|])] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, L2 = 1e-4)] public partial Layer Hidden1 { get; }"),
        Case("GEN120", "elastic net mostly L2", hidden: "[Dense(256, Activation.ReLU, [|ElasticNet = 0.4|], L1Ratio = 0.25)] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, ElasticNet = 0.004, L1Ratio = 0.25)] public partial Layer Hidden1 { get; }"),

        // GEN121 L1 and L2 written separately (an elastic net)
        Case("GEN121", "L1 and L2 on one layer", hidden: "[Dense(256, Activation.ReLU, [|L1 = 1e-4|], L2 = 1e-3)] public partial Layer Hidden1 { get; }",
            fixedHidden: "[Dense(256, Activation.ReLU, ElasticNet = 0.0011, L1Ratio = 0.0909090909)] public partial Layer Hidden1 { get; }", fix: true),
    };

    private static string Dense(string name, string activation) => "[Dense(64, " + activation + ")] public partial Layer " + name + " { get; }";

    /// <summary>Dense ReLU layers D{from}..D{to}, one per line.</summary>
    private static string Stack(int from, int to) =>
        string.Join(Line, System.Linq.Enumerable.Range(from, to - from + 1).Select(i => Dense("D" + i, "Activation.ReLU")));
}
