using System;
using System.Linq;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Dense models train to the same bits on one thread and on two: every GEMM splits into bands of rows or columns of C
/// (each element summed by one worker in the same order, wherever the work shares put the band edges), the backward's
/// element-wise pass by columns (each bias sum taken over the batch in the same order), and dropout masks are drawn
/// per element from a counter, not per thread. README's "identical weights on 1 and 2 threads" rests on
/// this. (Convolutions sum per-worker partial weight gradients, so they agree to rounding only, and are not listed.)
/// </summary>
public sealed class ThreadDeterminismTests
{
    [Theory]
    [InlineData(typeof(WideModel))]
    [InlineData(typeof(WideResidualModel))]
    public void One_and_two_threads_give_identical_parameters(Type modelType)
    {
        float[] one = Train(modelType, threads: 1);
        float[] two = Train(modelType, threads: 2);

        Assert.Equal(one.Length, two.Length);
        int first = Enumerable.Range(0, one.Length).FirstOrDefault(i => BitConverter.SingleToInt32Bits(one[i]) != BitConverter.SingleToInt32Bits(two[i]), -1);
        Assert.True(first < 0, $"parameter {first} differs: {(first < 0 ? 0 : one[first])} on 1 thread, {(first < 0 ? 0 : two[first])} on 2");
    }

    private static float[] Train(Type modelType, int threads)
    {
        using var model = (ISupervisedModel<int>)Activator.CreateInstance(modelType, new ModelOptions { Threads = threads })!;
        float[] inputs = GradientCheck.RandomInputs(64 * model.InputSize, 91);
        int[] labels = GradientCheck.RandomLabels(64, 10, 92);
        for (int step = 0; step < 5; step++)
        {
            model.TrainStep(inputs, labels);
        }

        return model.Parameters.SelectMany(p => p.Span.ToArray()).ToArray();
    }
}
