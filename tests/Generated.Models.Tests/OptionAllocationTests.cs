using System;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>The new activations (with their pre-activation buffers), class weights and max-norm add no allocation to a step.</summary>
public sealed class OptionAllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Smooth_activations_weighted_categorical_loss_and_max_norm_allocate_nothing(int threads)
    {
        using var model = new WideCategoricalModel(new ModelOptions { Threads = threads });
        float[] inputs = GradientCheck.RandomInputs(32 * 64, 5);
        float[] targets = new float[32 * 10];
        int[] labels = GradientCheck.RandomLabels(32, 10, 6);
        for (int row = 0; row < 32; row++)
        {
            targets[(row * 10) + labels[row]] = 1f;
        }

        float[] outputs = new float[32 * 10];
        for (int i = 0; i < 3; i++)
        {
            model.TrainStep(inputs, targets);
            model.Forward(inputs, outputs);
        }

        long allocated = SteadyState.AllocatedBytes(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                model.TrainStep(inputs, targets);
                model.ComputeLoss(inputs, targets);
                model.Forward(inputs, outputs);
            }
        });
        Assert.Equal(0, allocated);
    }
}
