using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Generated.Analyzers.Tests;

/// <summary>Well-formed declarations, in every style users write them, report nothing.</summary>
public sealed class WellFormedModelTests
{
    public static TheoryData<string, string> Models => new()
    {
        {
            "README sample, no accessibility modifiers",
            """
            using Generated;

            namespace Samples;

            [Model(784)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            [Optimizer(Optimizer.Adam, LearningRate = 1e-3)]
            public partial class FashionMlp
            {
                [Dense(256, Activation.ReLU)] partial Layer Hidden1 { get; }
                [Dropout(0.2)]                partial Layer Drop1 { get; }
                [Dense(128, Activation.ReLU)] partial Layer Hidden2 { get; }
                [Dense(10)]                   partial Layer Logits { get; }
            }
            """
        },
        {
            "binary sigmoid, SGD with Nesterov momentum, every named argument",
            """
            using Generated;

            namespace Samples.Binary
            {
                [Model(4, MaxBatch = 2, Seed = -1)]
                [Loss(Loss.BinaryCrossEntropy)]
                [Optimizer(Optimizer.Sgd, LearningRate = 0.5, Momentum = 0.9, Nesterov = true)]
                internal sealed partial class Binary
                {
                    [Dense(5, Activation.LeakyReLU, LeakySlope = 0.2, Init = Init.HeNormal, UseBias = false)] internal partial Layer Hidden { get; }
                    [Dense(1, Activation.Sigmoid, Init = Init.XavierUniform)] private partial Layer Probability { get; }
                }
            }
            """
        },
        {
            "regression in the global namespace with Adam constants",
            """
            using Generated;

            [Model([3], MaxBatch = 64)]
            [Loss(Loss.MeanSquaredError)]
            [Optimizer(Optimizer.Adam, Beta1 = 0, Beta2 = 0.5, Epsilon = 1e-9)]
            public partial class Regression
            {
                [Dropout(0)] public partial Layer NoDrop { get; }
                [Dense(2, Activation.LeakyReLU)] protected internal partial Layer Output { get; }
            }
            """
        },
        {
            "image input, flatten, dense without bias into batch norm, stand-alone ReLU, declared classes",
            """
            using Generated;

            namespace Samples.Images;

            [Model(1, 28, 28, MaxBatch = 128, Classes = 10)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            [Optimizer(Optimizer.Sgd, LearningRate = 0.1, Momentum = 0.9, Nesterov = true)]
            public sealed partial class NormalizedMlp
            {
                [Flatten] public partial Layer Pixels { get; }
                [Dense(256, UseBias = false, Init = Init.HeNormal)] public partial Layer Hidden1 { get; }
                [BatchNorm(Momentum = 0.05, Epsilon = 1e-3)] public partial Layer Norm1 { get; }
                [Activation(Activation.ReLU)] public partial Layer Relu1 { get; }
                [Dropout(0.5)] public partial Layer Drop1 { get; }
                [Dense(64, Activation.Tanh, Init = Init.XavierNormal, ElasticNet = 1e-4, L1Ratio = 0.2)] public partial Layer Hidden2 { get; }
                [Dense(10, Init = Init.Zeros)] public partial Layer Logits { get; }
            }
            """
        },
        {
            "VGG-style CNN: linear convolutions into per-channel batch norm and ReLU, pooling, spatial dropout, a linear 1x1 bottleneck into global pooling",
            """
            using Generated;

            namespace Samples.Images;

            [Model(3, 32, 32, MaxBatch = 64, Classes = 10)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Cnn
            {
                [Conv2D(32, 3, Padding = Padding.Same, UseBias = false)] public partial Layer Conv1 { get; }
                [BatchNorm] public partial Layer Norm1 { get; }
                [Activation(Activation.ReLU)] public partial Layer Relu1 { get; }
                [Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same, Init = Init.HeNormal, L2 = 1e-4)] public partial Layer Conv2 { get; }
                [MaxPool2D(2)] public partial Layer Pool1 { get; }
                [Dropout(0.1, Spatial = true)] public partial Layer Drop1 { get; }
                [Conv2D(64, 3, Stride = 2, Groups = 4, Dilation = 2, Padding = Padding.Same, UseBias = false)] public partial Layer Conv3 { get; }
                [BatchNorm] public partial Layer Norm2 { get; }
                [Activation(Activation.LeakyReLU)] public partial Layer Leaky { get; }
                [AvgPool2D(3, Stride = 1, Padding = Padding.Same)] public partial Layer Smooth { get; }
                [Conv2D(10, 1)] public partial Layer Classifier { get; }
                [GlobalAveragePool] public partial Layer Logits { get; }
            }
            """
        },
        {
            "binary logits with L2, reshape round trip, LeCun init on a linear bottleneck before an activation layer",
            """
            using Generated;

            namespace Samples.Binary;

            [Model(64, MaxBatch = 16, Classes = 2)]
            [Loss(Loss.BinaryCrossEntropyWithLogits)]
            [Optimizer(Optimizer.Adam, LearningRate = 3e-4, Epsilon = 1e-7)]
            internal partial class Detector
            {
                [Reshape(8, 8)] public partial Layer Grid { get; }
                [Flatten] public partial Layer Flat { get; }
                [Dense(32, Init = Init.LeCunUniform, L2 = 1e-4)] public partial Layer Bottleneck { get; }
                [Activation(Activation.Tanh)] public partial Layer Squash { get; }
                [Dense(1)] public partial Layer Logit { get; }
            }
            """
        },
        {
            "smooth activations with their usual initialisers, max-norm, orthogonal weights, a weighted categorical loss",
            """
            using Generated;

            namespace Samples.Smooth;

            [Model(32, MaxBatch = 64, Classes = 3)]
            [Loss(Loss.CategoricalCrossEntropy, ClassWeights = [1.0, 2.5, 0.5])]
            public partial class SmoothNet
            {
                [Dense(64, Activation.SELU, Init = Init.LeCunNormal)] public partial Layer Selu1 { get; }
                [Dense(64, Activation.GELU, MaxNorm = 3)] public partial Layer Gelu2 { get; }
                [Dense(64, Activation.Swish, Init = Init.HeNormal)] public partial Layer Swish3 { get; }
                [Dense(64, Activation.ELU, EluAlpha = 0.5, Init = Init.Orthogonal, InitScale = 1.4142)] public partial Layer Elu4 { get; }
                [Dense(64, Activation.Softplus, Init = Init.Normal, InitScale = 0.02)] public partial Layer Softplus5 { get; }
                [Dense(3, Activation.Softmax)] public partial Layer Probabilities { get; }
            }
            """
        },
        {
            "robust regression and weighted binary losses",
            """
            using Generated;

            namespace Samples.Robust;

            [Model(8)]
            [Loss(Loss.Huber, Delta = 0.25)]
            public partial class Price
            {
                [Dense(16, Activation.ELU)] public partial Layer Hidden { get; }
                [Dense(2, Init = Init.Uniform)] public partial Layer Output { get; }
            }

            [Model(8)]
            [Loss(Loss.BinaryCrossEntropyWithLogits, PositiveWeight = 4)]
            public partial class RareEvent
            {
                [Dense(16, Activation.GELU)] public partial Layer Hidden { get; }
                [Dense(1)] public partial Layer Logit { get; }
            }

            [Model(8)]
            [Loss(Loss.SparseCategoricalCrossEntropy, ClassWeights = new[] { 1.0, 0.0, 2.0 })]
            public partial class Labels
            {
                [Dense(16, Activation.ReLU)] public partial Layer Hidden { get; }
                [Dense(3)] public partial Layer Logits { get; }
                [Activation(Activation.Softmax)] public partial Layer Probabilities { get; }
            }
            """
        },
        {
            "fully qualified attribute names with the Attribute suffix, no optimizer",
            """
            [global::Generated.ModelAttribute(10)]
            [global::Generated.LossAttribute(global::Generated.Loss.SoftmaxCrossEntropy)]
            public partial class Qualified
            {
                [global::Generated.DenseAttribute(3, global::Generated.Activation.Linear)] public partial global::Generated.Layer Output { get; }
            }
            """
        },
        {
            "declaration split over two partial parts with other members",
            """
            using Generated;

            namespace Samples;

            [Model(6)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Split
            {
                [Dense(4, Activation.ReLU)] public partial Layer Hidden { get; }
                public int Helper() => 1;
            }

            public partial class Split
            {
                [Dense(3)] public partial Layer Output { get; }
                public override string ToString() => "split";
            }
            """
        },
        {
            "dropout-only model with a multi-dimensional input",
            """
            using Generated;

            [Model(2, 3)]
            [Loss(Loss.MeanSquaredError)]
            public partial class Passthrough
            {
                [Dropout(0.5)] public partial Layer Drop { get; }
            }
            """
        },
        {
            "classes that are not models, including lookalikes",
            """
            using Generated;

            namespace Samples;

            public partial class NotAModel
            {
                public Layer? Something { get; }
            }

            [System.Obsolete]
            public class AlsoNotAModel { }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Well_formed_model_reports_nothing(string name, string source)
    {
        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);

        Assert.Empty(result.Exceptions);
        Assert.True(result.Diagnostics.IsEmpty, name + ":\n" + AnalyzerHarness.Describe(result.Diagnostics));
    }

    [Fact]
    public async Task Project_without_the_attributes_assembly_is_skipped_quietly()
    {
        // No reference to Generated.Attributes: the analyzer must not even look (and must not throw).
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoAttributes",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("[Model(0)] public partial class M { }", AnalyzerHarness.ParseOptions) },
            new[] { Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(compilation);

        Assert.Empty(result.Exceptions);
        Assert.Empty(result.Model);
    }

    [Fact]
    public async Task Analyzer_reports_nothing_inside_generated_code()
    {
        string source = """
            using Generated;

            namespace Samples;

            [Model(4)]
            [Loss(Loss.MeanSquaredError)]
            public partial class Tiny
            {
                [Dense(2)] public partial Layer Output { get; }
            }
            """;
        Microsoft.CodeAnalysis.Compilation output = AnalyzerHarness.Generate(AnalyzerHarness.CreateCompilation(source)).Output;

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(output);

        Assert.Empty(result.Exceptions);
        Assert.True(result.Diagnostics.IsEmpty, AnalyzerHarness.Describe(result.Diagnostics));
        Assert.True(output.SyntaxTrees.Count() > 1, "the generator added no file");
    }
}
