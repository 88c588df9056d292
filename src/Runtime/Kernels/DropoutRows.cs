namespace Generated.Kernels;

/// <summary>
/// Inverted dropout of a dense layer's output, drawn in the product's epilogue: each finished row, just activated and
/// still in L1, gets its mask and dropped copy at once instead of a separate pass reading the whole output back. The
/// draws are <see cref="DropoutMask"/>'s, indexed by position in the output, so the masks are those of the stand-alone
/// dropout pass bit for bit, on any split of the rows or columns over the workers.
/// </summary>
internal unsafe struct DropoutRows
{
    /// <summary>The mask, laid out like C; null when there is no dropout to apply.</summary>
    public float* Mask;

    /// <summary>The dropped output, laid out like C.</summary>
    public float* Output;

    /// <summary>The position of C's first element in the dropout's draw (the first column of a band of columns).</summary>
    public long Origin;

    public ulong Key;
    public float Keep;
    public float Scale;
    public SimdLevel Level;

    /// <summary>The same dropout for a band of columns starting at <paramref name="first"/>.</summary>
    public readonly DropoutRows Columns(int first)
    {
        if (Mask == null)
        {
            return this;
        }

        DropoutRows band = this;
        band.Mask = Mask + first;
        band.Output = Output + first;
        band.Origin = Origin + first;
        return band;
    }

    /// <summary>Draws the <paramref name="count"/> elements of the row at <paramref name="offset"/> floats from C's start.</summary>
    public readonly void Apply(float* row, long offset, int count) =>
        DropoutMask.ApplyRun(Level, row, Mask + offset, Output + offset, count, Origin + offset, Key, Keep, Scale);
}
