using System;
using System.Globalization;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Generated.Generators.Tests;

/// <summary>Generated code is compiled, loaded and run: it trains, and it describes itself in PyTorch terms.</summary>
public sealed class ExecutionTests
{
    private const int Features = 784;
    private const int Classes = 10;
    private const int Batch = 32;
    private const int Steps = 50;

    private readonly ITestOutputHelper _output;

    public ExecutionTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void FashionMlp_trains_and_reports_parameters_in_pytorch_layout()
    {
        GeneratorRun run = GeneratorHarness.Run(ModelSources.FashionMlp);
        GeneratorHarness.AssertCompilesCleanly(run);
        using var assembly = new GeneratedAssembly(run.Output);
        using IModel created = assembly.CreateModel("Samples.Fashion.FashionMlp");
        var model = Assert.IsAssignableFrom<ISupervisedModel<int>>(created);

        // Contract: names, shapes ([out, in] like PyTorch), counts, layers and summary.
        Assert.Equal("FashionMlp", model.Name);
        Assert.Equal(784, model.InputSize);
        Assert.Equal(10, model.OutputSize);
        Assert.Equal(1, model.TargetSize);
        Assert.Equal(32, model.MaxBatch);
        Assert.Equal(
            new[]
            {
                "Hidden1.weight [256, 784]", "Hidden1.bias [256]",
                "Hidden2.weight [128, 256]", "Hidden2.bias [128]",
                "Logits.weight [10, 128]", "Logits.bias [10]",
            },
            model.Parameters.Select(p => p.Name + " [" + string.Join(", ", p.Shape) + "]").ToArray());
        Assert.Equal(model.Parameters.Select(p => p.Name), model.Gradients.Select(g => g.Name));
        Assert.Equal(new[] { 256, 784 }, model.Parameters[0].Shape);
        Assert.Equal(new[] { 256 }, model.Parameters[1].Shape);
        const long expectedCount = (784 * 256) + 256 + (256 * 128) + 128 + (128 * 10) + 10;
        Assert.Equal(expectedCount, model.ParameterCount);
        Assert.Equal(expectedCount, model.Parameters.Sum(p => (long)p.Length));
        Assert.Equal(new[] { "Hidden1", "Drop1", "Hidden2", "Logits" }, model.Layers.Select(l => l.Name).ToArray());
        Assert.Equal(new[] { 128 }, model.Layers[2].OutputShape);

        // The user's partial properties now return the layer objects.
        object? hidden1 = model.GetType().GetProperty("Hidden1")!.GetValue(model);
        Assert.Same(model.Layers[0], hidden1);

        string summary = model.Summary();
        _output.WriteLine(summary);
        foreach (string layer in new[] { "Hidden1", "Drop1", "Hidden2", "Logits" })
        {
            Assert.Contains(layer, summary, StringComparison.Ordinal);
        }

        Assert.Contains(expectedCount.ToString("N0", CultureInfo.InvariantCulture), summary, StringComparison.Ordinal);

        // Initialisation: weights drawn, biases zero.
        Assert.Contains(model.Parameters[0].Span.ToArray(), v => v != 0);
        Assert.All(model.Parameters[1].Span.ToArray(), v => Assert.Equal(0f, v));

        // Training on a separable problem: the loss must fall clearly.
        (float[] inputs, int[] labels) = SeparableClasses(Batch * 4, seed: 1);
        var losses = new float[Steps];
        for (int step = 0; step < Steps; step++)
        {
            int batch = step % 4;
            losses[step] = model.TrainStep(
                inputs.AsSpan(batch * Batch * Features, Batch * Features),
                labels.AsSpan(batch * Batch, Batch));
            Assert.True(float.IsFinite(losses[step]), "loss at step " + step + " is " + losses[step]);
        }

        float first = losses[0];
        float last = losses.Skip(Steps - 4).Average();
        _output.WriteLine(FormattableString.Invariant($"loss {first:F4} -> {last:F4} (mean of the last 4 steps)"));
        Assert.InRange(first, 1.8f, 3.5f); // about ln(10) = 2.30 for a fresh 10-class classifier
        Assert.True(last < 0.5f * first, FormattableString.Invariant($"loss only went from {first} to {last}"));

        // Eval mode (dropout off): the training data is classified correctly.
        model.Mode = ModelMode.Eval;
        var logits = new float[labels.Length * Classes];
        model.Forward(inputs, logits);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            int best = 0;
            for (int c = 1; c < Classes; c++)
            {
                if (logits[(i * Classes) + c] > logits[(i * Classes) + best])
                {
                    best = c;
                }
            }

            correct += best == labels[i] ? 1 : 0;
        }

        Assert.True(correct >= labels.Length * 9 / 10, correct + " of " + labels.Length + " correct");
    }

    [Fact]
    public void Binary_sigmoid_model_trains_with_float_targets()
    {
        GeneratorRun run = GeneratorHarness.Run(ModelSources.BinarySigmoid);
        GeneratorHarness.AssertCompilesCleanly(run);
        using var assembly = new GeneratedAssembly(run.Output);
        using IModel created = assembly.CreateModel("Samples.Binary.BinarySigmoid");
        var model = Assert.IsAssignableFrom<ISupervisedModel<float>>(created);
        Assert.Equal(1, model.TargetSize);

        var random = new Random(3);
        var inputs = new float[16 * 4];
        var targets = new float[16];
        for (int i = 0; i < 16; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                inputs[(i * 4) + j] = (float)((random.NextDouble() * 2) - 1);
            }

            targets[i] = inputs[i * 4] + inputs[(i * 4) + 1] > 0 ? 1f : 0f;
        }

        float first = model.TrainStep(inputs, targets);
        float last = first;
        for (int step = 1; step < Steps; step++)
        {
            last = model.TrainStep(inputs, targets);
        }

        _output.WriteLine(FormattableString.Invariant($"BCE {first:F4} -> {last:F4}"));
        Assert.True(last < 0.5f * first, FormattableString.Invariant($"loss only went from {first} to {last}"));
    }

    [Fact]
    public void Mse_momentum_model_trains_with_float_targets()
    {
        GeneratorRun run = GeneratorHarness.Run(ModelSources.MseMomentum);
        GeneratorHarness.AssertCompilesCleanly(run);
        using var assembly = new GeneratedAssembly(run.Output);
        using IModel created = assembly.CreateModel("Samples.Regression.MseMomentum");
        var model = Assert.IsAssignableFrom<ISupervisedModel<float>>(created);
        Assert.Equal(2, model.TargetSize);
        Assert.Equal(new[] { "Hidden.weight", "Hidden.bias", "Output.weight" }, model.Parameters.Select(p => p.Name).ToArray());
        Assert.Equal(new[] { 2, 16 }, model.Parameters[2].Shape);

        var random = new Random(4);
        var inputs = new float[16 * 3];
        var targets = new float[16 * 2];
        for (int i = 0; i < 16; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                inputs[(i * 3) + j] = (float)((random.NextDouble() * 2) - 1);
            }

            targets[i * 2] = inputs[i * 3] - (0.5f * inputs[(i * 3) + 2]);
            targets[(i * 2) + 1] = 0.3f * inputs[(i * 3) + 1];
        }

        float first = model.TrainStep(inputs, targets);
        float last = first;
        for (int step = 1; step < Steps; step++)
        {
            last = model.TrainStep(inputs, targets);
        }

        _output.WriteLine(FormattableString.Invariant($"MSE {first:F4} -> {last:F4}"));
        Assert.True(last < 0.5f * first, FormattableString.Invariant($"loss only went from {first} to {last}"));
    }

    /// <summary>Class c lights up its own block of 78 pixels, plus uniform noise everywhere.</summary>
    private static (float[] Inputs, int[] Labels) SeparableClasses(int samples, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[samples * Features];
        var labels = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            int label = i % Classes;
            labels[i] = label;
            for (int j = 0; j < Features; j++)
            {
                float signal = j / 78 == label ? 1f : 0f;
                inputs[(i * Features) + j] = signal + (0.2f * (float)random.NextDouble());
            }
        }

        return (inputs, labels);
    }
}
