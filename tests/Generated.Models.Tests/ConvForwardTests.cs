using System;
using System.Linq;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Forward values of convolution, pooling and per-channel batch norm written out by hand, PyTorch's parameter layouts and
/// names, and the description a convolutional model gives of itself.
/// </summary>
public sealed class ConvForwardTests
{
    // A 1x3x3 image 1..9, row-major.
    private static readonly float[] Image3 = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Fact]
    public void Same_padding_with_an_even_kernel_pads_after_the_input_like_pytorch()
    {
        // W = [[1, 2], [3, 4]], b = 0.5; 'same' with k = 2 pads one zero row and column after the input (none before),
        // so y[i, j] = x[i, j] + 2·x[i, j+1] + 3·x[i+1, j] + 4·x[i+1, j+1] + 0.5 with zeros beyond the border.
        using var model = new TinyConvModel();
        Assert.Equal([1, 1, 2, 2], model.Parameters[0].Shape);
        Assert.Equal("Conv.weight", model.Parameters[0].Name);
        Assert.Equal("Conv.bias", model.Parameters[1].Name);
        float[] weights = [1, 2, 3, 4];
        weights.CopyTo(model.Parameters[0].Span);
        model.Parameters[1].Span[0] = 0.5f;

        var y = new float[9];
        model.Forward(Image3, y);

        // 1+4+12+20, 2+6+15+24, 3+18;  4+10+21+32, 5+12+24+36, 6+27;  7+16, 8+18, 9 (each + 0.5).
        Assert.Equal([37.5f, 47.5f, 21.5f, 67.5f, 77.5f, 33.5f, 23.5f, 26.5f, 9.5f], y);
    }

    [Fact]
    public void Samples_of_a_batch_are_convolved_independently()
    {
        using var model = new TinyConvModel();
        float[] weights = [1, 2, 3, 4];
        weights.CopyTo(model.Parameters[0].Span);
        float[] two = Image3.Concat(Image3.Select(v => -v)).ToArray();
        var y = new float[18];
        model.Forward(two, y);
        Assert.Equal(37f, y[0]);
        Assert.Equal(-37f, y[9]);
        Assert.Equal(-9f, y[17]);
    }

    [Fact]
    public void Max_pooling_takes_the_window_maximum()
    {
        using var model = new TinyMaxPoolModel();
        float[] x =
        [
            1, 3, 2, 2,
            4, 2, 2, 1,
            0, 0, 5, 7,
            0, 0, 7, 6,
        ];
        var y = new float[4];
        model.Forward(x, y);
        Assert.Equal([4f, 2f, 0f, 7f], y);
    }

    [Fact]
    public void Average_pooling_divides_by_the_full_window_where_it_overlaps_padding()
    {
        // 3x3 windows, stride 2, 'same' on 4x4: ceil(4/2) = 2 outputs, padding 1 after. Windows cover rows (and
        // columns) [0, 3) and [2, 5) of the padded image; the divisor is 9 even where part of the window is padding.
        using var model = new TinyAvgPoolModel();
        float[] x = Enumerable.Range(1, 16).Select(v => (float)v).ToArray();
        var y = new float[4];
        model.Forward(x, y);

        // (1+2+3+5+6+7+9+10+11)/9, (3+4+7+8+11+12)/9, (9+10+11+13+14+15)/9, (11+12+15+16)/9.
        Assert.Equal([6f, 5f, 8f, 6f], y);
    }

    [Fact]
    public void Batch_norm_on_images_normalises_each_channel_over_the_batch_and_every_position()
    {
        // Two samples of [2, 2, 2]. Channel 0 holds 1..4 then 5..8: mean 4.5, biased variance 42/8 = 5.25, unbiased 6.
        // Channel 1 holds 0 (x4) then 2 (x4): mean 1, biased variance 1, unbiased 8/7.
        using var model = new BareBatchNorm2dModel();
        float[] x = [1, 2, 3, 4, 0, 0, 0, 0, 5, 6, 7, 8, 2, 2, 2, 2];
        Assert.Equal("BatchNorm", model.Layers[0].Kind);
        Assert.Equal([2], model.Parameters[0].Shape);
        Assert.Equal([2], model.Norm.Buffers[0].Shape);

        var y = new float[16];
        model.Forward(x, y);
        double std0 = Math.Sqrt(5.25 + 1e-3), std1 = Math.Sqrt(1 + 1e-3);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal((x[i] - 4.5) / std0, y[i], 5);
            Assert.Equal((x[8 + i] - 4.5) / std0, y[8 + i], 5);
            Assert.Equal(-1 / std1, y[4 + i], 5);
            Assert.Equal(1 / std1, y[12 + i], 5);
        }

        Assert.Equal(-1.527380, y[0], 5); // (1 − 4.5)/sqrt(5.251), written out

        // Running statistics after that one training pass (momentum 0.2): 0.2·mean, 0.8 + 0.2·unbiased variance.
        Assert.Equal(0.9f, model.Norm.Buffers[0].Span[0], 6);
        Assert.Equal(0.2f, model.Norm.Buffers[0].Span[1], 6);
        Assert.Equal(2.0f, model.Norm.Buffers[1].Span[0], 6);
        Assert.Equal(0.8 + (0.2 * 8 / 7), model.Norm.Buffers[1].Span[1], 6);
    }

    [Fact]
    public void Batch_norm_on_images_trains_on_a_single_sample_since_each_channel_has_several_positions()
    {
        // PyTorch's BatchNorm2d refuses only a single value per channel; one 2x2 image gives four.
        using var model = new BareBatchNorm2dModel();
        float[] x = [1, 2, 3, 4, 0, 1, 0, 1];
        float loss = model.TrainStep(x, new float[8]);
        Assert.True(float.IsFinite(loss));
        Assert.Equal(1f, model.Norm.Buffers[2].Span[0]);
    }

    [Fact]
    public void A_small_cnn_describes_its_layers_in_pytorch_layouts()
    {
        using var model = new SmallCnn();
        Assert.Equal(144, model.InputSize);
        Assert.Equal(
            [
                "Conv1.weight [8, 1, 3, 3]", "Norm1.weight [8]", "Norm1.bias [8]", "Conv2.weight [16, 8, 3, 3]", "Conv2.bias [16]",
                "Logits.weight [10, 144]", "Logits.bias [10]",
            ],
            model.Parameters.Select(p => p.Name + " [" + string.Join(", ", p.Shape) + "]").ToArray());
        Assert.Equal(["Norm1.running_mean", "Norm1.running_var", "Norm1.num_batches_tracked"], model.Norm1.Buffers.Select(b => b.Name).ToArray());
        Assert.Equal([8, 6, 6], model.Pool1.OutputShape);
        Assert.Equal([16, 3, 3], model.Pool2.OutputShape);
        Assert.Equal(72 + 16 + 1152 + 16 + 1440 + 10, (int)model.ParameterCount);

        string summary = model.Summary();
        Assert.Contains("Conv1 (Conv2D 3x3 same, linear)", summary, StringComparison.Ordinal);
        Assert.Contains("(None, 8, 12, 12)", summary, StringComparison.Ordinal);
        Assert.Contains("Norm1 (BatchNorm2d)", summary, StringComparison.Ordinal);
        Assert.Contains("Pool1 (MaxPool2D 2x2)", summary, StringComparison.Ordinal);
        Assert.Contains("Conv2 (Conv2D 3x3 same, relu)", summary, StringComparison.Ordinal);
        Assert.Contains("1,168", summary, StringComparison.Ordinal); // Conv2: 16·8·9 + 16
        Assert.Contains("Non-trainable buffers: 17", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_small_cnn_learns_a_toy_task_with_any_thread_count(int threads)
    {
        // Class k: a bright 3x3 blob in cell k of a 3x3 grid, on noise.
        using var model = new SmallCnn(new ModelOptions { Threads = threads });
        var random = new Random(5);
        const int Samples = 32;
        var x = new float[Samples * 144];
        var labels = new int[Samples];
        for (int n = 0; n < Samples; n++)
        {
            labels[n] = n % 9;
            int top = (labels[n] / 3 * 4) + 1, left = (labels[n] % 3 * 4) + 1;
            for (int p = 0; p < 144; p++)
            {
                int row = p / 12, column = p % 12;
                bool blob = row >= top && row < top + 3 && column >= left && column < left + 3;
                x[(n * 144) + p] = (blob ? 1f : 0f) + (0.2f * (float)random.NextDouble());
            }
        }

        float first = model.TrainStep(x, labels), last = first;
        for (int step = 0; step < 60; step++)
        {
            last = model.TrainStep(x, labels);
        }

        Assert.True(last < 0.2f * first, FormattableString.Invariant($"loss only went from {first} to {last}"));
        model.Mode = ModelMode.Eval;
        var logits = new float[Samples * 10];
        model.Forward(x, logits);
        int correct = Enumerable.Range(0, Samples).Count(n => logits.AsSpan(n * 10, 10).IndexOf(MaxOf(logits.AsSpan(n * 10, 10))) == labels[n]);
        Assert.True(correct >= 30, correct + " of 32");
    }

    [Fact]
    public void The_same_thread_count_gives_the_same_training_run()
    {
        float[] x = GradientCheck.RandomInputs(16 * 144, 70);
        int[] labels = GradientCheck.RandomLabels(16, 10, 71);
        using var first = new SmallCnn(new ModelOptions { Threads = 2 });
        using var second = new SmallCnn(new ModelOptions { Threads = 2 });
        for (int step = 0; step < 3; step++)
        {
            Assert.Equal(first.TrainStep(x, labels), second.TrainStep(x, labels));
        }

        Assert.Equal(first.Parameters[3].Span.ToArray(), second.Parameters[3].Span.ToArray());
    }

    private static float MaxOf(ReadOnlySpan<float> values)
    {
        float max = float.NegativeInfinity;
        foreach (float v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
