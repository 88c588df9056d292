using System;
using System.IO;
using System.Linq;
using Generated.IO;
using Generated.Training;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Batch normalisation against hand-computed values with PyTorch BatchNorm1d semantics: batch statistics (biased
/// variance) in training, running statistics in evaluation, running = (1 − m)·running + m·batch with the unbiased
/// variance; plus its refusals, persistence and description.
/// </summary>
public sealed class BatchNormTests
{
    // BareBatchNormModel: 3 features, Momentum = 0.2, Epsilon = 1e-3. Four samples; the columns have
    //   feature 0: 1, 2, 3, 4    mean 2.5  biased var 1.25  unbiased var 5/3
    //   feature 1: -2, 0, 2, 4   mean 1    biased var 5     unbiased var 20/3
    //   feature 2: 0.5 (x4)      mean 0.5  var 0            (normalises to exactly 0, so y = beta)
    private static readonly float[] Inputs = [1, -2, 0.5f, 2, 0, 0.5f, 3, 2, 0.5f, 4, 4, 0.5f];
    private static readonly double[] BatchMean = [2.5, 1, 0.5];
    private static readonly double[] BiasedVariance = [1.25, 5, 0];
    private static readonly double[] UnbiasedVariance = [5.0 / 3, 20.0 / 3, 0];
    private static readonly float[] Gamma = [2, 0.5f, 1];
    private static readonly float[] Beta = [0.1f, -1, 3];
    private const double Momentum = 0.2;
    private const double Epsilon = 1e-3;

    [Fact]
    public void Training_forward_normalises_with_the_batch_mean_and_biased_variance()
    {
        using BareBatchNormModel model = Prepared();
        var y = new float[12];
        model.Forward(Inputs, y);

        for (int n = 0; n < 4; n++)
        {
            for (int j = 0; j < 3; j++)
            {
                double expected = (Gamma[j] * (Inputs[(n * 3) + j] - BatchMean[j]) / Math.Sqrt(BiasedVariance[j] + Epsilon)) + Beta[j];
                Assert.Equal(expected, y[(n * 3) + j], 5);
            }
        }

        // Spot values written out: (1 − 2.5)·2/sqrt(1.251) + 0.1 and (4 − 1)·0.5/sqrt(5.001) − 1.
        Assert.Equal(-2.582209, y[0], 5);
        Assert.Equal(-0.329247, y[10], 5);
        Assert.Equal(3f, y[2]);
    }

    [Fact]
    public void One_training_step_moves_the_running_statistics_like_pytorch()
    {
        using BareBatchNormModel model = Prepared();
        var targets = new float[12];
        model.TrainStep(Inputs, targets);

        (float[] mean, float[] variance, float[] count) = RunningStatistics(model);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal((1 - Momentum) * 0 + (Momentum * BatchMean[j]), mean[j], 6);
            Assert.Equal((1 - Momentum) * 1 + (Momentum * UnbiasedVariance[j]), variance[j], 6);
        }

        // Written out: 0.2 · [2.5, 1, 0.5] and 0.8 + 0.2 · [5/3, 20/3, 0].
        Assert.Equal([0.5f, 0.2f, 0.1f], mean.Select(v => MathF.Round(v, 6)).ToArray());
        Assert.Equal(1.133333, variance[0], 6);
        Assert.Equal(2.133333, variance[1], 6);
        Assert.Equal(0.8, variance[2], 6);
        Assert.Equal([1f], count);

        // A second step on the same batch compounds: 0.8 · 0.5 + 0.2 · 2.5 = 0.9.
        model.TrainStep(Inputs, targets);
        Assert.Equal(0.9, RunningStatistics(model).Mean[0], 6);
        Assert.Equal([2f], RunningStatistics(model).Count);
    }

    [Fact]
    public void Eval_forward_uses_the_running_statistics_and_changes_nothing()
    {
        using BareBatchNormModel model = Prepared();
        model.Forward(Inputs, new float[12]); // one training pass: running mean 0.2·batch mean, var 0.8 + 0.2·unbiased
        (float[] mean, float[] variance, _) = RunningStatistics(model);

        model.Mode = ModelMode.Eval;
        var y = new float[12];
        model.Forward(Inputs, y);
        for (int n = 0; n < 4; n++)
        {
            for (int j = 0; j < 3; j++)
            {
                double runningMean = Momentum * BatchMean[j];
                double runningVariance = (1 - Momentum) + (Momentum * UnbiasedVariance[j]);
                double expected = (Gamma[j] * (Inputs[(n * 3) + j] - runningMean) / Math.Sqrt(runningVariance + Epsilon)) + Beta[j];
                Assert.Equal(expected, y[(n * 3) + j], 5);
            }
        }

        // (1 − 0.5)·2/sqrt(0.8 + 0.2·5/3 + 0.001) + 0.1, written out.
        Assert.Equal(1.038922, y[0], 5);
        Assert.Equal(mean, RunningStatistics(model).Mean);
        Assert.Equal(variance, RunningStatistics(model).Variance);

        // One sample is fine in eval mode: nothing is estimated from the batch.
        var one = new float[3];
        model.Forward(Inputs.AsSpan(0, 3), one);
        Assert.Equal(y.AsSpan(0, 3).ToArray(), one);
    }

    [Fact]
    public void A_fresh_layer_starts_as_pytorch_does()
    {
        using var model = new BareBatchNormModel();
        Assert.All(model.Norm.Parameters[0].Span.ToArray(), g => Assert.Equal(1f, g));
        Assert.All(model.Norm.Parameters[1].Span.ToArray(), b => Assert.Equal(0f, b));
        (float[] mean, float[] variance, float[] count) = RunningStatistics(model);
        Assert.Equal([0f, 0f, 0f], mean);
        Assert.Equal([1f, 1f, 1f], variance);
        Assert.Equal([0f], count);
    }

    [Fact]
    public void Training_with_one_sample_throws_and_changes_nothing()
    {
        using var refused = new BatchNormModel();
        using var untouched = new BatchNormModel();
        float[] x = GradientCheck.RandomInputs(8 * 5, 30);
        int[] y = GradientCheck.RandomLabels(8, 3, 31);
        float[] before = State(refused);

        var error = Assert.Throws<ArgumentException>(() => refused.TrainStep(x.AsSpan(0, 5), y.AsSpan(0, 1)));
        Assert.Contains("more than 1 sample", error.Message, StringComparison.Ordinal);
        Assert.Equal("inputs", error.ParamName);
        Assert.Throws<ArgumentException>(() => refused.Forward(x.AsSpan(0, 5), new float[3]));
        Assert.Equal(before, State(refused));

        // Nothing hidden moved either (the optimizer's step count included): the next step matches a fresh model's.
        Assert.Equal(untouched.TrainStep(x, y), refused.TrainStep(x, y));
        Assert.Equal(State(untouched), State(refused));
    }

    [Fact]
    public void Trainer_skips_the_single_sample_an_epoch_leaves_over()
    {
        using var model = new BatchNormModel();
        const int Samples = 17; // batches of 4: four full batches and one sample left over
        var data = new Dataset<int>(GradientCheck.RandomInputs(Samples * 5, 40), GradientCheck.RandomLabels(Samples, 3, 41), 5, 1);
        var trainer = new Trainer<int>(new TrainerOptions { Epochs = 2, BatchSize = 4, ValidationFraction = 0, Progress = ProgressMode.None });

        TrainingHistory history = trainer.Fit(model, data);

        Assert.Equal(2, history.Count);
        Assert.All(history, epoch => Assert.True(float.IsFinite((float)epoch.TrainLoss)));
    }

    [Fact]
    public void Trainer_refuses_batches_of_one_for_a_batch_norm_model_before_training()
    {
        using var model = new BatchNormModel();
        float[] before = State(model);
        var data = new Dataset<int>(GradientCheck.RandomInputs(8 * 5, 42), GradientCheck.RandomLabels(8, 3, 43), 5, 1);
        var trainer = new Trainer<int>(new TrainerOptions { Epochs = 1, BatchSize = 1, ValidationFraction = 0, Progress = ProgressMode.None });

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(model, data));

        Assert.Contains("batch normalisation", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, State(model));
    }

    [Fact]
    public void Optimizer_never_touches_the_running_statistics()
    {
        // The running statistics move during the forward pass, before the update. A training step must therefore leave
        // exactly the buffers a forward pass alone leaves on an identical model: the optimizer sweep skipped them.
        using var stepped = new BatchNormModel();
        using var forwardOnly = new BatchNormModel();
        float[] x = GradientCheck.RandomInputs(8 * 5, 32);
        int[] y = GradientCheck.RandomLabels(8, 3, 33);
        stepped.TrainStep(x, y);
        forwardOnly.ComputeLoss(x, y);

        Assert.NotEqual(stepped.Parameters[1].Span.ToArray(), forwardOnly.Parameters[1].Span.ToArray()); // gamma trained
        Assert.Equal(Buffers(forwardOnly), Buffers(stepped));
    }

    [Fact]
    public void Save_and_load_keep_the_running_statistics()
    {
        string path = Path.Combine(Path.GetTempPath(), $"generated-bn-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var trained = new BatchNormModel();
            float[] x = GradientCheck.RandomInputs(8 * 5, 34);
            int[] y = GradientCheck.RandomLabels(8, 3, 35);
            for (int i = 0; i < 5; i++)
            {
                trained.TrainStep(x, y);
            }

            trained.Save(path);
            var entries = SafeTensors.Read(path).ToDictionary(e => e.Name);
            Assert.Equal(
                ["Hidden.weight", "Norm.bias", "Norm.num_batches_tracked", "Norm.running_mean", "Norm.running_var", "Norm.weight", "Output.bias", "Output.weight"],
                entries.Keys.Order(StringComparer.Ordinal).ToArray());
            Assert.Empty(entries["Norm.num_batches_tracked"].Shape);
            Assert.Equal([5f], entries["Norm.num_batches_tracked"].Data);
            Assert.Equal([6], entries["Norm.running_var"].Shape);

            using var fresh = new BatchNormModel(new ModelOptions { Seed = 1 });
            Assert.NotEqual(Buffers(trained), Buffers(fresh));
            fresh.Load(path);
            Assert.Equal(State(trained), State(fresh));

            trained.Mode = ModelMode.Eval;
            fresh.Mode = ModelMode.Eval;
            var expected = new float[8 * 3];
            var actual = new float[8 * 3];
            trained.Forward(x, expected);
            fresh.Forward(x, actual);
            Assert.Equal(expected, actual);

            // A checkpoint of a model without the buffers does not load silently.
            using var plain = new InputBatchNormModel();
            Assert.Throws<InvalidDataException>(() => plain.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parameters_buffers_layers_and_summary_describe_the_layer()
    {
        using var model = new ImageNet();
        Assert.Equal(
            ["Hidden.weight", "Norm.weight", "Norm.bias", "Logits.weight", "Logits.bias"],
            model.Parameters.Select(p => p.Name).ToArray());
        Assert.Equal([32], model.Parameters[1].Shape);
        Assert.Equal((784 * 32) + (2 * 32) + (32 * 10) + 10, model.ParameterCount);
        Assert.Equal(
            ["Norm.running_mean", "Norm.running_var", "Norm.num_batches_tracked"],
            ((IModel)model).Buffers.Select(b => b.Name).ToArray());
        Assert.Equal(((IModel)model).Buffers, model.Norm.Buffers);
        Assert.Equal(["Flatten", "Dense", "BatchNorm", "Activation", "Dense"], model.Layers.Select(l => l.Kind).ToArray());
        Assert.Equal([784], model.Flat.OutputShape);
        Assert.Empty(model.Relu.Parameters);
        Assert.Empty(model.Hidden.Buffers);

        string summary = model.Summary();
        Assert.Contains("(input)                           (None, 28, 28)                 0\n", summary, StringComparison.Ordinal);
        Assert.Contains("Flat (Flatten)                    (None, 784)                    0\n", summary, StringComparison.Ordinal);
        Assert.Contains("Norm (BatchNorm)                  (None, 32)                    64\n", summary, StringComparison.Ordinal);
        Assert.Contains("Relu (Activation, relu)           (None, 32)                     0\n", summary, StringComparison.Ordinal);
        Assert.Contains("Total params: 25,482", summary, StringComparison.Ordinal);
        Assert.Contains("Non-trainable buffers: 65", summary, StringComparison.Ordinal);
    }

    private static BareBatchNormModel Prepared()
    {
        var model = new BareBatchNormModel(new ModelOptions { Threads = 1 });
        Gamma.CopyTo(model.Norm.Parameters[0].Span);
        Beta.CopyTo(model.Norm.Parameters[1].Span);
        return model;
    }

    private static (float[] Mean, float[] Variance, float[] Count) RunningStatistics<TModel>(TModel model)
        where TModel : IModel =>
        (model.Buffers[0].Span.ToArray(), model.Buffers[1].Span.ToArray(), model.Buffers[2].Span.ToArray());

    private static float[] Buffers<TModel>(TModel model)
        where TModel : IModel => model.Buffers.SelectMany(b => b.Span.ToArray()).ToArray();

    /// <summary>Every parameter and buffer, concatenated.</summary>
    private static float[] State<TModel>(TModel model)
        where TModel : IModel => model.Parameters.SelectMany(p => p.Span.ToArray()).Concat(Buffers(model)).ToArray();
}
