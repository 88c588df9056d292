using System;
using System.Runtime.Intrinsics.X86;

namespace Generated.Training;

/// <summary>
/// Copies the rows of a shuffled batch out of a feature matrix. The rows are scattered over the whole data set (188 MB
/// for Fashion-MNIST), so each one starts with a cache miss and usually a TLB miss; the copy of row k therefore first
/// asks the memory system for row k + <see cref="Lookahead"/>, whose lines then arrive while the rows before it are
/// copied, instead of waiting for each row in turn. <see cref="Kernels.KernelEngine.GatherRows"/> splits the rows over a
/// model's threads; each runs <see cref="CopyRange"/> on its own band.
/// </summary>
internal static unsafe class RowGather
{
    /// <summary>Rows requested ahead of the one being copied.</summary>
    private const int Lookahead = 4;

    private const int CacheLine = 64;

    /// <summary>Copies every row of <paramref name="rows"/> on the calling thread.</summary>
    public static void Copy(ReadOnlySpan<float> source, int rowLength, ReadOnlySpan<int> rows, Span<float> destination)
    {
        Check(source, rowLength, rows, destination);
        fixed (float* matrix = source, target = destination)
        fixed (int* indices = rows)
        {
            CopyRange(matrix, source.Length / rowLength, rowLength, indices, 0, rows.Length, target);
        }
    }

    /// <summary>Throws unless the rows fit the destination and every index is a row of the source.</summary>
    public static void Check(ReadOnlySpan<float> source, int rowLength, ReadOnlySpan<int> rows, Span<float> destination)
    {
        if (rowLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowLength), $"Rows must hold at least one float, not {rowLength}.");
        }

        if (destination.Length < (long)rows.Length * rowLength)
        {
            throw new ArgumentException($"The batch buffer holds {destination.Length} floats; {rows.Length} rows of {rowLength} need more.", nameof(destination));
        }

        // Checked here, once, because the copies run through pointers (and on several threads).
        int rowCount = source.Length / rowLength;
        foreach (int row in rows)
        {
            CheckRow(row, rowCount);
        }
    }

    /// <summary>
    /// Copies rows [<paramref name="first"/>, <paramref name="end"/>) of the batch; the indices must have been checked
    /// against <paramref name="rowCount"/> (<see cref="Check"/>).
    /// </summary>
    public static void CopyRange(float* matrix, int rowCount, int rowLength, int* rows, int first, int end, float* target)
    {
        long bytes = (long)rowLength * sizeof(float);
        for (int k = first; k < end; k++)
        {
            if (k + Lookahead < end && Sse.IsSupported)
            {
                // A prefetch never faults, so an index that fails its check below costs nothing here.
                byte* ahead = (byte*)(matrix + ((long)rows[k + Lookahead] * rowLength));
                for (long offset = 0; offset < bytes; offset += CacheLine)
                {
                    Sse.Prefetch0(ahead + offset);
                }
            }

            // Read once and checked again where it is used: the caller's index array could change after Check.
            int row = CheckRow(rows[k], rowCount);
            Buffer.MemoryCopy(matrix + ((long)row * rowLength), target + ((long)k * rowLength), bytes, bytes);
        }
    }

    /// <summary>The row index, or an exception naming it when it is not one of the matrix's rows.</summary>
    private static int CheckRow(int row, int rowCount) =>
        (uint)row < (uint)rowCount ? row : throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside the {rowCount} rows.");
}
