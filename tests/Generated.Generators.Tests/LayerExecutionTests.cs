using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Generated.Generators.Tests;

/// <summary>
/// Models built from the reshaping, activation and batch-normalisation layers, penalties, the newer initialisers and
/// binary cross-entropy on logits are compiled, loaded and run: they describe themselves and they train.
/// </summary>
public sealed class LayerExecutionTests
{
    private readonly ITestOutputHelper _output;

    public LayerExecutionTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Image_model_with_flatten_and_batch_norm_trains_and_describes_itself()
    {
        using var assembly = Compile(ModelSources.ImageBatchNorm);
        using IModel created = assembly.CreateModel("Samples.Layers.Net");
        var model = Assert.IsAssignableFrom<ISupervisedModel<int>>(created);

        Assert.Equal(784, model.InputSize);
        Assert.Equal(Loss.SoftmaxCrossEntropy, model.Loss);
        Assert.Equal(
            new[] { "Hidden.weight [32, 784]", "Norm.weight [32]", "Norm.bias [32]", "Logits.weight [10, 32]", "Logits.bias [10]" },
            model.Parameters.Select(Describe).ToArray());
        Assert.Equal(new[] { "Norm.running_mean [32]", "Norm.running_var [32]", "Norm.num_batches_tracked []" }, model.Buffers.Select(Describe).ToArray());
        Assert.Equal(new[] { "Flatten", "Dense", "BatchNorm", "Activation", "Dense" }, model.Layers.Select(l => l.Kind).ToArray());
        string summary = model.Summary();
        _output.WriteLine(summary);
        Assert.Contains("Norm (BatchNorm)", summary, StringComparison.Ordinal);
        Assert.Contains("(None, 28, 28)", summary, StringComparison.Ordinal);

        // Ten classes, each lighting its own band of rows of the image.
        var random = new Random(1);
        var inputs = new float[64 * 784];
        var labels = new int[64];
        for (int i = 0; i < 64; i++)
        {
            labels[i] = i % 10;
            for (int p = 0; p < 784; p++)
            {
                inputs[(i * 784) + p] = (p / 28 / 3 == labels[i] ? 1f : 0f) + (0.3f * (float)random.NextDouble());
            }
        }

        (float first, float last) = Train(model, inputs, labels, steps: 30);

        _output.WriteLine(FormattableString.Invariant($"loss {first:F4} -> {last:F4}"));
        Assert.True(last < 0.3f * first, FormattableString.Invariant($"loss only went from {first} to {last}"));
        Assert.Equal(30f, model.Buffers[2].Span[0]); // one running-statistics update per step

        // Eval mode classifies with the running statistics.
        model.Mode = ModelMode.Eval;
        var logits = new float[64 * 10];
        model.Forward(inputs, logits);
        int correct = Enumerable.Range(0, 64).Count(i => IndexOfMax(logits.AsSpan(i * 10, 10)) == labels[i]);
        Assert.True(correct >= 58, correct + " of 64 correct");
    }

    [Fact]
    public void Reshapes_activations_and_penalties_train()
    {
        using var assembly = Compile(ModelSources.ReshapeAndActivations);
        using IModel created = assembly.CreateModel("Samples.Layers.Shapes");
        var model = Assert.IsAssignableFrom<ISupervisedModel<float>>(created);
        Assert.Equal(4, model.OutputSize);
        Assert.Equal(new[] { 2, 2 }, model.Layers[^1].OutputShape);
        Assert.Equal(new[] { 3, 4 }, model.Layers[0].OutputShape);
        Assert.All(model.Parameters.Single(p => p.Name == "Scores.weight").Span.ToArray(), w => Assert.Equal(0.01f, w));

        var random = new Random(2);
        var inputs = new float[16 * 12];
        var targets = new float[16 * 4];
        for (int i = 0; i < 16; i++)
        {
            for (int j = 0; j < 12; j++)
            {
                inputs[(i * 12) + j] = (float)((random.NextDouble() * 2) - 1);
            }

            // A point on the simplex (which the softmax output can reach) picked by the largest of the first four inputs.
            int hot = IndexOfMax(inputs.AsSpan(i * 12, 4));
            for (int k = 0; k < 4; k++)
            {
                targets[(i * 4) + k] = k == hot ? 0.7f : 0.1f;
            }
        }

        model.LearningRate = 0.5;
        (float first, float last) = Train(model, inputs, targets, steps: 300);

        _output.WriteLine(FormattableString.Invariant($"MSE {first:F5} -> {last:F5}"));
        Assert.True(last < 0.7f * first, FormattableString.Invariant($"loss only went from {first} to {last}"));

        // The softmax rows still sum to one through the final reshape.
        model.Mode = ModelMode.Eval;
        var outputs = new float[16 * 4];
        model.Forward(inputs, outputs);
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(1f, outputs.AsSpan(i * 4, 4).ToArray().Sum(), 5);
        }
    }

    [Fact]
    public void Logit_model_with_input_batch_norm_trains_on_float_targets()
    {
        using var assembly = Compile(ModelSources.LogitBinary);
        using IModel created = assembly.CreateModel("Samples.Layers.Logit");
        var model = Assert.IsAssignableFrom<ISupervisedModel<float>>(created);
        Assert.Equal(Loss.BinaryCrossEntropyWithLogits, model.Loss);
        Assert.All(model.Parameters[2].Span.ToArray(), w => Assert.Equal(0f, w)); // Hidden.weight, Init.Zeros
        Assert.All(model.Parameters[4].Span.ToArray(), w => Assert.Equal(1f, w)); // Score.weight, Init.Ones

        // Features on very different scales: the batch norm in front evens them out.
        var random = new Random(3);
        var inputs = new float[16 * 4];
        var targets = new float[16];
        for (int i = 0; i < 16; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                inputs[(i * 4) + j] = (float)(((random.NextDouble() * 2) - 1) * Math.Pow(10, j - 1));
            }

            targets[i] = (inputs[i * 4] * 10) + inputs[(i * 4) + 2] > 0 ? 1f : 0f;
        }

        (float first, float last) = Train(model, inputs, targets, steps: 100);

        _output.WriteLine(FormattableString.Invariant($"BCE with logits {first:F4} -> {last:F4}"));
        Assert.True(last < 0.5f * first, FormattableString.Invariant($"loss only went from {first} to {last}"));
    }

    [Fact]
    public void Model_of_views_only_returns_its_input()
    {
        using var assembly = Compile(ModelSources.ViewsOnly);
        using IModel created = assembly.CreateModel("Samples.Layers.ViewsOnly");
        var model = Assert.IsAssignableFrom<ISupervisedModel<float>>(created);
        Assert.Equal(0, model.ParameterCount);
        Assert.Empty(model.Parameters);

        // Six samples: two chunks of MaxBatch 4, each copied straight from the caller's input.
        float[] inputs = Enumerable.Range(0, 36).Select(i => i * 0.5f).ToArray();
        var outputs = new float[36];
        model.Forward(inputs, outputs);
        Assert.Equal(inputs, outputs);
        Assert.Equal(0f, model.TrainStep(inputs.AsSpan(0, 24), inputs.AsSpan(0, 24)));
    }

    /// <summary>Full-batch steps on one batch; the first and last losses, every one of them finite.</summary>
    private static (float First, float Last) Train<TTarget>(ISupervisedModel<TTarget> model, float[] inputs, TTarget[] targets, int steps)
        where TTarget : unmanaged
    {
        float first = model.TrainStep(inputs, targets);
        float last = first;
        for (int step = 1; step < steps; step++)
        {
            last = model.TrainStep(inputs, targets);
            Assert.True(float.IsFinite(last), FormattableString.Invariant($"loss at step {step} is {last}"));
        }

        return (first, last);
    }

    private static GeneratedAssembly Compile(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        GeneratorHarness.AssertCompilesCleanly(run);
        return new GeneratedAssembly(run.Output);
    }

    private static string Describe(ParameterTensor tensor) => tensor.Name + " [" + string.Join(", ", tensor.Shape) + "]";

    private static int IndexOfMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }
}
