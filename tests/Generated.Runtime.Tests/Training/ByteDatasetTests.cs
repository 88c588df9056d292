using System;
using Generated.Kernels;
using Generated.Training;
using Xunit;

namespace Generated.Runtime.Tests.Training;

/// <summary>
/// Byte datasets: every byte becomes exactly <c>value / divisor</c> (the float division) however it is read, so training
/// on bytes is training on the floats they stand for.
/// </summary>
public sealed unsafe class ByteDatasetTests
{
    [Theory]
    [InlineData(255f)]
    [InlineData(1f)]
    [InlineData(3f)]
    [InlineData(7.5f)]
    [InlineData(0.1f)]
    [InlineData(1e-3f)]
    [InlineData(256f)]
    [InlineData(6.02e23f)]
    [InlineData(1e-38f)] // quotients overflow to infinity: decoded by division
    [InlineData(3e38f)]  // a subnormal reciprocal
    public void Every_byte_decodes_to_the_float_division(float divisor)
    {
        // 259 values: all 256 bytes in the vector loops, and a scalar tail that starts over at 0.
        byte[] bytes = new byte[259];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)i;
        }

        ByteScale scale = ByteScale.Create(divisor, "divisor");
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            if (level > SimdSelection.Best)
            {
                continue;
            }

            var decoded = new float[bytes.Length];
            fixed (byte* source = bytes)
            fixed (float* target = decoded)
            {
                scale.Decode(source, target, bytes.Length, level);
            }

            for (int i = 0; i < bytes.Length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(bytes[i] / divisor) == BitConverter.SingleToInt32Bits(decoded[i]), $"{level}: byte {bytes[i]} gave {decoded[i]}");
            }
        }
    }

    [Fact]
    public void Both_decoding_paths_are_taken()
    {
        Assert.True(ByteScale.Create(255f, "divisor").MultipliesByReciprocal);
        Assert.False(ByteScale.Create(1e-38f, "divisor").MultipliesByReciprocal);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-255f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_divisor_that_is_not_positive_and_finite_is_refused(float divisor)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.FromBytes(new byte[4], divisor, new int[2], 2));
        Assert.Equal("divisor", error.ParamName);
    }

    [Fact]
    public void A_byte_dataset_reads_as_its_floats_everywhere()
    {
        byte[] bytes = RandomBytes(7 * 5, 1);
        Dataset<int> data = Dataset.FromBytes(bytes, 255f, [0, 1, 2, 0, 1, 2, 0], 5);
        Assert.True(data.HoldsBytes);
        Assert.Equal(7, data.Count);
        Assert.Equal(5, data.SampleSize);
        float[] expected = Decoded(bytes, 255f);
        Assert.Equal(expected, data.Features);
        Assert.Equal(expected.AsSpan(10, 5).ToArray(), data.FeaturesOf(2).ToArray());

        var copied = new float[3 * 5];
        data.CopyFeatures(4, 3, copied);
        Assert.Equal(expected.AsSpan(20, 15).ToArray(), copied);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.CopyFeatures(5, 3, copied));
        Assert.Throws<ArgumentException>(() => data.CopyFeatures(0, 4, copied));
    }

    [Fact]
    public void Subsets_and_splits_of_a_byte_dataset_hold_bytes()
    {
        byte[] bytes = RandomBytes(10 * 3, 2);
        Dataset<int> data = Dataset.FromBytes(bytes, 255f, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3);
        Dataset<int> subset = data.Subset([9, 0, 9]);
        Assert.True(subset.HoldsBytes);
        Assert.Equal([9, 0, 9], subset.Targets);
        Assert.Equal(data.FeaturesOf(9).ToArray(), subset.FeaturesOf(0).ToArray());
        Assert.Equal(data.FeaturesOf(0).ToArray(), subset.FeaturesOf(1).ToArray());

        (Dataset<int> train, Dataset<int> validation) = data.Split(0.3, seed: 4);
        Assert.True(train.HoldsBytes && validation.HoldsBytes);
        (Dataset<int> floatTrain, _) = new Dataset<int>(data.Features, data.Targets, 3).Split(0.3, seed: 4);
        Assert.Equal(floatTrain.Features, train.Features);
        Assert.Equal(floatTrain.Targets, train.Targets);
    }

    [Fact]
    public void Byte_features_that_are_not_whole_samples_are_refused_in_bytes()
    {
        var error = Assert.Throws<ArgumentException>(() => Dataset.FromBytes(new byte[7], 255f, new int[2], 3));
        Assert.Contains("7 bytes", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => Dataset.FromBytes<int>(null!, 255f, new int[2], 3));
    }

    [Fact]
    public void The_default_gather_decodes_the_chosen_rows()
    {
        byte[] bytes = RandomBytes(6 * 4, 3);
        int[] rows = [5, 0, 3, 3];
        var gathered = new float[rows.Length * 4];
        IModel model = new PassThroughModel(Loss.MeanSquaredError, 4, 8);
        model.GatherRows(bytes, 255f, 4, rows, gathered);
        float[] all = Decoded(bytes, 255f);
        for (int k = 0; k < rows.Length; k++)
        {
            Assert.Equal(all.AsSpan(rows[k] * 4, 4).ToArray(), gathered.AsSpan(k * 4, 4).ToArray());
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.GatherRows(bytes, 255f, 4, [6], gathered));
        Assert.Contains("Row 6 is outside the 6 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engine_gather_follows_a_change_of_divisor()
    {
        // The engine keeps the last checked decoder; a new divisor must get its own.
        byte[] bytes = RandomBytes(40 * 20, 6);
        int[] rows = [3, 39, 0, 17];
        var gathered = new float[rows.Length * 20];
        using var engine = new KernelEngine(2, 0);
        foreach (float divisor in new[] { 255f, 3f, 255f, 1e-38f })
        {
            engine.GatherRows(bytes, divisor, 20, rows, gathered);
            float[] all = Decoded(bytes, divisor);
            for (int k = 0; k < rows.Length; k++)
            {
                Assert.Equal(all.AsSpan(rows[k] * 20, 20).ToArray(), gathered.AsSpan(k * 20, 20).ToArray());
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GatherRows(bytes, float.NaN, 20, rows, gathered));
    }

    [Fact]
    public void One_sample_of_a_byte_dataset_is_decoded_alone()
    {
        byte[] bytes = RandomBytes(5 * 4, 7);
        Dataset<int> data = Dataset.FromBytes(bytes, 255f, [0, 1, 2, 3, 4], 4);
        Assert.Equal(Decoded(bytes, 255f).AsSpan(12, 4).ToArray(), data.FeaturesOf(3).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => data.FeaturesOf(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.FeaturesOf(-1));
    }

    private static float[] Decoded(byte[] bytes, float divisor)
    {
        var values = new float[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            values[i] = bytes[i] / divisor;
        }

        return values;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
