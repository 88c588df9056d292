using System;
using System.Linq;
using Xunit;

namespace Generated.Generators.Tests;

/// <summary>
/// An invalid declaration gets no model implementation, only stubs for its partial properties, so the user's
/// code keeps compiling and the analyzer's GEN diagnostic is the only error they see.
/// </summary>
public sealed class InvalidModelTests
{
    private const string Template = """
        using Generated;

        namespace Samples.Invalid;

        [Model(784, MaxBatch = 32)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        [Optimizer(Optimizer.Adam, LearningRate = 1e-3)]
        public partial class Broken
        {
            [Dense(256, Activation.ReLU)] public partial Layer Hidden1 { get; }
            [Dropout(0.2)] public partial Layer Drop1 { get; }
            [Dense(10)] public partial Layer Logits { get; }

            // User code that uses the layers must keep compiling.
            public string FirstLayerName => Hidden1.Name;
        }
        """;

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "zero units", "[Dense(256, Activation.ReLU)]", "[Dense(0, Activation.ReLU)]" },
        { "negative units", "[Dense(256, Activation.ReLU)]", "[Dense(-5, Activation.ReLU)]" },
        { "unknown activation", "[Dense(256, Activation.ReLU)]", "[Dense(256, (Activation)42)]" },
        { "unknown init", "[Dense(256, Activation.ReLU)]", "[Dense(256, Activation.ReLU, Init = (Init)42)]" },
        { "dropout 1.5", "[Dropout(0.2)]", "[Dropout(1.5)]" },
        { "dropout NaN", "[Dropout(0.2)]", "[Dropout(double.NaN)]" },
        { "missing input shape", "[Model(784, MaxBatch = 32)]", "[Model]" },
        { "empty input shape", "[Model(784, MaxBatch = 32)]", "[Model([])]" },
        { "zero input dimension", "[Model(784, MaxBatch = 32)]", "[Model(784, 0)]" },
        { "2-D input into dense", "[Model(784, MaxBatch = 32)]", "[Model(28, 28)]" },
        { "max batch 0", "[Model(784, MaxBatch = 32)]", "[Model(784, MaxBatch = 0)]" },
        { "learning rate 0", "LearningRate = 1e-3", "LearningRate = 0" },
        { "negative learning rate", "LearningRate = 1e-3", "LearningRate = -1" },
        { "beta1 = 1", "LearningRate = 1e-3", "Beta1 = 1" },
        { "unknown optimizer", "[Optimizer(Optimizer.Adam, LearningRate = 1e-3)]", "[Optimizer((Optimizer)5)]" },
        { "unknown loss", "[Loss(Loss.SoftmaxCrossEntropy)]", "[Loss((Loss)42)]" },
        { "missing loss", "[Loss(Loss.SoftmaxCrossEntropy)]", string.Empty },
        { "BCE with 10 outputs", "[Loss(Loss.SoftmaxCrossEntropy)]", "[Loss(Loss.BinaryCrossEntropy)]" },
        { "input from a later layer", "[Dropout(0.2)]", "[Dropout(0.2, From = nameof(Logits))]" },
        { "input from no layer", "[Dropout(0.2)]", "[Dropout(0.2, From = \"Hidden9\")]" },
        { "a branch nobody reads", "[Dense(10)]", "[Dense(10, From = nameof(Hidden1))]" },
        { "add of different shapes", "[Dropout(0.2)]", "[Add(nameof(Hidden1), Graph.Input)]" },
        { "merge of one input", "[Dropout(0.2)]", "[Concat(nameof(Hidden1))]" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_model_gets_stubs_only_and_compiles_without_errors(string problem, string find, string replace)
    {
        string source = Template.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Template, source);

        GeneratorRun run = GeneratorHarness.Run(source);

        GeneratorHarness.AssertGeneratorClean(run);
        string text = run.Generated("Samples.Invalid.Broken.g.cs");
        Assert.DoesNotContain("ISupervisedModel", text, StringComparison.Ordinal);
        Assert.DoesNotContain("KernelEngine", text, StringComparison.Ordinal);
        Assert.Contains("public partial global::Generated.Layer Hidden1 { get => throw new global::System.InvalidOperationException(", text, StringComparison.Ordinal);
        Assert.True(run.Errors.IsEmpty, problem + ":\n" + GeneratorHarness.Describe(run.Errors) + "\n" + text);
        Assert.True(run.WarningsAndErrors.IsEmpty, problem + ":\n" + GeneratorHarness.Describe(run.WarningsAndErrors));
    }

    [Fact]
    public void Model_without_layers_gets_an_empty_stub_and_compiles()
    {
        const string source = """
            using Generated;

            namespace Samples.Invalid;

            [Model(4)]
            [Loss(Loss.MeanSquaredError)]
            public partial class NoLayers
            {
                public int Answer => 42;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        GeneratorHarness.AssertGeneratorClean(run);
        Assert.All(run.Result.GeneratedSources, s => Assert.DoesNotContain("ISupervisedModel", s.SourceText.ToString(), StringComparison.Ordinal));
        Assert.True(run.WarningsAndErrors.IsEmpty, GeneratorHarness.Describe(run.WarningsAndErrors));
    }

    [Fact]
    public void Stub_throws_a_helpful_exception_at_run_time()
    {
        GeneratorRun run = GeneratorHarness.Run(Template.Replace("[Dense(10)]", "[Dense(0)]", StringComparison.Ordinal));
        using var assembly = new GeneratedAssembly(run.Output);
        Type type = assembly.Assembly.GetType("Samples.Invalid.Broken", throwOnError: true)!;
        object instance = Activator.CreateInstance(type)!;

        Assert.IsNotAssignableFrom<IModel>(instance);
        var thrown = Assert.Throws<System.Reflection.TargetInvocationException>(() => type.GetProperty("Hidden1")!.GetValue(instance));
        var inner = Assert.IsType<InvalidOperationException>(thrown.InnerException);
        Assert.Contains("Broken", inner.Message, StringComparison.Ordinal);
        Assert.Contains("GEN", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixing_an_invalid_model_brings_the_implementation_back()
    {
        GeneratorRun broken = GeneratorHarness.Run(Template.Replace("[Dropout(0.2)]", "[Dropout(1.5)]", StringComparison.Ordinal));
        SyntaxTreeSwap(broken, Template, out GeneratorRun fixedRun);

        Assert.DoesNotContain("ISupervisedModel", broken.AllGeneratedText, StringComparison.Ordinal);
        Assert.Contains("ISupervisedModel", fixedRun.AllGeneratedText, StringComparison.Ordinal);
        GeneratorHarness.AssertCompilesCleanly(fixedRun);
    }

    private static void SyntaxTreeSwap(GeneratorRun previous, string newSource, out GeneratorRun next)
    {
        Microsoft.CodeAnalysis.SyntaxTree old = previous.Input.SyntaxTrees.Single();
        next = GeneratorHarness.Run(
            previous.Input.ReplaceSyntaxTree(old, GeneratorHarness.Parse(newSource, old.FilePath)),
            previous.Driver);
    }
}
