using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace Generated.Kernels;

/// <summary>
/// The K steps a 4-row register tile cannot skip: those where at least one of its four rows of A is not zero. A step
/// where all four are zero adds 0·b to every accumulator, which leaves them as they are (up to the sign of a zero sum,
/// and except where b is infinite or NaN), so a tile that walks only the listed steps computes the same C.
/// Images with a black background (half of Fashion-MNIST's pixels), one-hot features and ReLU outputs leave many such
/// steps; dense data leaves none, and then the tile runs its plain loop (<see cref="GemmArguments.SkipZeroA"/>).
/// </summary>
internal static unsafe class NonzeroSteps
{
    /// <summary>Whether this machine builds the lists with 512-bit compares.</summary>
    public static bool Supported => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// For each 8-bit mask, the positions of its set bits in increasing order (8 ints per mask, the rest zero): the
    /// left-packed step offsets of eight consecutive steps, so a list grows by eight at a time with one load and add.
    /// .NET 8 (the runtime's target, for Native AOT) has no compress instruction; this table is its 8 KB stand-in.
    /// </summary>
    private static readonly int* LeftPacked = BuildLeftPacked();

    private static int* BuildLeftPacked()
    {
        var table = (int*)NativeMemory.AlignedAlloc(256 * 8 * sizeof(int), 64);
        for (int mask = 0; mask < 256; mask++)
        {
            int at = 0;
            for (int bit = 0; bit < 8; bit++)
            {
                table[(mask * 8) + bit] = 0;
                if ((mask & (1 << bit)) != 0)
                {
                    table[(mask * 8) + at++] = bit;
                }
            }
        }

        return table;
    }

    /// <summary>
    /// Writes to <paramref name="steps"/> every p in [0, <paramref name="kCount"/>) at which one of the four rows
    /// <paramref name="a"/>, <paramref name="a1"/>, <paramref name="a2"/>, <paramref name="a3"/> (anywhere in A: a tile
    /// whose rows <see cref="SparseRowOrder"/> grouped by their zeros) is not zero, in increasing order, and returns how
    /// many. <paramref name="steps"/> needs kCount ints: each store of eight offsets may run past the count so far, but
    /// it starts at most at the block's first step, so it ends by kCount. A NaN is not zero, so it is never skipped.
    /// </summary>
    public static int Build(float* a, float* a1, float* a2, float* a3, int kCount, int* steps)
    {
        int count = 0;
        int p = 0;
        for (; p + 16 <= kCount; p += 16)
        {
            Vector512<float> allZero = Vector512.Equals(Vector512.Load(a + p), Vector512<float>.Zero)
                & Vector512.Equals(Vector512.Load(a1 + p), Vector512<float>.Zero)
                & Vector512.Equals(Vector512.Load(a2 + p), Vector512<float>.Zero)
                & Vector512.Equals(Vector512.Load(a3 + p), Vector512<float>.Zero);
            count = AppendBlock(~(uint)allZero.ExtractMostSignificantBits() & 0xFFFF, p, steps, count);
        }

        for (; p < kCount; p++)
        {
            if (a[p] != 0f || a1[p] != 0f || a2[p] != 0f || a3[p] != 0f)
            {
                steps[count++] = p;
            }
        }

        return count;
    }

    /// <summary>Masks <see cref="CountAndMask"/> writes for a row of <paramref name="kCount"/> steps: one per sixteen, the last maybe part of one.</summary>
    public static int MasksFor(int kCount) => (kCount + 15) / 16;

    /// <summary>
    /// How many of the <paramref name="kCount"/> floats at <paramref name="row"/> are not zero (NaN included), and which:
    /// bit e of <paramref name="masks"/>[c] is set where row[16c + e] is not zero, bits past kCount clear
    /// (<see cref="MasksFor"/> masks). A product that groups its rows by these counts lists each tile's steps from the
    /// masks (<see cref="BuildFromMasks"/>) instead of reading its four rows again: in training the first layer's
    /// lists had to fetch the batch's rows a second time, in sorted order, from L2.
    /// </summary>
    public static int CountAndMask(float* row, int kCount, ushort* masks)
    {
        int count = 0;
        int p = 0;
        for (; p + 16 <= kCount; p += 16)
        {
            uint keep = ~(uint)Vector512.Equals(Vector512.Load(row + p), Vector512<float>.Zero).ExtractMostSignificantBits() & 0xFFFF;
            masks[p >> 4] = (ushort)keep;
            count += BitOperations.PopCount(keep);
        }

        if (p < kCount)
        {
            uint keep = 0;
            for (int e = 0; p + e < kCount; e++)
            {
                keep |= row[p + e] != 0f ? 1u << e : 0u;
            }

            masks[p >> 4] = (ushort)keep;
            count += BitOperations.PopCount(keep);
        }

        return count;
    }

    /// <summary>
    /// <see cref="Build"/>'s list for four rows whose masks <see cref="CountAndMask"/> wrote: every step of
    /// [0, <paramref name="kCount"/>) where one of the rows is not zero, in increasing order; returns how many. Nothing is
    /// written past kCount (a part block at the end is listed step by step).
    /// </summary>
    public static int BuildFromMasks(ushort* m0, ushort* m1, ushort* m2, ushort* m3, int kCount, int* steps)
    {
        int count = 0;
        int whole = kCount / 16;
        for (int block = 0; block < whole; block++)
        {
            count = AppendBlock((uint)(m0[block] | m1[block] | m2[block] | m3[block]), block * 16, steps, count);
        }

        if (whole * 16 < kCount)
        {
            uint keep = (uint)(m0[whole] | m1[whole] | m2[whole] | m3[whole]);
            for (; keep != 0; keep &= keep - 1)
            {
                steps[count++] = (whole * 16) + BitOperations.TrailingZeroCount(keep);
            }
        }

        return count;
    }

    /// <summary>
    /// Appends to the list of <paramref name="count"/> steps the steps p + e of a sixteen-step block whose bit e is set in
    /// <paramref name="keep"/>, eight at a time from the left-packed table; returns the new count. Each store of eight
    /// may run past the new count, but it starts at most at step p, so it ends by p + 16.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AppendBlock(uint keep, int p, int* steps, int count)
    {
        uint low = keep & 0xFF, high = keep >> 8;
        (Vector256.Load(LeftPacked + (low * 8)) + Vector256.Create(p)).Store(steps + count);
        count += BitOperations.PopCount(low);
        (Vector256.Load(LeftPacked + (high * 8)) + Vector256.Create(p + 8)).Store(steps + count);
        return count + BitOperations.PopCount(high);
    }

    /// <summary>How many of the <paramref name="kCount"/> floats at <paramref name="row"/> are not zero (NaN included).</summary>
    public static int CountNonzero(float* row, int kCount)
    {
        int count = 0;
        int p = 0;
        for (; p + 16 <= kCount; p += 16)
        {
            uint zero = (uint)Vector512.Equals(Vector512.Load(row + p), Vector512<float>.Zero).ExtractMostSignificantBits();
            count += 16 - BitOperations.PopCount(zero);
        }

        for (; p < kCount; p++)
        {
            count += row[p] != 0f ? 1 : 0;
        }

        return count;
    }
}
