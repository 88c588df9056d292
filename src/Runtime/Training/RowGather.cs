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

    /// <summary>
    /// Decodes every row of <paramref name="rows"/> from bytes (each value divided by <paramref name="divisor"/>, see
    /// <see cref="ByteScale"/>) on the calling thread.
    /// </summary>
    public static void Copy(ReadOnlySpan<byte> source, float divisor, int rowLength, ReadOnlySpan<int> rows, Span<float> destination)
    {
        ByteScale scale = ByteScale.Create(divisor, nameof(divisor));
        Check(source, rowLength, rows, destination);
        fixed (byte* matrix = source)
        fixed (float* target = destination)
        fixed (int* indices = rows)
        {
            CopyRange(matrix, scale, source.Length / rowLength, rowLength, indices, 0, rows.Length, target);
        }
    }

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
    public static void Check<T>(ReadOnlySpan<T> source, int rowLength, ReadOnlySpan<int> rows, Span<float> destination)
    {
        if (rowLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowLength), $"Rows must hold at least one value, not {rowLength}.");
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
            Prefetch((byte*)matrix, bytes, rows, k, end);

            // Read once and checked again where it is used: the caller's index array could change after Check.
            int row = CheckRow(rows[k], rowCount);
            Buffer.MemoryCopy(matrix + ((long)row * rowLength), target + ((long)k * rowLength), bytes, bytes);
        }
    }

    /// <summary>The byte form of <see cref="CopyRange(float*, int, int, int*, int, int, float*)"/>: a quarter of the memory traffic.</summary>
    public static void CopyRange(byte* matrix, in ByteScale scale, int rowCount, int rowLength, int* rows, int first, int end, float* target)
    {
        for (int k = first; k < end; k++)
        {
            Prefetch(matrix, rowLength, rows, k, end);
            int row = CheckRow(rows[k], rowCount);
            scale.Decode(matrix + ((long)row * rowLength), target + ((long)k * rowLength), rowLength);
        }
    }

    /// <summary>Asks for the lines of row k + <see cref="Lookahead"/> (rows of <paramref name="rowBytes"/> bytes).</summary>
    private static void Prefetch(byte* matrix, long rowBytes, int* rows, int k, int end)
    {
        if (k + Lookahead < end && Sse.IsSupported)
        {
            // A prefetch never faults, so an index that fails its check later costs nothing here.
            PrefetchLines(matrix + ((long)rows[k + Lookahead] * rowBytes), rowBytes, intoL1: true);
        }
    }

    /// <summary>
    /// Prefetches every line of [<paramref name="first"/>, first + <paramref name="bytes"/>), from the line holding its first
    /// byte (rows need not start on a line), into L1 for the row about to be copied or L2 for the next batch.
    /// </summary>
    private static void PrefetchLines(byte* first, long bytes, bool intoL1)
    {
        byte* end = first + bytes;
        for (byte* line = (byte*)((nuint)first & ~(nuint)(CacheLine - 1)); line < end; line += CacheLine)
        {
            if (intoL1)
            {
                Sse.Prefetch0(line);
            }
            else
            {
                Sse.Prefetch1(line);
            }
        }
    }

    /// <summary>
    /// At most this many bytes of the next batch are prefetched: an eighth of a typical 1 MB L2. A larger batch's rows would
    /// evict the step's own operands from L2 before the gather wants them; its later rows (and rows larger than this
    /// altogether, a 3 x 224 x 224 image say) are left to the gather's lookahead.
    /// </summary>
    internal const long PrefetchBudget = 128 * 1024;

    /// <summary>
    /// Prefetches every line of the rows at <paramref name="rows"/> (rows of <paramref name="rowLength"/> values) into L2,
    /// up to <see cref="PrefetchBudget"/> bytes, skipping indices outside <paramref name="matrix"/>.
    /// </summary>
    public static void Prefetch<T>(ReadOnlySpan<T> matrix, int rowLength, ReadOnlySpan<int> rows)
        where T : unmanaged
    {
        if (!Sse.IsSupported || rowLength <= 0)
        {
            return;
        }

        // In bytes and longs: a float matrix may hold more than 2 GB.
        long rowBytes = (long)rowLength * sizeof(T);
        long rowCount = matrix.Length / rowLength;
        int within = (int)Math.Min(rows.Length, PrefetchBudget / rowBytes);
        fixed (T* values = matrix)
        {
            byte* start = (byte*)values;
            foreach (int row in rows[..within])
            {
                if ((ulong)row >= (ulong)rowCount)
                {
                    continue;
                }

                PrefetchLines(start + (row * rowBytes), rowBytes, intoL1: false);
            }
        }
    }

    private static int CheckRow(int row, int rowCount) =>
        (uint)row < (uint)rowCount ? row : throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside the {rowCount} rows.");
}
