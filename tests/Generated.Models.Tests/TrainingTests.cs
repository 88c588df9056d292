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
    public void Binary_classifier_learns_a_circle()
    {
        var rng = new Rng(8);
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

        using var model = new BinaryModel(new ModelOptions { LearningRate = 0.5 });
        var trainer = new Trainer<float>(new TrainerOptions { Epochs = 200, BatchSize = 8, Seed = 1, Progress = ProgressMode.None });
        var data = new Dataset<float>(x, y, 4);
        trainer.Fit(model, data);
        (_, double? accuracy) = trainer.Evaluate(model, data);
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }

    private static Dataset<int> Spiral(int perClass, long seed)
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
