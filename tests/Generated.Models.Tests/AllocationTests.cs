using System;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// After warm-up a training step allocates nothing: every buffer is planned at construction.
/// Measured with the calling thread's allocation counter, which other tests running in parallel cannot
/// disturb; with two threads the caller runs its own share of every kernel, so the shared paths are covered.
/// </summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Train_step_allocates_nothing_after_warm_up(int threads)
    {
        using var model = new WideModel(new ModelOptions { Threads = threads });
        float[] inputs = GradientCheck.RandomInputs(64 * 300, 1);
        int[] labels = GradientCheck.RandomLabels(64, 10, 2);
        float[] outputs = new float[64 * 10];
        for (int i = 0; i < 5; i++)
        {
            model.TrainStep(inputs, labels);
            model.Forward(inputs, outputs);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            model.TrainStep(inputs, labels);
            model.ComputeLoss(inputs, labels);
            model.Forward(inputs, outputs);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Sgd_and_binary_cross_entropy_steps_allocate_nothing()
    {
        using var model = new BinaryModel(new ModelOptions { Threads = 1 });
        float[] inputs = GradientCheck.RandomInputs(8 * 4, 3);
        float[] targets = [1, 0, 1, 1, 0, 0, 1, 0];
        model.TrainStep(inputs, targets);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            model.TrainStep(inputs, targets);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
