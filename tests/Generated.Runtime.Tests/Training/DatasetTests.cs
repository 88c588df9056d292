using System;
using System.Collections.Generic;
using Generated.Training;
using Xunit;

namespace Generated.Runtime.Tests.Training;

public class DatasetTests
{
    [Fact]
    public void Constructor_derives_count_from_features()
    {
        var data = new Dataset<float>(new float[12], new float[8], sampleSize: 3, targetSize: 2);
        Assert.Equal(4, data.Count);
        Assert.Equal(3, data.SampleSize);
        Assert.Equal(2, data.TargetSize);
    }

    [Fact]
    public void Constructor_rejects_features_that_are_not_whole_samples()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset<int>(new float[10], new int[3], sampleSize: 3));
        Assert.Equal("features", error.ParamName);
        Assert.Contains("10", error.Message, StringComparison.Ordinal);
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_rejects_a_target_count_that_does_not_match()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset<int>(new float[12], new int[5], sampleSize: 3));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("4 samples", error.Message, StringComparison.Ordinal);
        Assert.Contains("5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, "sampleSize")]
    [InlineData(-2, 1, "sampleSize")]
    [InlineData(2, 0, "targetSize")]
    public void Constructor_rejects_non_positive_sizes(int sampleSize, int targetSize, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset<float>(new float[4], new float[2], sampleSize, targetSize));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Prefetching_a_batch_skips_indices_outside_the_set_and_changes_nothing()
    {
        // The trainer prefetches the next shuffled batch before it checks the indices (the gather does): a bad index
        // must be passed over, not turned into an address, and the samples must read the same afterwards.
        float[] features = [1, 2, 3, 4, 5, 6];
        byte[] pixels = [10, 20, 30, 40, 50, 60];
        var floats = new Dataset<int>(features, new int[3], sampleSize: 2);
        Dataset<int> bytes = Dataset.FromBytes(pixels, 10f, new int[3], sampleSize: 2);
        int[] rows = [2, -1, 3, int.MaxValue, int.MinValue, 0];

        floats.Prefetch(rows);
        bytes.Prefetch(rows);
        new Dataset<int>([], [], sampleSize: 2).Prefetch(rows);

        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], floats.Features);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], bytes.Features);
    }

    [Fact]
    public void Constructor_rejects_null_arrays()
    {
        Assert.Throws<ArgumentNullException>(() => new Dataset<int>(null!, new int[1], 1));
        Assert.Throws<ArgumentNullException>(() => new Dataset<int>(new float[1], null!, 1));
    }

    [Fact]
    public void Split_partitions_the_samples_with_the_requested_sizes()
    {
        Dataset<int> data = RecordingModel.IdDataset(100);
        (Dataset<int> train, Dataset<int> validation) = data.Split(0.2, seed: 7);

        Assert.Equal(80, train.Count);
        Assert.Equal(20, validation.Count);
        var seen = new HashSet<int>();
        foreach (Dataset<int> part in new[] { train, validation })
        {
            for (int i = 0; i < part.Count; i++)
            {
                Assert.True(seen.Add(part.Targets[i]), "a sample landed in both parts");
                Assert.Equal(part.Targets[i], (int)part.FeaturesOf(i)[0]);
            }
        }

        Assert.Equal(100, seen.Count);
    }

    [Fact]
    public void Split_is_deterministic_per_seed_and_keeps_file_order_within_each_part()
    {
        Dataset<int> data = RecordingModel.IdDataset(50);
        int[] first = data.Split(0.3, seed: 1).Validation.Targets;
        int[] again = data.Split(0.3, seed: 1).Validation.Targets;
        int[] other = data.Split(0.3, seed: 2).Validation.Targets;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(first, SortedCopy(first));
    }

    [Fact]
    public void Split_copies_rather_than_aliasing()
    {
        Dataset<int> data = RecordingModel.IdDataset(10);
        (Dataset<int> train, _) = data.Split(0.5, seed: 3);
        train.Features[0] = -1;
        Assert.DoesNotContain(-1f, data.Features);
    }

    [Fact]
    public void Split_with_a_tiny_positive_fraction_keeps_one_validation_sample()
    {
        (Dataset<int> train, Dataset<int> validation) = RecordingModel.IdDataset(10).Split(0.01, seed: 0);
        Assert.Equal(9, train.Count);
        Assert.Equal(1, validation.Count);
    }

    [Fact]
    public void Split_with_zero_fraction_keeps_everything_for_training()
    {
        (Dataset<int> train, Dataset<int> validation) = RecordingModel.IdDataset(10).Split(0, seed: 0);
        Assert.Equal(10, train.Count);
        Assert.Equal(0, validation.Count);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Split_rejects_fractions_outside_zero_to_one(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordingModel.IdDataset(10).Split(fraction, seed: 0));
    }

    [Fact]
    public void Subset_copies_rows_in_the_given_order()
    {
        var data = new Dataset<float>([1, 2, 3, 4, 5, 6], [10, 11, 20, 21, 30, 31], sampleSize: 2, targetSize: 2);
        Dataset<float> subset = data.Subset([2, 0, 2]);

        Assert.Equal(3, subset.Count);
        Assert.Equal(new float[] { 5, 6, 1, 2, 5, 6 }, subset.Features);
        Assert.Equal(new float[] { 30, 31, 10, 11, 30, 31 }, subset.Targets);
    }

    [Fact]
    public void Subset_rejects_indices_out_of_range()
    {
        Dataset<int> data = RecordingModel.IdDataset(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset([0, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset([-1]));
    }

    private static int[] SortedCopy(int[] values)
    {
        int[] copy = (int[])values.Clone();
        Array.Sort(copy);
        return copy;
    }
}
