using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Generated.Generators.Tests;

/// <summary>
/// Convolutional models compiled by the real generator: the code is warning-free, calls the image kernels with literal
/// windows, describes itself in PyTorch layouts and trains; an image model the analyzer rejects gets stubs only.
/// </summary>
public sealed class ConvolutionExecutionTests
{
    /// <summary>Strided 'same' and grouped dilated convolutions, per-channel batch norm, both poolings, spatial dropout.</summary>
    private const string Cnn = """
        using Generated;

        namespace Samples.Images;

        [Model(2, 10, 10, MaxBatch = 32, Seed = 9)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        [Optimizer(Optimizer.Adam, LearningRate = 0.01)]
        public partial class Cnn
        {
            [Conv2D(8, 3, Stride = 2, Padding = Padding.Same, UseBias = false)] public partial Layer Conv1 { get; }
            [BatchNorm] public partial Layer Norm1 { get; }
            [Activation(Activation.ReLU)] public partial Layer Relu1 { get; }
            [Conv2D(8, 3, Activation.ReLU, Groups = 2, Dilation = 2, Padding = Padding.Same, L2 = 1e-4)] public partial Layer Conv2 { get; }
            [Dropout(0.1, Spatial = true)] public partial Layer Drop { get; }
            [MaxPool2D(2)] public partial Layer Pool1 { get; }
            [Conv2D(6, 1, Activation.ReLU)] public partial Layer Mix { get; }
            [AvgPool2D(2, Stride = 1)] public partial Layer Pool2 { get; }
            [GlobalAveragePool] public partial Layer Global { get; }
            [Dense(3)] public partial Layer Logits { get; }
        }
        """;

    /// <summary>The norm's output feeds the ReLU and an Add: two readers, so the ReLU stays a layer of its own.</summary>
    private const string SharedNorm = """
        using Generated;

        namespace Samples.Images;

        [Model(2, 6, 6, MaxBatch = 8)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class SharedNorm
        {
            [Conv2D(4, 3, Padding = Padding.Same, UseBias = false)] public partial Layer Conv1 { get; }
            [BatchNorm] public partial Layer Norm { get; }
            [Activation(Activation.ReLU)] public partial Layer Act { get; }
            [Add(nameof(Act), nameof(Norm))] public partial Layer Sum { get; }
            [Flatten] public partial Layer Flat { get; }
            [Dense(3)] public partial Layer Logits { get; }
        }
        """;

    private readonly ITestOutputHelper _output;

    public ConvolutionExecutionTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void A_relu_is_not_fused_into_a_batch_norm_that_another_layer_reads()
    {
        GeneratorRun run = GeneratorHarness.Run(SharedNorm);
        GeneratorHarness.AssertCompilesCleanly(run);
        string text = run.Generated("Samples.Images.SharedNorm.g.cs");
        Assert.Contains("_engine.ActivationForward(", text, StringComparison.Ordinal);
        Assert.Contains("_engine.ActivationBackward(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("relu: true", text, StringComparison.Ordinal); // neither the forward sweep nor the backward mask
    }

    [Fact]
    public void Generated_code_calls_the_image_kernels_with_literal_windows()
    {
        GeneratorRun run = GeneratorHarness.Run(Cnn);
        GeneratorHarness.AssertCompilesCleanly(run);
        string text = run.Generated("Samples.Images.Cnn.g.cs");

        // Conv1: [2, 10, 10] → [8, 5, 5]: 'same' with stride 2 needs (5 − 1)·2 + 3 − 10 = 1 padded row and column, after.
        Assert.Contains("_engine.ReserveConvolution(new global::Generated.Kernels.Window2D(2, 10, 10, 3, 2, 1, 0, 0, 5, 5), 8, 1);", text, StringComparison.Ordinal);
        // Conv2: dilation 2 spans 5, so 'same' pads 2 before and after.
        Assert.Contains("global::Generated.Kernels.Window2D(8, 5, 5, 3, 1, 2, 2, 2, 5, 5), 8, 2, global::Generated.Activation.ReLU", text, StringComparison.Ordinal);
        // Per-channel batch norm passes its 25 positions and, as the only layer reading it is a ReLU, rectifies in its own
        // sweep: Relu1 is a view of Norm1's output, and the backward pass tells Norm1 to apply the ReLU's mask.
        Assert.Contains("batch, 8, 25, 0.1f, 1E-05f, training, relu: true);", text, StringComparison.Ordinal);
        Assert.Contains("// Relu1: Activation 200 -> 200, applied in Norm1's normalising sweep", text, StringComparison.Ordinal);
        Assert.DoesNotContain("_engine.ActivationForward(", text, StringComparison.Ordinal);
        Assert.Contains(", _lastForwardTrained, true, relu: true);", text, StringComparison.Ordinal);
        // The first convolution needs no input gradient.
        Assert.Contains("global::System.Span<float>.Empty, batch, new global::Generated.Kernels.Window2D(2, 10, 10", text, StringComparison.Ordinal);
        Assert.Contains("_engine.SpatialDropoutForward(", text, StringComparison.Ordinal);
        Assert.Contains("private readonly int[] _mask5;", text, StringComparison.Ordinal);
        Assert.Contains("_engine.MaxPoolBackward(", text, StringComparison.Ordinal);
        Assert.Contains("global::Generated.Kernels.KernelEngine.GlobalAveragePoolBackward(", text, StringComparison.Ordinal);
        Assert.Contains("Regularization.AddGradient(", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cnn_describes_itself_and_trains()
    {
        GeneratorRun run = GeneratorHarness.Run(Cnn);
        GeneratorHarness.AssertCompilesCleanly(run);
        using var assembly = new GeneratedAssembly(run.Output);
        using IModel created = assembly.CreateModel("Samples.Images.Cnn");
        var model = Assert.IsAssignableFrom<ISupervisedModel<int>>(created);

        Assert.Equal(200, model.InputSize);
        Assert.Equal(
            ["Conv1.weight [8, 2, 3, 3]", "Norm1.weight [8]", "Norm1.bias [8]", "Conv2.weight [8, 4, 3, 3]", "Conv2.bias [8]",
                "Mix.weight [6, 8, 1, 1]", "Mix.bias [6]", "Logits.weight [3, 6]", "Logits.bias [3]"],
            model.Parameters.Select(p => p.Name + " [" + string.Join(", ", p.Shape) + "]").ToArray());
        Assert.Equal(
            ["Conv2D", "BatchNorm", "Activation", "Conv2D", "Dropout", "MaxPool2D", "Conv2D", "AvgPool2D", "GlobalAveragePool", "Dense"],
            model.Layers.Select(l => l.Kind).ToArray());
        Assert.Equal([6, 1, 1], model.Layers[7].OutputShape);
        string summary = model.Summary();
        _output.WriteLine(summary);
        Assert.Contains("Conv1 (Conv2D 3x3/2 same, linear)", summary, StringComparison.Ordinal);
        Assert.Contains("Conv2 (Conv2D 3x3 d2 same g2, relu) (None, 8, 5, 5)", summary, StringComparison.Ordinal);
        Assert.Contains("(None, 8, 5, 5)", summary, StringComparison.Ordinal);
        Assert.Contains("Pool2 (AvgPool2D 2x2/1)", summary, StringComparison.Ordinal);

        // Three classes: a bright square in the left, middle or right third of the first channel.
        var random = new Random(4);
        var inputs = new float[30 * 200];
        var labels = new int[30];
        for (int n = 0; n < 30; n++)
        {
            labels[n] = n % 3;
            for (int p = 0; p < 200; p++)
            {
                int column = p % 10, row = p / 10 % 10;
                bool lit = p < 100 && row is >= 3 and < 7 && column >= (labels[n] * 3) + 1 && column < (labels[n] * 3) + 4;
                inputs[(n * 200) + p] = (lit ? 1f : 0f) + (0.3f * (float)random.NextDouble());
            }
        }

        float first = model.TrainStep(inputs, labels), last = first;
        for (int step = 1; step < 80; step++)
        {
            last = model.TrainStep(inputs, labels);
            Assert.True(float.IsFinite(last));
        }

        _output.WriteLine(FormattableString.Invariant($"loss {first:F4} -> {last:F4}"));
        Assert.True(last < 0.2f * first, FormattableString.Invariant($"loss only went from {first} to {last}"));
    }

    [Theory]
    [InlineData("[Conv2D(8, 3, Stride = 2, Padding = Padding.Same, UseBias = false)]", "[Conv2D(8, 11)]")]
    [InlineData("[Conv2D(8, 3, Activation.ReLU, Groups = 2, Dilation = 2, Padding = Padding.Same, L2 = 1e-4)]", "[Conv2D(8, 3, Groups = 3)]")]
    [InlineData("[Model(2, 10, 10, MaxBatch = 32, Seed = 9)]", "[Model(200, MaxBatch = 32, Seed = 9)]")]
    public void An_image_model_the_analyzer_rejects_gets_stubs_only(string find, string replace)
    {
        string source = Cnn.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Cnn, source);
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.Errors);
        string text = run.Generated("Samples.Images.Cnn.g.cs");
        Assert.DoesNotContain("Conv2DForward", text, StringComparison.Ordinal);
        Assert.Contains("public partial global::Generated.Layer Conv1 { get => throw new global::System.InvalidOperationException(", text, StringComparison.Ordinal);
    }
}
