using System;
using Generated.Training;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// <c>train-mlp</c> computes one batch's gradients before its clock starts, so that the JIT compiles the step outside
/// the timed loop. That is only a warm-up if a gradient pass leaves nothing behind that training reads: the weights
/// and the optimizer's moments are untouched and the first real step overwrites the gradients, so a model without
/// dropout or batch norm trains the same bits with or without it. A model with dropout does not (its pass draws
/// masks), which is why the CNN does not rehearse.
/// </summary>
public sealed class RehearsalTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_gradient_pass_before_training_leaves_the_trained_weights_bit_for_bit(int threads)
    {
        Dataset<int> data = ImageLikeData(out float[] firstBatch, out int[] firstLabels);

        float[] plain = Train(new SparseReluModel(new ModelOptions { Threads = threads }), data, rehearsal: null);
        float[] rehearsed = Train(new SparseReluModel(new ModelOptions { Threads = threads }), data, (firstBatch, firstLabels));

        Assert.Equal(plain, rehearsed);
    }

    [Fact]
    public void A_gradient_pass_moves_a_dropout_models_training()
    {
        Dataset<int> data = ImageLikeData(out float[] firstBatch, out int[] firstLabels);

        float[] plain = Train(new WideModel(new ModelOptions { Threads = 1 }), data, rehearsal: null);
        float[] rehearsed = Train(new WideModel(new ModelOptions { Threads = 1 }), data, (firstBatch, firstLabels));

        Assert.NotEqual(plain, rehearsed);
    }

    private const int Samples = 192, Inputs = 300, Batch = 64;

    /// <summary>Image-like inputs (<see cref="GradientCheck.ImageLikeInputs"/>); the class follows where the stretch starts.</summary>
    private static Dataset<int> ImageLikeData(out float[] firstBatch, out int[] firstLabels)
    {
        float[] inputs = GradientCheck.ImageLikeInputs(Samples, Inputs, 23, out int[] starts);
        int[] labels = Array.ConvertAll(starts, start => start % 10);
        firstBatch = inputs.AsSpan(0, Batch * Inputs).ToArray();
        firstLabels = labels.AsSpan(0, Batch).ToArray();
        return new Dataset<int>(inputs, labels, Inputs);
    }

    private static float[] Train(ISupervisedModel<int> model, Dataset<int> data, (float[] Inputs, int[] Labels)? rehearsal)
    {
        using (model)
        {
            if (rehearsal is { } batch)
            {
                model.ComputeGradients(batch.Inputs, batch.Labels);
            }

            var trainer = new Trainer<int>(new TrainerOptions
            {
                Epochs = 2, BatchSize = Batch, Seed = 4, Shuffle = true, EvaluateTrainAccuracy = false, Progress = ProgressMode.None,
            });
            trainer.Fit(model, data);
            return ParameterValues.Concatenated(model.Parameters);
        }
    }
}
