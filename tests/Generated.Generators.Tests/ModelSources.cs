using System.Globalization;
using System.Text;

namespace Generated.Generators.Tests;

/// <summary>Model declarations as a user writes them, fed to the generator as source text.</summary>
internal static class ModelSources
{
    /// <summary>The README sample: 784-256(ReLU)-Dropout(0.2)-128(ReLU)-10, softmax cross-entropy, Adam.</summary>
    public const string FashionMlp = """
        using Generated;

        namespace Samples.Fashion;

        [Model(784, MaxBatch = 32, Seed = 7)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        [Optimizer(Optimizer.Adam, LearningRate = 1e-3)]
        public partial class FashionMlp
        {
            [Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; }
            [Dropout(0.2)] public partial Layer Drop1 { get; }
            [Dense(128, Activation.ReLU)] public partial Layer Hidden2 { get; }
            [Dense(10)] public partial Layer Logits { get; }
        }
        """;

    /// <summary>Binary classifier: one sigmoid output trained with binary cross-entropy (the fused sigmoid+BCE path).</summary>
    public const string BinarySigmoid = """
        using Generated;

        namespace Samples.Binary;

        [Model(4, MaxBatch = 16, Seed = 5)]
        [Loss(Loss.BinaryCrossEntropy)]
        [Optimizer(Optimizer.Adam, LearningRate = 0.05)]
        public partial class BinarySigmoid
        {
            [Dense(8, Activation.Tanh)] public partial Layer Hidden { get; }
            [Dense(1, Activation.Sigmoid)] public partial Layer Probability { get; }
        }
        """;

    /// <summary>Regression: mean squared error, SGD with Nesterov momentum, leaky ReLU, explicit initialisers.</summary>
    public const string MseMomentum = """
        using Generated;

        namespace Samples.Regression;

        [Model(3, MaxBatch = 16, Seed = 9)]
        [Loss(Loss.MeanSquaredError)]
        [Optimizer(Optimizer.Sgd, LearningRate = 0.05, Momentum = 0.9, Nesterov = true)]
        public partial class MseMomentum
        {
            [Dense(16, Activation.LeakyReLU, LeakySlope = 0.1, Init = Init.HeNormal)] public partial Layer Hidden { get; }
            [Dense(2, Init = Init.XavierNormal, UseBias = false)] public partial Layer Output { get; }
        }
        """;

    /// <summary>No namespace at all; plain SGD without momentum (no optimizer state).</summary>
    public const string GlobalNamespace = """
        using Generated;

        [Model(6)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        [Optimizer(Optimizer.Sgd)]
        public partial class GlobalModel
        {
            [Dense(5, Activation.Sigmoid)] public partial Layer Hidden { get; }
            [Dense(3, Activation.Softmax)] public partial Layer Output { get; }
        }
        """;

    /// <summary>An internal sealed model whose layers are internal partial properties.</summary>
    public const string InternalProperties = """
        using Generated;

        namespace Samples.Internal;

        [Model(5)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        internal sealed partial class InternalLayers
        {
            [Dense(4, Activation.ReLU)] internal partial Layer Hidden { get; }
            [Dense(3)] internal partial Layer Output { get; }
        }
        """;

    /// <summary>Layers with no accessibility modifier (implicitly private) and with explicit private/protected ones; no [Optimizer] (Adam default).</summary>
    public const string ImplicitlyPrivate = """
        using Generated;

        namespace Samples.Private
        {
            [Model(5, MaxBatch = 4)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class ImplicitlyPrivate
            {
                [Dense(4, Activation.ReLU)] partial Layer Hidden1 { get; }
                [Dense(4, Activation.Tanh)] private partial Layer Hidden2 { get; }
                [Dropout(0.5)] protected internal partial Layer Drop { get; }
                [Dense(3)] private protected partial Layer Output { get; }
            }
        }
        """;

    /// <summary>Input dropout (layer 0 is a dropout), a dense layer without bias, and a single trainable layer.</summary>
    public const string InputDropoutSingleDense = """
        using Generated;

        namespace Samples.Edge;

        [Model(6, MaxBatch = 8)]
        [Loss(Loss.MeanSquaredError)]
        public partial class InputDropoutSingleDense
        {
            [Dropout(0.3)] public partial Layer InputDrop { get; }
            [Dense(2, UseBias = false)] public partial Layer Output { get; }
        }
        """;

    /// <summary>Two models in one file, one in a block namespace, with a user-written member next to the generated ones.</summary>
    public const string TwoModelsOneFile = """
        using Generated;

        namespace Samples.Pair
        {
            [Model([3])]
            [Loss(Loss.MeanSquaredError)]
            public partial class First
            {
                [Dense(2)] public partial Layer Only { get; }

                public string Describe() => Summary();
            }

            [Model(3, 1)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Second
            {
                [Dropout(0)] public partial Layer NoDrop { get; }
            }
        }
        """;

    /// <summary>Images: a 28×28 input flattened (a view), dense without bias, batch norm, a stand-alone ReLU, L2 on the logits.</summary>
    public const string ImageBatchNorm = """
        using Generated;

        namespace Samples.Layers;

        [Model(28, 28, MaxBatch = 64, Classes = 10)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        [Optimizer(Optimizer.Adam)]
        public partial class Net
        {
            [Flatten] public partial Layer Flat { get; }
            [Dense(32, UseBias = false)] public partial Layer Hidden { get; }
            [BatchNorm] public partial Layer Norm { get; }
            [Activation(Activation.ReLU)] public partial Layer Relu { get; }
            [Dense(10, L2 = 1e-4)] public partial Layer Logits { get; }
        }
        """;

    /// <summary>Every stand-alone activation, reshapes between them, penalties and the newer initialisers.</summary>
    public const string ReshapeAndActivations = """
        using Generated;

        namespace Samples.Layers;

        [Model(12, MaxBatch = 16, Seed = 3)]
        [Loss(Loss.MeanSquaredError)]
        [Optimizer(Optimizer.Sgd, LearningRate = 0.05, Momentum = 0.9)]
        public partial class Shapes
        {
            [Reshape(3, 4)] public partial Layer Grid { get; }
            [Activation(Activation.Tanh)] public partial Layer Squash { get; }
            [Flatten] public partial Layer Flat { get; }
            [Dense(8, Init = Init.LeCunUniform, L1 = 1e-3)] public partial Layer Hidden { get; }
            [Activation(Activation.LeakyReLU, LeakySlope = 0.05)] public partial Layer Leaky { get; }
            [Activation(Activation.Linear)] public partial Layer Same { get; }
            [Dense(6, Init = Init.LeCunNormal, ElasticNet = 1e-3, L1Ratio = 0.7)] public partial Layer Wide { get; }
            [Activation(Activation.Sigmoid)] public partial Layer Gate { get; }
            [Dropout(0.1)] public partial Layer Drop { get; }
            [Dense(4, Init = Init.Constant, InitValue = 0.01)] public partial Layer Scores { get; }
            [Activation(Activation.Softmax)] public partial Layer Mix { get; }
            [Reshape(2, 2)] public partial Layer Out { get; }
        }
        """;

    /// <summary>One logit trained with binary cross-entropy on logits; batch norm straight on the input.</summary>
    public const string LogitBinary = """
        using Generated;

        namespace Samples.Layers;

        [Model(4, MaxBatch = 16, Seed = 5, Classes = 2)]
        [Loss(Loss.BinaryCrossEntropyWithLogits)]
        [Optimizer(Optimizer.Adam, LearningRate = 0.05)]
        public partial class Logit
        {
            [BatchNorm(Momentum = 0.05, Epsilon = 1e-4)] public partial Layer Norm { get; }
            [Dense(8, Activation.Tanh, Init = Init.Zeros)] public partial Layer Hidden { get; }
            [Dense(1, Init = Init.Ones)] public partial Layer Score { get; }
        }
        """;

    /// <summary>Nothing but views of the input: no parameters, the output is the input.</summary>
    public const string ViewsOnly = """
        using Generated;

        namespace Samples.Layers;

        [Model(2, 3, MaxBatch = 4)]
        [Loss(Loss.MeanSquaredError)]
        public partial class ViewsOnly
        {
            [Flatten] public partial Layer Flat { get; }
            [Reshape(3, 2)] public partial Layer Turned { get; }
        }
        """;

    /// <summary>A file that has nothing to do with models; editing or adding such files must regenerate nothing.</summary>
    public const string Unrelated = """
        namespace Samples.Other;

        public static class Helpers
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    /// <summary>A model of <paramref name="layers"/> dense layers (ReLU, 32 wide) ending in 10 logits.</summary>
    public static string DeepModel(int layers)
    {
        var text = new StringBuilder();
        text.Append("""
            using Generated;

            namespace Samples.Deep;

            [Model(64, MaxBatch = 16)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            [Optimizer(Optimizer.Adam, LearningRate = 1e-3)]
            public partial class DeepModel
            {

            """);
        for (int i = 1; i < layers; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    [Dense(32, Activation.ReLU)] public partial Layer Dense{i} {{ get; }}\n");
        }

        text.Append("    [Dense(10)] public partial Layer Logits { get; }\n}\n");
        return text.ToString();
    }

    /// <summary>The FashionMlp declaration body with a different first-layer width.</summary>
    public static string FashionMlpWithHidden1Units(int units) =>
        FashionMlp.Replace("[Dense(256, Activation.ReLU)]", "[Dense(" + units.ToString(CultureInfo.InvariantCulture) + ", Activation.ReLU)]", System.StringComparison.Ordinal);
}
