namespace Generated.Kernels;

/// <summary>
/// Which rows of A share a register tile in one K block of a product that skips zero steps: the rows sorted by how
/// many of the block's steps they are not zero at. A tile skips a step only where all four of its rows are zero, so
/// tiles of rows with alike zeros skip more. In a shuffled Fashion-MNIST batch of 128, four rows in batch order are
/// all zero at 21% of the steps of a 128-pixel block; four rows of like counts at 35% (half the pixels are zero, the
/// most any grouping could reach). A count is a few compares per sixteen steps; a counting sort over the block's
/// K + 1 possible counts is linear. Each element of C still adds its own row's terms in K order, whatever tile holds
/// the row, so the order changes which steps are skipped, never a bit of C where B is finite. (Where B is infinite or
/// NaN at a step, whether a row meets it depends on the rows it is grouped with, and so on its worker's band.)
/// </summary>
internal static unsafe class SparseRowOrder
{
    /// <summary>
    /// Writes to <paramref name="order"/> the row indices [0, <paramref name="rows"/>) of A ordered by their count of
    /// nonzero values in the <paramref name="kCount"/> floats at each row, fewest first and rows of equal count in
    /// their own order (so a dense A keeps its order). <paramref name="keys"/> needs <paramref name="rows"/> ints and
    /// is left holding each row's count (by row, not by place in the order); <paramref name="histogram"/> needs kCount + 1.
    /// Row r's nonzero masks (<see cref="NonzeroSteps.CountAndMask"/>) are left at <paramref name="masks"/> +
    /// r·<paramref name="maskStride"/>, for listing the tiles' steps without reading the rows again.
    /// </summary>
    public static void Sort(float* a, int lda, int rows, int kCount, int* order, int* keys, int* histogram, ushort* masks, int maskStride)
    {
        new System.Span<int>(histogram, kCount + 1).Clear();
        for (int row = 0; row < rows; row++)
        {
            int key = NonzeroSteps.CountAndMask(a + ((long)row * lda), kCount, masks + ((long)row * maskStride));
            keys[row] = key;
            histogram[key]++;
        }

        // Each count's first place: the number of rows with fewer.
        int next = 0;
        for (int key = 0; key <= kCount; key++)
        {
            int rowsWithKey = histogram[key];
            histogram[key] = next;
            next += rowsWithKey;
        }

        for (int row = 0; row < rows; row++)
        {
            order[histogram[keys[row]]++] = row;
        }
    }
}
