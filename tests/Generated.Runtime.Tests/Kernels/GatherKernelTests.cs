using System;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>A shuffled batch gathered on one and on several threads is exactly the rows asked for, in order.</summary>
public sealed class GatherKernelTests
{
    [Theory]
    [InlineData(1, 128, 784)]
    [InlineData(2, 128, 784)]
    [InlineData(2, 3, 784)]     // too small to split
    [InlineData(3, 100, 200)]   // bands that do not divide evenly
    [InlineData(2, 129, 1)]     // one float per row
    public void Gathered_rows_are_the_rows_asked_for(int threads, int batch, int rowLength)
    {
        const int rows = 1000;
        float[] matrix = new float[rows * rowLength];
        for (int i = 0; i < matrix.Length; i++)
        {
            matrix[i] = i; // exact in float below 2^24, so every element says where it came from
        }

        int[] order = new int[batch];
        var random = new Random(batch);
        for (int k = 0; k < batch; k++)
        {
            order[k] = random.Next(rows);
        }

        float[] destination = new float[(batch + 1) * rowLength];
        destination.AsSpan(batch * rowLength).Fill(-1);
        using var engine = new KernelEngine(threads, 0);
        engine.GatherRows(matrix, rowLength, order, destination);

        for (int k = 0; k < batch; k++)
        {
            for (int j = 0; j < rowLength; j++)
            {
                Assert.Equal((order[k] * rowLength) + j, destination[(k * rowLength) + j]);
            }
        }

        Assert.All(destination.AsSpan(batch * rowLength).ToArray(), value => Assert.Equal(-1, value)); // nothing past the batch
    }

    [Fact]
    public void A_row_outside_the_matrix_is_refused_before_anything_is_copied()
    {
        float[] matrix = new float[10 * 4];
        float[] destination = new float[3 * 4];
        using var engine = new KernelEngine(2, 0);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => engine.GatherRows(matrix, 4, [1, 10, 2], destination));
        Assert.Contains("Row 10 is outside the 10 rows", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GatherRows(matrix, 4, [-1], destination));
        Assert.All(destination, value => Assert.Equal(0, value));
    }

    /// <summary>The threads' copy checks each index again where it reads it: the caller's array could change after the check.</summary>
    [Fact]
    public unsafe void The_band_copy_checks_each_index_it_reads()
    {
        float[] matrix = new float[10 * 4];
        float[] destination = new float[2 * 4];
        int[] rows = [3, 12];
        fixed (float* m = matrix, d = destination)
        fixed (int* r = rows)
        {
            float* pm = m, pd = d;
            int* pr = r;
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => global::Generated.Training.RowGather.CopyRange(pm, 10, 4, pr, 0, 2, pd));
            Assert.Contains("Row 12 is outside the 10 rows", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_batch_buffer_too_small_for_the_rows_is_refused()
    {
        using var engine = new KernelEngine(1, 0);
        var error = Assert.Throws<ArgumentException>(() => engine.GatherRows(new float[40], 4, [0, 1, 2], new float[11]));
        Assert.Contains("holds 11 floats; 3 rows of 4 need more", error.Message, StringComparison.Ordinal);
    }
}
