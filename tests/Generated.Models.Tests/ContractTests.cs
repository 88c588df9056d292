using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>The generated-model contract: layout, naming, argument checks, modes, determinism, persistence.</summary>
public sealed class ContractTests
{
    [Fact]
    public void Parameters_use_pytorch_names_and_layout()
    {
        using var model = new DropoutModel();
        Assert.Equal(
            ["Hidden1.weight", "Hidden1.bias", "Hidden2.weight", "Output.weight", "Output.bias"],
            model.Parameters.Select(p => p.Name).ToArray());
        Assert.Equal([8, 6], model.Parameters[0].Shape);
        Assert.Equal([8], model.Parameters[1].Shape);
        Assert.Equal([5, 8], model.Parameters[2].Shape);
        Assert.Equal(model.Parameters.Select(p => p.Name), model.Gradients.Select(g => g.Name));
        Assert.Equal((8 * 6) + 8 + (5 * 8) + (4 * 5) + 4, model.ParameterCount);
        Assert.Equal(model.ParameterCount, model.Parameters.Sum(p => (long)p.Length));
        Assert.Equal(["Hidden1", "Drop", "Hidden2", "Output"], model.Layers.Select(l => l.Name).ToArray());
        Assert.Same(model.Layers[0], model.Hidden1);
        Assert.Empty(model.Drop.Parameters);
    }

    /// <summary>The trainer gathers shuffled batches through the model, whose threads split the copy.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_model_gathers_the_rows_asked_for_on_its_threads(int threads)
    {
        using IModel model = new WideModel(new ModelOptions { Threads = threads });
        int rowLength = model.InputSize, rows = 300;
        float[] matrix = Enumerable.Range(0, rows * rowLength).Select(i => (float)i).ToArray();
        int[] order = Enumerable.Range(0, 200).Select(k => (k * 7919) % rows).ToArray();
        var batch = new float[order.Length * rowLength];

        model.GatherRows(matrix, rowLength, order, batch);

        for (int k = 0; k < order.Length; k++)
        {
            Assert.Equal(matrix.AsSpan(order[k] * rowLength, rowLength).ToArray(), batch.AsSpan(k * rowLength, rowLength).ToArray());
        }
    }

    [Fact]
    public void Forward_matches_a_double_precision_reference_with_weight_stored_out_by_in()
    {
        using var model = new TanhModel();
        float[] x = GradientCheck.RandomInputs(3 * 5, 21);
        var logits = new float[3 * 3];
        model.Forward(x, logits);

        float[] w1 = model.Parameters[0].Span.ToArray(), b1 = model.Parameters[1].Span.ToArray();
        float[] w2 = model.Parameters[2].Span.ToArray(), b2 = model.Parameters[3].Span.ToArray();
        for (int n = 0; n < 3; n++)
        {
            var hidden = new double[6];
            for (int o = 0; o < 6; o++)
            {
                double z = b1[o];
                for (int i = 0; i < 5; i++)
                {
                    z += w1[(o * 5) + i] * (double)x[(n * 5) + i];
                }

                hidden[o] = Math.Tanh(z);
            }

            for (int o = 0; o < 3; o++)
            {
                double z = b2[o];
                for (int i = 0; i < 6; i++)
                {
                    z += w2[(o * 6) + i] * hidden[i];
                }

                Assert.True(Math.Abs(z - logits[(n * 3) + o]) < 1e-5, $"sample {n} output {o}: {z} vs {logits[(n * 3) + o]}");
            }
        }
    }

    [Fact]
    public void Wrong_span_lengths_throw_argument_exceptions_naming_the_expected_size()
    {
        using var model = new ReluModel();
        var error = Assert.Throws<ArgumentException>(() => model.TrainStep(new float[7], new int[1]));
        Assert.Contains("multiple of 5", error.Message, StringComparison.Ordinal);
        Assert.Equal("inputs", error.ParamName);

        error = Assert.Throws<ArgumentException>(() => model.TrainStep(new float[10], new int[3]));
        Assert.Contains("expected 2", error.Message, StringComparison.Ordinal);
        Assert.Equal("targets", error.ParamName);

        error = Assert.Throws<ArgumentException>(() => model.TrainStep(new float[5 * 9], new int[9]));
        Assert.Contains("MaxBatch", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => model.Forward(new float[10], new float[5]));
        Assert.Contains("expected 6", error.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => model.ComputeLoss(ReadOnlySpan<float>.Empty, ReadOnlySpan<int>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.TrainStep(new float[5], [3]));
    }

    [Fact]
    public void Forward_accepts_more_samples_than_max_batch_in_chunks()
    {
        using var model = new ReluModel();
        float[] x = GradientCheck.RandomInputs(20 * 5, 4);
        var all = new float[20 * 3];
        model.Mode = ModelMode.Eval;
        model.Forward(x, all);
        var one = new float[3];
        for (int n = 0; n < 20; n++)
        {
            model.Forward(x.AsSpan(n * 5, 5), one);
            Assert.Equal(one, all.AsSpan(n * 3, 3).ToArray());
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_model_and_training_run()
    {
        using var a = new DropoutModel();
        using var b = new DropoutModel();
        using var c = new DropoutModel(new ModelOptions { Seed = 99 });
        Assert.Equal(a.Parameters[0].Span.ToArray(), b.Parameters[0].Span.ToArray());
        Assert.NotEqual(a.Parameters[0].Span.ToArray(), c.Parameters[0].Span.ToArray());

        float[] x = GradientCheck.RandomInputs(8 * 6, 5);
        int[] y = GradientCheck.RandomLabels(8, 4, 6);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(a.TrainStep(x, y), b.TrainStep(x, y));
        }

        Assert.Equal(a.Parameters[2].Span.ToArray(), b.Parameters[2].Span.ToArray());
    }

    [Fact]
    public void Dropout_is_active_in_train_mode_only()
    {
        using var model = new DropoutModel();
        float[] x = GradientCheck.RandomInputs(8 * 6, 7);
        var first = new float[8 * 4];
        var second = new float[8 * 4];
        model.Forward(x, first);
        model.Forward(x, second);
        Assert.NotEqual(first, second); // fresh masks each pass

        model.Mode = ModelMode.Eval;
        model.Forward(x, first);
        model.Forward(x, second);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Dropout_keeps_the_expected_fraction_and_rescales()
    {
        using var model = new InputDropoutModel();
        float[] x = Enumerable.Repeat(1f, 8 * 6).ToArray();
        float[] y = new float[8 * 3];
        int kept = 0, total = 0;
        for (int i = 0; i < 200; i++)
        {
            model.Forward(x, y);
            foreach (float value in CollectMask(model))
            {
                total++;
                if (value != 0)
                {
                    kept++;
                    Assert.Equal(1f / 0.7f, value, 5);
                }
            }
        }

        Assert.InRange(kept / (double)total, 0.67, 0.73); // rate 0.3, 9600 draws: ±0.03 is > 6 sigma
    }

    private static float[] CollectMask(InputDropoutModel model)
    {
        // The input-dropout output for an all-ones input is exactly the mask.
        var field = typeof(InputDropoutModel).GetField("_output0", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        return ((Generated.Kernels.AlignedBuffer)field.GetValue(model)!).AsSpan().ToArray();
    }

    [Fact]
    public void Save_and_load_round_trip_through_safetensors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"generated-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var trained = new WideModel();
            float[] x = GradientCheck.RandomInputs(16 * 300, 8);
            int[] y = GradientCheck.RandomLabels(16, 10, 9);
            for (int i = 0; i < 5; i++)
            {
                trained.TrainStep(x, y);
            }

            trained.Save(path);
            using var fresh = new WideModel(new ModelOptions { Seed = 1 });
            fresh.Load(path);
            for (int t = 0; t < trained.Parameters.Count; t++)
            {
                Assert.Equal(trained.Parameters[t].Span.ToArray(), fresh.Parameters[t].Span.ToArray());
            }

            using var other = new DropoutModel();
            Assert.Throws<InvalidDataException>(() => other.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Summary_lists_layers_shapes_and_counts()
    {
        using var model = new DropoutModel();
        string summary = model.Summary();
        Assert.Contains("Hidden1 (Dense, tanh)", summary, StringComparison.Ordinal);
        Assert.Contains("Drop (Dropout 0.4)", summary, StringComparison.Ordinal);
        Assert.Contains("(None, 5)", summary, StringComparison.Ordinal);
        Assert.Contains("Total params: 120", summary, StringComparison.Ordinal);
    }
}
