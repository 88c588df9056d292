using System;
using System.Linq;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The embedding kernel: the forward pass gathers weight rows exactly, the backward pass clears the weight gradient and
/// scatter-adds each token's gradient into its id's row (repeated ids accumulate; the values are dyadic, so the sums are
/// exact), and every kind of invalid id is refused by both passes, naming sample, token, value and range, before
/// anything is written.
/// </summary>
public sealed class EmbeddingKernelTests
{
    private const int Batch = 2;
    private const int Tokens = 4;
    private const int Vocabulary = 10;
    private const int Dimension = 5;

    // Row 3 three times (twice in one sample), row 0, the last row 9, and -0 (row 0 again).
    private static readonly float[] Ids = [3, 0, 3, 9, 7, 3, -0f, 2];

    [Fact]
    public void Forward_copies_the_weight_row_of_every_token()
    {
        float[] weight = Weight();
        var y = new float[Batch * Tokens * Dimension];
        Embedding.Forward(Ids, weight, y, Batch, Tokens, Vocabulary, Dimension);

        for (int i = 0; i < Ids.Length; i++)
        {
            int id = (int)Ids[i];
            Assert.Equal(weight.AsSpan(id * Dimension, Dimension).ToArray(), y.AsSpan(i * Dimension, Dimension).ToArray());
        }
    }

    [Fact]
    public void Backward_clears_the_weight_gradient_and_adds_every_token_to_its_row()
    {
        float[] gradient = Enumerable.Range(0, Batch * Tokens * Dimension).Select(i => ((i % 13) - 6) * 0.25f).ToArray();
        float[] weightGradient = Enumerable.Repeat(float.NaN, Vocabulary * Dimension).ToArray(); // stale values must go
        Embedding.Backward(Ids, gradient, weightGradient, Batch, Tokens, Vocabulary, Dimension);

        var expected = new float[Vocabulary * Dimension];
        for (int i = 0; i < Ids.Length; i++)
        {
            for (int d = 0; d < Dimension; d++)
            {
                expected[((int)Ids[i] * Dimension) + d] += gradient[(i * Dimension) + d];
            }
        }

        Assert.Equal(expected, weightGradient);
        // Row 3 collects tokens 0, 2 and 5; rows never used stay zero.
        Assert.Equal(gradient[0] + gradient[2 * Dimension] + gradient[5 * Dimension], weightGradient[3 * Dimension]);
        Assert.All(weightGradient.AsSpan(Dimension, Dimension).ToArray(), value => Assert.Equal(0f, value));
    }

    [Theory]
    [InlineData(12.5f, "12.5")]
    [InlineData(0.5f, "0.5")]
    [InlineData(-1f, "-1")]
    [InlineData(-0.25f, "-0.25")]
    [InlineData(10f, "10")]
    [InlineData(1e9f, "1E+09")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void Every_kind_of_invalid_id_is_refused_before_anything_is_written(float id, string shown)
    {
        float[] ids = (float[])Ids.Clone();
        ids[Tokens + 2] = id; // sample 1, token 2: rows before it would already be written by a careless kernel
        string expected = $"sample 1, token 2: id {shown} is not an integer in [0, {Vocabulary})";

        float[] y = Enumerable.Repeat(42f, Batch * Tokens * Dimension).ToArray();
        var forward = Assert.Throws<ArgumentException>(() => Embedding.Forward(ids, Weight(), y, Batch, Tokens, Vocabulary, Dimension));
        Assert.Contains(expected, forward.Message, StringComparison.Ordinal);
        Assert.Equal("ids", forward.ParamName);
        Assert.All(y, value => Assert.Equal(42f, value));

        float[] weightGradient = Enumerable.Repeat(42f, Vocabulary * Dimension).ToArray();
        var backward = Assert.Throws<ArgumentException>(() => Embedding.Backward(
            ids, new float[Batch * Tokens * Dimension], weightGradient, Batch, Tokens, Vocabulary, Dimension));
        Assert.Contains(expected, backward.Message, StringComparison.Ordinal);
        Assert.All(weightGradient, value => Assert.Equal(42f, value));
    }

    [Fact]
    public void The_first_invalid_id_is_the_one_named()
    {
        float[] ids = (float[])Ids.Clone();
        ids[1] = -3;
        ids[6] = 2.5f;
        var error = Assert.Throws<ArgumentException>(() => Embedding.Forward(
            ids, Weight(), new float[Batch * Tokens * Dimension], Batch, Tokens, Vocabulary, Dimension));
        Assert.Contains("sample 0, token 1: id -3 is not an integer in [0, 10)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_span_too_short_for_the_shape_is_refused_before_anything_is_written()
    {
        float[] y = Enumerable.Repeat(42f, (Batch * Tokens * Dimension) - 1).ToArray();
        Assert.Throws<ArgumentOutOfRangeException>(() => Embedding.Forward(Ids, Weight(), y, Batch, Tokens, Vocabulary, Dimension));
        Assert.All(y, value => Assert.Equal(42f, value));
        Assert.Throws<ArgumentOutOfRangeException>(() => Embedding.Forward(Ids, new float[(Vocabulary * Dimension) - 1], new float[y.Length + 1], Batch, Tokens, Vocabulary, Dimension));
    }

    [Fact]
    public void Forward_and_backward_do_not_allocate()
    {
        float[] weight = Weight();
        var y = new float[Batch * Tokens * Dimension];
        var weightGradient = new float[Vocabulary * Dimension];
        void Step()
        {
            Embedding.Forward(Ids, weight, y, Batch, Tokens, Vocabulary, Dimension);
            Embedding.Backward(Ids, y, weightGradient, Batch, Tokens, Vocabulary, Dimension);
        }

        Step(); // warm-up: JIT
        long fewest = long.MaxValue;
        for (int round = 0; round < 3 && fewest != 0; round++) // fewest of three: a one-off runtime allocation does not count
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Step();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, fewest);
    }

    /// <summary>weight[v, d] = v + d/8: every row distinct and every value exact.</summary>
    private static float[] Weight() =>
        Enumerable.Range(0, Vocabulary * Dimension).Select(i => (i / Dimension) + ((i % Dimension) / 8f)).ToArray();
}
