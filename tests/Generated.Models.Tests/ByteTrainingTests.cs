using System;
using Generated.Training;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Training on a byte dataset is training on the floats it stands for: the gather decodes the rows of every batch (on
/// the model's threads: batches of 64 rows of 300 are split over two), evaluation decodes its chunks, and the weights
/// come out identical to the bit.
/// </summary>
public sealed class ByteTrainingTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(2, false)]
    public void Bytes_train_the_same_weights_as_their_floats(int threads, bool shuffle)
    {
        const int Samples = 230, Inputs = 300;
        var bytes = new byte[Samples * Inputs];
        new Random(5).NextBytes(bytes);
        var labels = new int[Samples];
        for (int i = 0; i < Samples; i++)
        {
            // Learnable: the class follows the first pixel.
            labels[i] = bytes[i * Inputs] % 10;
        }

        Dataset<int> fromBytes = Dataset.FromBytes(bytes, 255f, labels, Inputs);
        var floats = new float[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            floats[i] = bytes[i] / 255f;
        }

        var fromFloats = new Dataset<int>(floats, labels, Inputs);
        (TrainingHistory byteHistory, float[] byteWeights) = Train(fromBytes, threads, shuffle);
        (TrainingHistory floatHistory, float[] floatWeights) = Train(fromFloats, threads, shuffle);

        Assert.Equal(floatWeights, byteWeights);
        Assert.Equal(floatHistory.Count, byteHistory.Count);
        for (int epoch = 0; epoch < floatHistory.Count; epoch++)
        {
            Assert.Equal(floatHistory[epoch].TrainLoss, byteHistory[epoch].TrainLoss);
            Assert.Equal(floatHistory[epoch].TrainAccuracy, byteHistory[epoch].TrainAccuracy);
            Assert.Equal(floatHistory[epoch].ValidationLoss, byteHistory[epoch].ValidationLoss);
            Assert.Equal(floatHistory[epoch].ValidationAccuracy, byteHistory[epoch].ValidationAccuracy);
        }
    }

    private static (TrainingHistory History, float[] Weights) Train(Dataset<int> data, int threads, bool shuffle)
    {
        using var model = new WideModel(new ModelOptions { Threads = threads });
        var trainer = new Trainer<int>(new TrainerOptions
        {
            Epochs = 3, BatchSize = 64, Seed = 9, Shuffle = shuffle, ValidationFraction = 0.2, EvaluateTrainAccuracy = true, Progress = ProgressMode.None,
        });
        TrainingHistory history = trainer.Fit(model, data);
        return (history, ParameterValues.Concatenated(model.Parameters));
    }
}
