using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// A dropout read from a dense layer alone is drawn in that layer's product epilogue and masked in its gradient sweep
/// (<see cref="WideDropoutModel"/>). Trained side by side with the same network whose dropouts run as their own passes
/// (<see cref="WideDropoutPassesModel"/>), from the same parameters and dropout seed, every step gives the same bits.
/// </summary>
public sealed class DropoutFusionTests
{
    private const int Batch = 8, Inputs = 12, Classes = 4;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Fused_dropouts_train_to_the_bits_of_separate_passes(int threads)
    {
        using var fused = new WideDropoutModel(new ModelOptions { Threads = threads });
        using var passes = new WideDropoutPassesModel(new ModelOptions { Threads = threads });
        for (int t = 0; t < fused.Parameters.Count; t++)
        {
            Assert.Equal(fused.Parameters[t].Name, passes.Parameters[t].Name);
            fused.Parameters[t].Span.CopyTo(passes.Parameters[t].Span);
        }

        fused.ReseedDropout(5);
        passes.ReseedDropout(5);
        for (int step = 0; step < 4; step++)
        {
            float[] inputs = GradientCheck.RandomInputs(Batch * Inputs, 20 + step);
            int[] labels = GradientCheck.RandomLabels(Batch, Classes, 30 + step);
            Assert.Equal(passes.TrainStep(inputs, labels), fused.TrainStep(inputs, labels));
        }

        for (int t = 0; t < fused.Parameters.Count; t++)
        {
            Assert.Equal(passes.Parameters[t].Span.ToArray(), fused.Parameters[t].Span.ToArray());
        }
    }

    [Fact]
    public void Fused_dropouts_allocate_nothing_per_step()
    {
        using var model = new WideDropoutModel(new ModelOptions { Threads = 2 });
        float[] inputs = GradientCheck.RandomInputs(Batch * Inputs, 1);
        int[] labels = GradientCheck.RandomLabels(Batch, Classes, 2);
        model.TrainStep(inputs, labels);
        Assert.Equal(0, SteadyState.AllocatedBytes(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                model.TrainStep(inputs, labels);
            }
        }));
    }
}
