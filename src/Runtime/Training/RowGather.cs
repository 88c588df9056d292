using System;
using System.Runtime.Intrinsics.X86;

namespace Generated.Training;

/// <summary>
/// Copies the rows of a shuffled batch out of a feature matrix. The rows are scattered over the whole data set (188 MB
/// for Fashion-MNIST), so each one starts with a cache miss and usually a TLB miss; the copy of row k therefore first
/// asks the memory system for row k + <see cref="Lookahead"/>, whose lines then arrive while the rows before it are
/// copied, instead of waiting for each row in turn.
/// </summary>
internal static unsafe class RowGather
{
    /// <summary>Rows requested ahead of the one being copied.</summary>
    private const int Lookahead = 4;

    private const int CacheLine = 64;

    public static void Copy(float[] source, int rowLength, ReadOnlySpan<int> rows, Span<float> destination)
    {
        if (rowLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowLength), $"Rows must hold at least one float, not {rowLength}.");
        }

        if (destination.Length < (long)rows.Length * rowLength)
        {
            throw new ArgumentException($"The batch buffer holds {destination.Length} floats; {rows.Length} rows of {rowLength} need more.", nameof(destination));
        }

        long bytes = (long)rowLength * sizeof(float);
        fixed (float* matrix = source, target = destination)
        {
            for (int k = 0; k < rows.Length; k++)
            {
                if (k + Lookahead < rows.Length && Sse.IsSupported)
                {
                    byte* ahead = (byte*)(matrix + ((long)Row(source, rowLength, rows[k + Lookahead]) * rowLength));
                    for (long offset = 0; offset < bytes; offset += CacheLine)
                    {
                        Sse.Prefetch0(ahead + offset);
                    }
                }

                float* from = matrix + ((long)Row(source, rowLength, rows[k]) * rowLength);
                Buffer.MemoryCopy(from, target + ((long)k * rowLength), bytes, bytes);
            }
        }
    }

    /// <summary>The row index, checked: the copies run through pointers.</summary>
    private static int Row(float[] source, int rowLength, int row) =>
        (uint)row < (uint)(source.Length / rowLength) ? row : throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside the {source.Length / rowLength} rows.");
}
