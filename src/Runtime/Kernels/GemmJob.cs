using System;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// One GEMM split over worker threads by bands of C, so no element of C is written by two workers and they need no
/// synchronisation beyond the pool's countdown. The band runs along whichever dimension splits the larger operand:
/// bands of rows (aligned to the 4-row register tile) each read all of B, bands of columns (whole 16-float blocks, a
/// part block joining the last; whole 64-column panels for a product that skips zero steps, see
/// <see cref="ColumnAlignment"/>) each read all of A. A dense layer's products at batch 128 have more columns than rows (X·Wᵀ with 256 outputs, dW = dzᵀ·X
/// with 784 inputs), and a row split there made every worker stream, and for X·Wᵀ transpose, the whole weight. The
/// bands are sized by <see cref="WorkShares"/>, which follow the threads' measured speeds. More than two workers on a
/// product whose column bands would be narrower than the widest tile split it into a grid of equal row and column
/// bands instead (<see cref="GridColumnBands"/>). Every split leaves each
/// element of C to one worker with the same K order, so results depend neither on the thread count nor on where the
/// bands fall (for finite B: a product that skips zero steps groups each band's rows by their zeros, so which steps a
/// row skips, and whether it meets an infinite or NaN B there, depends on its band).
/// </summary>
internal sealed unsafe class GemmJob : IParallelJob
{
    // Below this many multiply-adds the hand-off to workers costs more than it saves.
    private const long ParallelThreshold = 64 * 1024;

    /// <summary>Floats of one worker's panel buffer: a half K block (128) by four of the widest vectors (16 floats).</summary>
    public const int PackLength = GemmKernel<SimdScalar, float>.KBlock / 2 * 4 * 16;

    private GemmArguments _arguments;
    private readonly SimdLevel _level;
    private readonly WorkShares _shares;

    // One pinned panel buffer per worker for products whose B is stored transposed (allocated once, here).
    private readonly AlignedBuffer[] _packs;

    // One pinned step-list buffer per worker for products that skip zero steps of A (ints kept in float storage).
    private readonly AlignedBuffer[] _stepLists;

    // One staging buffer per worker for bands of columns computed apart from C (Stages); grown on first use.
    private readonly AlignedBuffer[] _stages;

    public GemmJob(SimdLevel level, int workers)
    {
        _level = level;
        _shares = new WorkShares(workers);
        _packs = new AlignedBuffer[workers];
        _stepLists = new AlignedBuffer[workers];
        _stages = new AlignedBuffer[workers];
        for (int i = 0; i < workers; i++)
        {
            _packs[i] = new AlignedBuffer(PackLength);
            _stepLists[i] = new AlignedBuffer(GemmKernel<SimdScalar, float>.StepListLength);
        }
    }

    /// <summary>How the bands of C are currently shared between the threads.</summary>
    internal WorkShares Shares => _shares;

    /// <summary><paramref name="worker"/>'s staging buffer (empty until one of its bands is staged).</summary>
    internal AlignedBuffer Stage(int worker) => _stages[worker];

    public void Run(WorkerPool pool, in GemmArguments arguments)
    {
        _arguments = arguments;

        // A grid's bands are equal: it neither reads nor teaches the shares, which a product of the other kind then finds as it left them.
        WorkShares? shares = GridColumnBands(arguments, _level, pool.Threads) > 0 ? null : _shares;
        pool.Run(this, split: (long)arguments.M * arguments.N * arguments.K >= ParallelThreshold, shares);
    }

    public void Execute(int worker, int workers)
    {
        GemmArguments arguments = _arguments;
        int start = 0, end = arguments.M, first = 0;
        if (workers > 1)
        {
            int columnBands = GridColumnBands(arguments, _level, workers);
            if (columnBands > 0)
            {
                (start, end) = WorkerPool.Partition(arguments.M, worker / columnBands, workers / columnBands, 4);
                (first, int last) = WorkerPool.Partition(arguments.N, worker % columnBands, columnBands, ColumnAlignment(arguments, _level, columnBands));
                if (start >= end || first >= last)
                {
                    return;
                }

                arguments = arguments.Columns(first, last - first);
            }
            else if (SplitsColumns(arguments, workers))
            {
                (first, int last) = _shares.Partition(arguments.N, worker, workers, ColumnAlignment(arguments, _level, workers));
                if (first >= last)
                {
                    return;
                }

                arguments = arguments.Columns(first, last - first);
            }
            else
            {
                (start, end) = _shares.Partition(arguments.M, worker, workers, RowAlignment(arguments));
                if (start >= end)
                {
                    return;
                }
            }
        }

        arguments.Pack = _packs[worker].Pointer;
        arguments.StepLists = (int*)_stepLists[worker].Pointer;
        if (first > 0 && Stages(arguments))
        {
            ComputeStaged(worker, arguments, start, end);
            return;
        }

        Compute(_level, arguments, start, end);
    }

    /// <summary>
    /// Whether a band of columns that starts past column 0 is computed in its worker's own buffer and copied into C once
    /// finished: when its product has more than one K block, so that each element of C would otherwise be read and
    /// written once per block, and C is its only output (no accumulation, pre-activation or dropout). Two cores that keep
    /// rewriting neighbouring lines of the same pages (each row of C holds part of both bands) slow each other down where
    /// the host puts the two vCPUs far apart: on this machine's slow placement (a 450 ns round trip between the cores) the
    /// MLP's first forward product took 153 µs on two threads, 111 µs with the second band in a separate buffer and 126 µs
    /// with it copied back at the end (docs/performance.md). The first band stays in place: with the other bands kept out
    /// of the way the pages are no longer rewritten from two cores at once. "K block" is the panel order's (128 deep); a
    /// product on the row-outer path, whose blocks are 256 deep, pays the copy without the rewrites for K of 129–256. A
    /// transposed C never splits by columns; staging its bands of rows (the first layer's weight gradient) was tried and
    /// measured slower, since its one pass of stores is cheaper than the copy (173–177 µs against 153).
    /// </summary>
    internal static bool Stages(in GemmArguments band) =>
        band.K > GemmKernel<SimdScalar, float>.PanelKBlock && !band.Accumulate && !band.TransposedC
        && band.PreActivation == null && band.Dropout.Mask == null;

    /// <summary>Rows [start, end) of a band of columns computed into the worker's staging buffer, then copied into C row by row.</summary>
    private void ComputeStaged(int worker, GemmArguments band, int start, int end)
    {
        int width = band.N, rows = end - start;
        long whole = (long)_arguments.M * _arguments.N;
        if (_stages[worker].Length < whole)
        {
            // Room for the whole product, not just this band: a band's width follows the shares, which drift between calls,
            // and a buffer sized to the band would be replaced each time it reached a new width. So only the first call of a
            // larger product (the first step, the first evaluation at a larger batch) allocates.
            _stages[worker] = new AlignedBuffer(whole);
        }

        float* stage = _stages[worker].Pointer;
        float* c = band.C;
        int ldc = band.Ldc;

        // Row i of the band lands at stage + (i - start)·width: the kernels index C from row 0.
        band.C = stage - ((long)start * width);
        band.Ldc = width;
        Compute(_level, band, start, end);
        for (int row = 0; row < rows; row++)
        {
            new ReadOnlySpan<float>(stage + ((long)row * width), width).CopyTo(new Span<float>(c + ((long)(start + row) * ldc), width));
        }
    }

    /// <summary>
    /// Columns when B (K x N) is at least as large as A and every worker still gets at least one vector of columns; rows
    /// otherwise (a convolution's tall products, narrow outputs). Never for a softmax epilogue, which normalises whole
    /// rows: a band of columns would normalise its part of each row on its own. Nor for a transposed C, whose tiles need
    /// whole 4-vector panels, which bands of single vectors would break. A square product on two workers splits by rows
    /// (<see cref="SquareSplitsRows"/>).
    /// </summary>
    internal static bool SplitsColumns(in GemmArguments arguments, int workers) =>
        ColumnsMaySplit(arguments) && arguments.N >= workers * 16 && !SquareSplitsRows(arguments, workers);

    /// <summary>
    /// Whether a product with as many columns as rows splits by rows on two workers. Either way each worker reads half of
    /// one operand and all of the other, but bands of rows write C in two separate stretches, while bands of columns
    /// share every row of C, and with it every page, between the cores (see <see cref="Stages"/>); a product that skips
    /// zero steps also sorts and lists only its own rows. The MLP's second forward product (128 x 128, 256 deep) took
    /// 36–38 µs split by rows against 53–56 µs by columns on this machine's slow placement, and the next layer's
    /// gradient pass, reading those rows, 36 µs against 41 µs. More workers keep the grid (<see cref="GridColumnBands"/>):
    /// their row bands would be a few tiles tall.
    /// </summary>
    internal static bool SquareSplitsRows(in GemmArguments arguments, int workers) => workers == 2 && arguments.N == arguments.M;

    /// <summary>B at least as large as A, and no softmax epilogue or transposed C that needs whole rows.</summary>
    private static bool ColumnsMaySplit(in GemmArguments arguments) =>
        arguments.N >= arguments.M && arguments.Activation != Activation.Softmax && !arguments.TransposedC;

    /// <summary>
    /// Bands of columns are whole AVX-512 vectors. Whole 4-vector panels would split 784 columns 448/336 between two
    /// threads (13 panels); a band that ends in a one-vector tile costs far less than that imbalance, and the shares
    /// need a fine grain to follow unequal cores. A product that skips zero steps takes whole 4-vector panels where
    /// they split evenly (256 outputs on two threads): only those panels skip, and a drift of the shares by 3% used to
    /// move the 256 columns of the MLP's first forward product to 144/112, each band ending in narrow panels that ran
    /// every step.
    /// </summary>
    internal static int ColumnAlignment(in GemmArguments arguments, SimdLevel level, int workers) =>
        arguments.SkipZeroA && level == SimdLevel.Avx512 && NonzeroSteps.Supported && arguments.N % (WidePanel * workers) == 0 ? WidePanel : 16;

    /// <summary>
    /// Bands of rows are whole 4-row register tiles; a C stored transposed takes bands of 16 rows, so that each band's
    /// part of every row of the stored C is whole cache lines (where its row length is a multiple of 16, as 784 is). With 4-row bands the first layer's weight gradient split
    /// its 784 inputs at 392 on two threads, mid-line, and both cores wrote that line in all 256 rows of dW (alternating
    /// two-thread runs read the same within their noise either way; the alignment keeps the lines apart by construction).
    /// </summary>
    internal static int RowAlignment(in GemmArguments arguments) => arguments.TransposedC ? 16 : 4;

    /// <summary>
    /// With more than two workers, a product that would split by columns into bands narrower than the widest register
    /// tile (four vectors: 64 columns with AVX-512, 32 with AVX2) splits into a grid instead: the largest number of
    /// column bands that divides the workers and leaves each band at least a panel wide (in 16-column blocks), and the
    /// workers' rows shared among the rest (bands of whole 4-row tiles). Sixteen workers on X·Wᵀ with 256 outputs used
    /// to take 16 columns each, where only the one-vector tile fits (four accumulators, too few chains for the FMA
    /// pipes) and no step is skipped; as a 4 x 4 grid each takes 32 samples by 64 outputs on the wide tile, and
    /// transposes a quarter of W rather than a sixteenth. Returns the number of column bands, or 0 where the
    /// one-dimensional split stands: two workers, whose bands the shares tune; bands already a panel wide; no divisor
    /// of the worker count above 1 that fits two panels (3, 5 or 7 workers on 128 outputs keep their narrow bands);
    /// scalar code, whose 4-column tile is narrower than a band's 16-column block. The grid's bands are equal. Every
    /// element of C is still one worker's, summed in the same K order.
    /// </summary>
    internal static int GridColumnBands(in GemmArguments arguments, SimdLevel level, int workers)
    {
        int panel = 4 * SimdSelection.VectorWidth(level);
        if (workers <= 2 || level == SimdLevel.Scalar || !ColumnsMaySplit(arguments) || arguments.N >= workers * panel)
        {
            return 0;
        }

        int columnBands = workers - 1;
        while (columnBands > 1 && (workers % columnBands != 0 || arguments.N < columnBands * panel))
        {
            columnBands--;
        }

        // One band of columns is the row split, which the shares tune.
        return columnBands > 1 ? columnBands : 0;
    }

    /// <summary>Columns of the AVX-512 4-vector panel, the only one whose tiles take step lists.</summary>
    private const int WidePanel = 64;

    /// <summary>Rows [start, end) of one product on the calling thread, with the kernel of <paramref name="level"/>.</summary>
    public static void Compute(SimdLevel level, in GemmArguments arguments, int start, int end)
    {
        switch (level)
        {
            case SimdLevel.Avx512:
                GemmKernel<Simd512, Vector512<float>>.Run(arguments, start, end);
                break;
            case SimdLevel.Avx2:
                GemmKernel<Simd256, Vector256<float>>.Run(arguments, start, end);
                break;
            default:
                GemmKernel<SimdScalar, float>.Run(arguments, start, end);
                break;
        }
    }
}
