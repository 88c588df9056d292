using Generated.Training;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>The probability losses with their fused softmax train a non-linear problem, and the trainer scores them by argmax.</summary>
public sealed class LossTrainingTests
{
    [Fact]
    public void Spiral_is_learned_from_one_hot_targets_with_gelu_and_swish()
    {
        (Dataset<int> labelled, Dataset<int> heldOut) = TrainingTests.Spiral(600, seed: 3).Split(0.25, seed: 4);
        Dataset<float> train = OneHot(labelled), test = OneHot(heldOut);
        using var model = new SpiralCategoricalModel();
        var trainer = new Trainer<float>(new TrainerOptions { Epochs = 60, BatchSize = 32, Seed = 5, Progress = ProgressMode.None });
        TrainingHistory history = trainer.Fit(model, train);
        (double loss, double? accuracy) = trainer.Evaluate(model, test);
        Assert.True(history[history.Count - 1].TrainLoss < history[0].TrainLoss / 4, $"loss {history[0].TrainLoss} -> {history[history.Count - 1].TrainLoss}");
        Assert.True(accuracy > 0.9, $"test accuracy {accuracy}, loss {loss}");
    }

    [Fact]
    public void Spiral_is_learned_from_labels_with_selu_elu_and_a_softmax_layer()
    {
        (Dataset<int> train, Dataset<int> test) = TrainingTests.Spiral(600, seed: 3).Split(0.25, seed: 4);
        using var model = new SpiralSparseModel();
        var trainer = new Trainer<int>(new TrainerOptions { Epochs = 60, BatchSize = 32, Seed = 5, Progress = ProgressMode.None });
        trainer.Fit(model, train);
        (double loss, double? accuracy) = trainer.Evaluate(model, test);
        Assert.True(accuracy > 0.9, $"test accuracy {accuracy}, loss {loss}");
    }

    private static Dataset<float> OneHot(Dataset<int> data)
    {
        var targets = new float[data.Count * 3];
        for (int i = 0; i < data.Count; i++)
        {
            targets[(i * 3) + data.Targets[i]] = 1f;
        }

        return new Dataset<float>(data.Features, targets, data.SampleSize, targetSize: 3);
    }
}
