using System;
using Generated.Training;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>Generated models learn: a non-linear problem no linear model can solve is fitted by the trainer.</summary>
public sealed class TrainingTests
{
    [Fact]
    public void Three_arm_spiral_is_learned()
    {
        (Dataset<int> train, Dataset<int> test) = Spiral(600, seed: 3).Split(0.25, seed: 4);
        using var model = new SpiralModel();
        var trainer = new Trainer<int>(new TrainerOptions { Epochs = 150, BatchSize = 32, Seed = 5, Progress = ProgressMode.None });
        TrainingHistory history = trainer.Fit(model, train);
        (double loss, double? accuracy) = trainer.Evaluate(model, test);
        Assert.True(history[history.Count - 1].TrainLoss < history[0].TrainLoss / 4, $"loss {history[0].TrainLoss} -> {history[history.Count - 1].TrainLoss}");
        Assert.True(accuracy > 0.9, $"test accuracy {accuracy}, loss {loss}");
        Assert.Equal(ModelMode.Eval, model.Mode);
    }

    [Fact]
    public void Spiral_is_learned_with_batch_norm_and_classified_with_running_statistics()
    {
        (Dataset<int> train, Dataset<int> test) = Spiral(600, seed: 3).Split(0.25, seed: 4);
        using var model = new SpiralBatchNormModel();
        var trainer = new Trainer<int>(new TrainerOptions { Epochs = 60, BatchSize = 32, Seed = 5, Progress = ProgressMode.None });
        trainer.Fit(model, train);
        (double loss, double? accuracy) = trainer.Evaluate(model, test); // eval mode: running mean and variance
        Assert.True(accuracy > 0.9, $"test accuracy {accuracy}, loss {loss}");
    }

    [Fact]
    public void Binary_classifier_learns_a_circle()
    {
        Dataset<float> data = Circle(seed: 8);
        using var model = new BinaryModel(new ModelOptions { LearningRate = 0.5 });
        var trainer = new Trainer<float>(new TrainerOptions { Epochs = 200, BatchSize = 8, Seed = 1, Progress = ProgressMode.None });
        trainer.Fit(model, data);
        (_, double? accuracy) = trainer.Evaluate(model, data);
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }

    [Fact]
    public void Logit_classifier_learns_a_circle_and_is_scored_at_logit_zero()
    {
        Dataset<float> data = Circle(seed: 8);
        using var model = new LogitBinaryModel();
        var trainer = new Trainer<float>(new TrainerOptions { Epochs = 200, BatchSize = 8, Seed = 1, Progress = ProgressMode.None });
        trainer.Fit(model, data);
        (_, double? accuracy) = trainer.Evaluate(model, data);

        // The trainer's accuracy is the fraction of samples whose logit falls on the right side of 0.
        model.Mode = ModelMode.Eval;
        var logits = new float[data.Count];
        model.Forward(data.Features, logits);
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            correct += (logits[i] >= 0) == (data.Targets[i] >= 0.5f) ? 1 : 0;
        }

        Assert.Equal((double)correct / data.Count, accuracy);
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }

    /// <summary>Four uniform features in [-1, 1); class 1 inside the circle x0² + x1² &lt; 0.5.</summary>
    private static Dataset<float> Circle(long seed)
    {
        var rng = new Rng(seed);
        var x = new float[400 * 4];
        var y = new float[400];
        for (int i = 0; i < 400; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[(i * 4) + j] = (float)((rng.NextDouble() * 2) - 1);
            }

            y[i] = (x[i * 4] * x[i * 4]) + (x[(i * 4) + 1] * x[(i * 4) + 1]) < 0.5f ? 1f : 0f;
        }

        return new Dataset<float>(x, y, 4);
    }

    internal static Dataset<int> Spiral(int perClass, long seed)
    {
        var rng = new Rng(seed);
        int count = perClass * 3;
        var x = new float[count * 2];
        var y = new int[count];
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < perClass; i++)
            {
                int n = (c * perClass) + i;
                double radius = (double)i / perClass;
                double angle = (c * 4.0) + (radius * 4.0) + (rng.NextGaussian() * 0.2);
                x[2 * n] = (float)(radius * Math.Sin(angle));
                x[(2 * n) + 1] = (float)(radius * Math.Cos(angle));
                y[n] = c;
            }
        }

        return new Dataset<int>(x, y, 2);
    }
}
