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
        int[] rows = new int[64]; // 64 rows of 300 floats: enough to be split over two threads
        for (int k = 0; k < rows.Length; k++)
        {
            rows[k] = (k * 37) % 64;
        }

        float[] batch = new float[rows.Length * 300];
        byte[] pixels = new byte[64 * 300];
        for (int i = 0; i < 5; i++)
        {
            ((IModel)model).GatherRows(inputs, 300, rows, batch);
            ((IModel)model).GatherRows(pixels, 255f, 300, rows, batch);
            model.TrainStep(inputs, labels);
            model.Forward(inputs, outputs);
        }

        long allocated = SteadyState.AllocatedBytes(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                ((IModel)model).GatherRows(inputs, 300, rows, batch); // the trainer's shuffled batch
                ((IModel)model).GatherRows(pixels, 255f, 300, rows, batch); // the same from a byte dataset
                model.TrainStep(inputs, labels);
                model.ComputeLoss(inputs, labels);
                model.Forward(inputs, outputs);
            }
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Sgd_and_binary_cross_entropy_steps_allocate_nothing()
    {
        using var model = new BinaryModel(new ModelOptions { Threads = 1 });
        float[] inputs = GradientCheck.RandomInputs(8 * 4, 3);
        float[] targets = [1, 0, 1, 1, 0, 0, 1, 0];
        model.TrainStep(inputs, targets);
        long allocated = SteadyState.AllocatedBytes(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                model.TrainStep(inputs, targets);
            }
        });
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Batch_norm_flatten_activation_and_penalty_steps_allocate_nothing(int threads)
    {
        using var model = new ImageNet(new ModelOptions { Threads = threads });
        float[] inputs = GradientCheck.RandomInputs(64 * 784, 3);
        int[] labels = GradientCheck.RandomLabels(64, 10, 4);
        float[] outputs = new float[64 * 10];
        TrainAndForward(model, inputs, labels, outputs, rounds: 5);

        Assert.Equal(0, AllocatedInEveryMode(model, inputs, labels, outputs, rounds: 20));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Convolution_pooling_batch_norm_and_spatial_dropout_steps_allocate_nothing(int threads)
    {
        using var model = new SmallCnn(new ModelOptions { Threads = threads });
        float[] inputs = GradientCheck.RandomInputs(32 * 144, 7);
        int[] labels = GradientCheck.RandomLabels(32, 10, 8);
        float[] outputs = new float[32 * 10];

        // Past the JIT's tier-up threshold (30 calls) in both modes, and time for the background compiles to land, so
        // the measured steps run the final code.
        for (int i = 0; i < 40; i++)
        {
            model.Mode = i % 2 == 0 ? ModelMode.Train : ModelMode.Eval;
            model.TrainStep(inputs, labels);
            model.ComputeLoss(inputs, labels);
            model.Forward(inputs, outputs);
        }

        System.Threading.Thread.Sleep(200);

        Assert.Equal(0, AllocatedInEveryMode(model, inputs, labels, outputs, rounds: 10));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Winograd_convolution_steps_allocate_nothing(int threads)
    {
        using var model = new ConvWinogradModel(new ModelOptions { Threads = threads });
        float[] inputs = GradientCheck.RandomInputs(8 * model.InputSize, 9);
        int[] labels = GradientCheck.RandomLabels(8, 3, 10);
        float[] outputs = new float[8 * 3];
        TrainAndForward(model, inputs, labels, outputs, rounds: 40);
        System.Threading.Thread.Sleep(200);
        Assert.Equal(0, SteadyState.AllocatedBytes(() => TrainAndForward(model, inputs, labels, outputs, rounds: 10)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Steps_that_skip_zero_inputs_allocate_nothing(int threads)
    {
        // Image-like inputs send the first layer through the listed forward and the transposed weight gradient, and
        // its ReLU outputs the second layer through the listed forward: paths with buffers of their own (step lists,
        // the transposed input, staged bands on two workers).
        using var model = new SparseReluModel(new ModelOptions { Threads = threads });
        float[] inputs = GradientCheck.ImageLikeInputs(64, 300, 11, out _);
        int[] labels = GradientCheck.RandomLabels(64, 10, 12);
        float[] outputs = new float[64 * 10];
        TrainAndForward(model, inputs, labels, outputs, rounds: 5);

        Assert.Equal(0, AllocatedInEveryMode(model, inputs, labels, outputs, rounds: 20));
    }

    [Fact]
    public void Logit_loss_and_reshape_steps_allocate_nothing()
    {
        using var logits = new LogitBinaryModel(new ModelOptions { Threads = 1 });
        using var reshape = new ReshapeModel(new ModelOptions { Threads = 1 });
        float[] inputs = GradientCheck.RandomInputs(8 * 4, 5);
        float[] targets = [1, 0, 1, 1, 0, 0, 1, 0];
        int[] labels = GradientCheck.RandomLabels(8, 3, 6);
        logits.TrainStep(inputs, targets);
        reshape.TrainStep(inputs, labels);
        long allocated = SteadyState.AllocatedBytes(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                logits.TrainStep(inputs, targets);
                reshape.TrainStep(inputs, labels);
            }
        });
        Assert.Equal(0, allocated);
    }

    /// <summary>A training step and a forward pass, <paramref name="rounds"/> times: the warm-up most tests here need.</summary>
    private static void TrainAndForward(ISupervisedModel<int> model, float[] inputs, int[] labels, float[] outputs, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            model.TrainStep(inputs, labels);
            model.Forward(inputs, outputs);
        }
    }

    /// <summary>
    /// Bytes the calling thread allocates over <paramref name="rounds"/> rounds of a step and a loss in training mode
    /// and a gradient pass and a forward in evaluation mode.
    /// </summary>
    private static long AllocatedInEveryMode(ISupervisedModel<int> model, float[] inputs, int[] labels, float[] outputs, int rounds) =>
        SteadyState.AllocatedBytes(() =>
        {
            for (int i = 0; i < rounds; i++)
            {
                model.Mode = ModelMode.Train;
                model.TrainStep(inputs, labels);
                model.ComputeLoss(inputs, labels);
                model.Mode = ModelMode.Eval;
                model.ComputeGradients(inputs, labels);
                model.Forward(inputs, outputs);
            }
        });
}
