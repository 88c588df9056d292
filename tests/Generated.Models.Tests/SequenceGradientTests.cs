using System;
using System.Linq;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Backward passes of LayerNorm and Embedding as the generator wires them (models in SequenceModels.cs) against finite differences of the generated forward pass (see <see cref="GradientCheck"/>), for every parameter:
/// gamma and beta, the embedding table, and the layers in front of a LayerNorm, which receive its input gradient.
/// </summary>
public sealed class SequenceGradientTests
{
    private const int Batch = 4;

    [Fact]
    public void Layer_norm_between_dense_layers()
    {
        // gamma 1 and beta 0 would hide a missing or misplaced factor: move them first.
        using var model = new LayerNormMlpModel();
        LayerGradientTests.Randomize(model.Norm, seed: 31);
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 5, 32), GradientCheck.RandomLabels(Batch, 3, 33));
    }

    [Fact]
    public void Layer_norm_over_a_whole_convolution_output()
    {
        using var model = new ConvLayerNormModel();
        Assert.Equal([3, 4, 4], model.Norm.Parameters[0].Shape);
        LayerGradientTests.Randomize(model.Norm, seed: 34);
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 32, 35), GradientCheck.RandomLabels(Batch, 3, 36));
    }

    [Fact]
    public void Embedding_rows_looked_up_several_times_collect_every_tokens_gradient()
    {
        // Every id of the table appears, most of them more than once: 3 twice in sample 0, 2 three times in sample 1,
        // 6 twice in sample 2, 1 twice in sample 3, and each of 0, 1, 3, 4, 5, 6 in several samples.
        float[] ids =
        [
            0, 3, 3, 6, 1,
            2, 2, 2, 5, 4,
            6, 0, 1, 3, 6,
            4, 5, 1, 1, 0,
        ];
        using var model = new EmbeddingMlpModel();
        Assert.Equal([7, 3], model.Embed.Parameters[0].Shape);
        GradientCheck.Verify(model, ids, GradientCheck.RandomLabels(Batch, 3, 37));
    }

    [Fact]
    public void Layer_norm_of_an_embedding_output_and_a_row_no_id_reads()
    {
        // Id 5 never appears: its row gets an exact zero gradient, which the finite differences confirm too.
        float[] ids =
        [
            0, 1, 1, 2,
            3, 3, 4, 0,
            2, 2, 2, 2,
            4, 0, 3, 1,
        ];
        using var model = new EmbeddingLayerNormModel();
        Assert.Equal([4, 3], model.Norm.Parameters[0].Shape);
        LayerGradientTests.Randomize(model.Norm, seed: 38);
        int[] labels = GradientCheck.RandomLabels(Batch, 3, 39);
        GradientCheck.Verify(model, ids, labels);

        model.ComputeGradients(ids, labels);
        Assert.All(model.Gradients[0].Span.Slice(5 * 3, 3).ToArray(), g => Assert.Equal(0f, g));
    }
}

/// <summary>
/// What an embedding model does with an id it cannot look up (refuses it, naming where it is, and leaves the model as it
/// was), and that LayerNorm and Embedding models, graph-shaped ones included, train without allocating.
/// </summary>
public sealed class SequenceModelContractTests
{
    private const int Tokens = 5;

    [Fact]
    public void Layer_norm_trains_batches_above_the_declared_MaxBatch_when_the_options_raise_it()
    {
        // Declared MaxBatch = 8; the per-sample statistics must follow the limit the model was built with, not the declared one.
        using var model = new LayerNormMlpModel(new ModelOptions { MaxBatch = 32, Threads = 1 });
        float[] inputs = GradientCheck.RandomInputs(32 * 5, 44);
        int[] labels = GradientCheck.RandomLabels(32, 3, 45);
        Assert.True(float.IsFinite(model.TrainStep(inputs, labels)));

        // The first 8 samples alone give the same outputs as within the 32: each sample is normalised on its own.
        var outputs = new float[32 * 3];
        var first = new float[8 * 3];
        model.Mode = ModelMode.Eval;
        model.Forward(inputs, outputs);
        model.Forward(inputs.AsSpan(0, 8 * 5), first);
        Assert.Equal(first, outputs.AsSpan(0, 8 * 3).ToArray());
    }

    [Theory]
    [InlineData(7f)] // the vocabulary size, one past the last row
    [InlineData(-1f)]
    [InlineData(2.5f)]
    [InlineData(float.NaN)]
    public void Forward_refuses_an_id_outside_the_table_naming_sample_and_token(float id)
    {
        using var model = new EmbeddingMlpModel();
        float[] ids = Ids(3, seed: 41);
        ids[(2 * Tokens) + 3] = id;

        var error = Assert.Throws<ArgumentException>(() => model.Forward(ids, new float[3 * 3]));

        Assert.Contains("sample 2, token 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 7)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_batch_changes_no_parameter_and_no_optimizer_state()
    {
        using var model = new EmbeddingMlpModel(new ModelOptions { Threads = 1 });
        using var untouched = new EmbeddingMlpModel(new ModelOptions { Threads = 1 });
        float[] valid = Ids(6, seed: 42);
        int[] labels = GradientCheck.RandomLabels(6, 3, 43);
        float[] invalid = (float[])valid.Clone();
        invalid[(4 * Tokens) + 1] = 9;

        Assert.Contains("sample 4, token 1", Assert.Throws<ArgumentException>(() => model.TrainStep(invalid, labels)).Message, StringComparison.Ordinal);
        Assert.Contains("sample 4, token 1", Assert.Throws<ArgumentException>(() => model.ComputeGradients(invalid, labels)).Message, StringComparison.Ordinal);
        Assert.Contains("sample 4, token 1", Assert.Throws<ArgumentException>(() => model.ComputeLoss(invalid, labels)).Message, StringComparison.Ordinal);
        AssertSameParameters(untouched, model);

        // Adam's step counter did not move either: the next real step is the first step of a fresh model, bit for bit.
        Assert.Equal(untouched.TrainStep(valid, labels), model.TrainStep(valid, labels));
        AssertSameParameters(untouched, model);
    }

    // Forward runs a long input in MaxBatch chunks; the ids of the whole input are checked before the first chunk runs.
    [Fact]
    public void Forward_over_several_chunks_names_the_sample_of_the_whole_input()
    {
        using var model = new EmbeddingMlpModel(); // MaxBatch 8
        float[] ids = Ids(10, seed: 44);
        ids[(9 * Tokens) + 1] = 7;

        var error = Assert.Throws<ArgumentException>(() => model.Forward(ids, new float[10 * 3]));

        Assert.Contains("sample 9, token 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_refuses_a_bad_id_before_writing_any_output()
    {
        using var model = new EmbeddingMlpModel(); // MaxBatch 8
        float[] ids = Ids(10, seed: 45);
        ids[(9 * Tokens) + 2] = -1;
        var outputs = new float[10 * 3];
        Array.Fill(outputs, 42f);

        Assert.Throws<ArgumentException>(() => model.Forward(ids, outputs));

        Assert.All(outputs, value => Assert.Equal(42f, value));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Embedding_and_layer_norm_steps_allocate_nothing(int threads)
    {
        var options = new ModelOptions { Threads = threads };
        using var embedding = new EmbeddingMlpModel(options);
        using var normalized = new EmbeddingLayerNormModel(options);
        using var conv = new ConvLayerNormModel(options);
        using var graph = new TorchGraphReferenceNet(options);
        ISupervisedModel<int>[] models = [embedding, normalized, conv, graph];
        float[][] inputs =
        [
            Ids(8, seed: 45),
            Ids(8, seed: 46, tokens: 4, vocabulary: 6),
            GradientCheck.RandomInputs(8 * 32, 47),
            Ids(8, seed: 48, tokens: 6, vocabulary: 11),
        ];
        int[] labels = GradientCheck.RandomLabels(8, 3, 49);
        float[] outputs = new float[8 * 3];

        // Past the JIT's tier-up threshold (30 calls), and time for the background compiles to land.
        for (int i = 0; i < 40; i++)
        {
            for (int m = 0; m < models.Length; m++)
            {
                models[m].TrainStep(inputs[m], labels);
                models[m].Forward(inputs[m], outputs);
            }
        }

        System.Threading.Thread.Sleep(200);

        long allocated = SteadyState.AllocatedBytes(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                for (int m = 0; m < models.Length; m++)
                {
                    models[m].TrainStep(inputs[m], labels);
                    models[m].ComputeLoss(inputs[m], labels);
                    models[m].Forward(inputs[m], outputs);
                }
            }
        });
        Assert.Equal(0, allocated);
    }

    /// <summary>Seeded token ids, integers in [0, vocabulary), as floats.</summary>
    private static float[] Ids(int samples, long seed, int tokens = Tokens, int vocabulary = 7)
    {
        var rng = new Rng(seed);
        return Enumerable.Range(0, samples * tokens).Select(_ => (float)rng.NextInt(vocabulary)).ToArray();
    }

    private static void AssertSameParameters(EmbeddingMlpModel expected, EmbeddingMlpModel actual)
    {
        for (int t = 0; t < expected.Parameters.Count; t++)
        {
            Assert.Equal(expected.Parameters[t].Span.ToArray(), actual.Parameters[t].Span.ToArray());
        }
    }
}
