using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>
/// Convolution with the GEMM micro-kernels, split over workers by sample; forward and backward side by side. 3x3 layers
/// of 8 or more channels take Winograd's F(2x2, 3x3) (Conv2DJob.Winograd.cs); other stride-1 layers run on shifted
/// padded planes (<see cref="ShiftedPlanes"/>, Conv2DJob.Shifted.cs) and never build a column matrix; this file holds
/// the dispatch, the scratch layouts and the column-matrix (im2col) form that strided layers use.
/// Per sample (P output positions padded to P' = a multiple of 16 so every product runs on whole vectors, R = C·k²
/// column rows, F filters; per group g the slices R/G and F/G), with nothing transposed per sample:
/// <list type="bullet">
/// <item>forward: cols[R, P'] = im2col(x); z[F, P'] = W · cols (positions along the vector lanes, W read as stored);
/// then per filter row y = activation(z + b), which is NCHW as it stands.</item>
/// <item>backward: dz = dy ⊙ f'(y) in place; db += Σ_p dz; cols again; dW += dz · colsᵀ by dot products of rows
/// (<see cref="DotGemmKernel{TSimd, TVec}"/>); dcols[R, P'] = Wᵀ · dz (Wᵀ transposed once per call); dx = col2im(dcols).</item>
/// </list>
/// Each worker has its own scratch (<see cref="ScratchLayout"/>: for the column-matrix form [columns R·P' | tile F·P' |
/// dW partial F·R/G | db partial F], the shifted form has its planes before the same partials; each region starts on a
/// 64-byte line, so a few floats of padding may sit between them). The partial gradients are
/// summed in worker order after the call, so a given thread count always gives the same result.
/// </summary>
internal sealed unsafe partial class Conv2DJob : IParallelJob
{
    // Below this many multiply-adds per call the hand-off to workers costs more than it saves.
    private const long ParallelThreshold = 64 * 1024;

    // Positions are padded to whole 512-bit vectors (two 256-bit ones), so no product has a scalar column tail.
    private const int PositionAlignment = 16;

    private readonly SimdLevel _level;

    // The forward pass's bands of samples follow the threads' speeds; the backward keeps equal bands, because its
    // per-worker partial gradients would otherwise be summed in a different grouping from run to run.
    private readonly WorkShares _forwardShares;
    private AlignedBuffer[] _scratch = [];

    // The shifted-plane form's row offsets, shared by the workers (written by the caller before they start): the
    // input's [column rows per group], then the gradient's [filters per group · k²].
    private int[] _rowTable = [];
    private ConvolutionCall _call;
    private int _activeWorkers;

    /// <summary>How the forward pass's bands of samples are currently shared between the threads.</summary>
    internal WorkShares ForwardShares => _forwardShares;

    public Conv2DJob(SimdLevel level, int threads)
    {
        _level = level;
        _forwardShares = new WorkShares(threads);
    }

    public static int PaddedPositions(in Window2D window) => AlignPositions(window.Positions);

    /// <summary>A count of positions rounded up to whole 512-bit vectors (the column matrix's and the shifted planes' strides).</summary>
    internal static int AlignPositions(int positions) => (positions + PositionAlignment - 1) / PositionAlignment * PositionAlignment;

    /// <summary>Floats of per-worker scratch one layer needs on this engine (see <see cref="ScratchLayout"/>).</summary>
    private static long ScratchLength(in Window2D window, int filters, int groups) =>
        new ScratchLayout(null, window, filters, groups).Length;

    /// <summary>Entries of the shared row tables one layer needs: its column rows per group, and filters per group · k².</summary>
    private static int RowTableLength(in Window2D window, int filters, int groups) =>
        (window.ColumnRows / groups) + (filters / groups * window.Kernel * window.Kernel);

    public static long WeightLength(in Window2D window, int filters, int groups) => (long)filters * (window.ColumnRows / groups);

    /// <summary>Makes every worker's scratch and the row tables big enough for this layer (construction time only).</summary>
    public void Reserve(int workers, in Window2D window, int filters, int groups)
    {
        int rows = RowTableLength(window, filters, groups);
        if (_rowTable.Length < rows)
        {
            _rowTable = GC.AllocateArray<int>(rows, pinned: true);
        }

        long transformed = TransformedWeightLength(window, filters, groups);
        if (_transformedWeights.Length < transformed)
        {
            _transformedWeights = new AlignedBuffer(transformed);
        }

        long length = ScratchLength(window, filters, groups);
        if (_scratch.Length == workers && _scratch[0].Length >= length)
        {
            return;
        }

        var scratch = new AlignedBuffer[workers];
        for (int i = 0; i < workers; i++)
        {
            scratch[i] = i < _scratch.Length && _scratch[i].Length >= length ? _scratch[i] : new AlignedBuffer(length);
        }

        _scratch = scratch;
    }

    public void Run(WorkerPool pool, in ConvolutionCall call)
    {
        if (_scratch.Length < pool.Threads || _scratch[0].Length < ScratchLength(call.Window, call.Filters, call.Groups)
            || _rowTable.Length < RowTableLength(call.Window, call.Filters, call.Groups)
            || _transformedWeights.Length < TransformedWeightLength(call.Window, call.Filters, call.Groups))
        {
            throw new InvalidOperationException("Convolution scratch was not reserved for this layer (KernelEngine.ReserveConvolution).");
        }

        _call = call;
        if (UsesWinograd(call.Window, call.Filters, call.Groups))
        {
            PrepareWinogradWeights();
        }
        else
        {
            PrepareWeights();
        }

        long work = (long)call.Batch * call.Filters * (call.Window.ColumnRows / call.Groups) * call.Window.Positions;
        bool split = call.Batch > 1 && work >= ParallelThreshold;
        _activeWorkers = split ? pool.Threads : 1;
        pool.Run(this, split, call.Backward ? null : _forwardShares);
        if (call.Backward)
        {
            SumPartials();
        }
    }

    public void Execute(int worker, int workers)
    {
        (int start, int end) = _call.Backward
            ? WorkerPool.Partition(_call.Batch, worker, workers, 1)
            : _forwardShares.Partition(_call.Batch, worker, workers, 1);
        fixed (float* scratch = _scratch[worker])
        fixed (int* rows = _rowTable)
        fixed (float* transformed = _transformedWeights)
        {
            var layout = new ScratchLayout(scratch, _call.Window, _call.Filters, _call.Groups);
            if (_call.Backward)
            {
                new Span<float>(layout.WeightPartial, layout.PartialLength).Clear();
            }

            if (layout.Winograd)
            {
                RunWinograd(start, end, layout, transformed);
                return;
            }

            if (layout.Shifted)
            {
                ClearMargins(layout);
            }

            for (int n = start; n < end; n++)
            {
                if (layout.Shifted)
                {
                    if (_call.Backward)
                    {
                        BackwardShifted(n, layout, rows);
                    }
                    else
                    {
                        ForwardShifted(n, layout, rows);
                    }
                }
                else if (_call.Backward)
                {
                    BackwardSample(n, layout);
                }
                else
                {
                    ForwardSample(n, layout);
                }
            }
        }
    }

    /// <summary>One worker's samples, a block at a time, in the Winograd form; the planes' borders are cleared first.</summary>
    private void RunWinograd(int start, int end, in ScratchLayout layout, float* transformed)
    {
        new Span<float>(layout.Columns, (int)(layout.GradientPlanes - layout.Columns)).Clear();
        if (_call.Backward)
        {
            new Span<float>(layout.GradientPlanes, (int)(layout.Transformed - layout.GradientPlanes)).Clear();
        }

        for (int n = start; n < end; n += layout.Tiles.SamplesPerBlock)
        {
            int count = Math.Min(layout.Tiles.SamplesPerBlock, end - n);
            if (_call.Backward)
            {
                BackwardWinograd(n, count, layout, transformed);
            }
            else
            {
                ForwardWinograd(n, count, layout, transformed);
            }
        }
    }

    private void ForwardSample(int n, in ScratchLayout s)
    {
        ref readonly ConvolutionCall c = ref _call;
        Window2D w = c.Window;
        int positions = w.Positions, padded = s.Padded, groupRows = w.ColumnRows / c.Groups, groupFilters = c.Filters / c.Groups;
        Columns(n, s);
        long outputOffset = (long)n * c.Filters * positions;

        // Unpadded outputs go straight into y; padded ones through the tile, cropped by the row epilogue.
        float* z = padded == positions ? c.Y + outputOffset : s.Tile;
        for (int g = 0; g < c.Groups; g++)
        {
            var product = new GemmArguments
            {
                A = c.Weight + ((long)g * groupFilters * groupRows), Lda = groupRows,
                B = s.Columns + ((long)g * groupRows * padded), Ldb = padded,
                C = z + ((long)g * groupFilters * padded), Ldc = padded,
                M = groupFilters, N = padded, K = groupRows, Activation = Activation.Linear,
            };
            GemmJob.Compute(_level, product, 0, groupFilters);
        }

        for (int f = 0; f < c.Filters; f++)
        {
            var source = new ReadOnlySpan<float>(z + ((long)f * padded), positions);
            var row = new Span<float>(c.Y + outputOffset + ((long)f * positions), positions);
            if (c.Bias != null)
            {
                TensorPrimitives.Add(source, c.Bias[f], row);
            }
            else if (z != c.Y + outputOffset)
            {
                source.CopyTo(row);
            }

            FinishFilter(n, f, addBias: false);
        }
    }

    /// <summary>Filter f of sample n's output, W ⋆ x in place: adds the bias (unless done), keeps the pre-activation, activates.</summary>
    private void FinishFilter(int n, int f, bool addBias)
    {
        ref readonly ConvolutionCall c = ref _call;
        int positions = c.Window.Positions;
        long offset = (((long)n * c.Filters) + f) * positions;
        var row = new Span<float>(c.Y + offset, positions);
        if (addBias && c.Bias != null)
        {
            TensorPrimitives.Add(row, c.Bias[f], row);
        }

        if (c.PreActivation != null)
        {
            row.CopyTo(new Span<float>(c.PreActivation + offset, positions));
        }

        Activations.ApplyInPlace(row, c.Activation, c.Alpha);
    }

    private void BackwardSample(int n, in ScratchLayout s)
    {
        ref readonly ConvolutionCall c = ref _call;
        Window2D w = c.Window;
        int positions = w.Positions, padded = s.Padded, groupRows = w.ColumnRows / c.Groups, groupFilters = c.Filters / c.Groups;
        float* dz = OutputGradient(n, s);
        var gradient = new Span<float>(dz, c.Filters * positions);

        // dz with rows padded like the columns (zeros after P), so both products run on whole vectors.
        float* dzPadded = dz;
        if (padded != positions)
        {
            dzPadded = s.Tile;
            for (int f = 0; f < c.Filters; f++)
            {
                gradient.Slice(f * positions, positions).CopyTo(new Span<float>(s.Tile + ((long)f * padded), positions));
                new Span<float>(s.Tile + ((long)f * padded) + positions, padded - positions).Clear();
            }
        }

        Columns(n, s);
        for (int g = 0; g < c.Groups; g++)
        {
            DotGemm.Run(_level, dzPadded + ((long)g * groupFilters * padded), padded, s.Columns + ((long)g * groupRows * padded), padded,
                s.WeightPartial + ((long)g * groupFilters * groupRows), groupRows, groupFilters, groupRows, padded, accumulate: true);
        }

        if (c.GradInput == null)
        {
            return;
        }

        for (int g = 0; g < c.Groups; g++)
        {
            var columnGradient = new GemmArguments
            {
                A = c.TransposedWeight + (g * groupFilters), Lda = c.Filters,
                B = dzPadded + ((long)g * groupFilters * padded), Ldb = padded,
                C = s.Columns + ((long)g * groupRows * padded), Ldc = padded,
                M = groupRows, N = padded, K = groupFilters, Activation = Activation.Linear,
            };
            GemmJob.Compute(_level, columnGradient, 0, groupRows);
        }

        float* dx = c.GradInput + ((long)n * w.InputSize);
        new Span<float>(dx, w.InputSize).Clear();
        Im2Col.Scatter(s.Columns, w, dx, padded, 1);
    }

    /// <summary>
    /// Sample n's dL/dy turned into dL/dz in place (the activation derivative), its per-filter sums added to the bias
    /// partial; returns where it starts.
    /// </summary>
    private float* OutputGradient(int n, in ScratchLayout s)
    {
        ref readonly ConvolutionCall c = ref _call;
        int positions = c.Window.Positions;
        long outputOffset = (long)n * c.Filters * positions;
        float* dz = c.GradOutput + outputOffset;
        var gradient = new Span<float>(dz, c.Filters * positions);
        ReadOnlySpan<float> preActivation = c.PreActivation == null ? ReadOnlySpan<float>.Empty : new ReadOnlySpan<float>(c.PreActivation + outputOffset, gradient.Length);
        Activations.BackwardInPlace(gradient, preActivation, new ReadOnlySpan<float>(c.Y + outputOffset, gradient.Length), c.Activation, c.Alpha);
        if (c.GradBias != null)
        {
            for (int f = 0; f < c.Filters; f++)
            {
                s.BiasPartial[f] += TensorPrimitives.Sum(gradient.Slice(f * positions, positions));
            }
        }

        return dz;
    }

    /// <summary>The column matrix of sample <paramref name="n"/>, its padding columns zero.</summary>
    private void Columns(int n, in ScratchLayout s)
    {
        Window2D w = _call.Window;
        Im2Col.Gather(_call.X + ((long)n * w.InputSize), w, s.Columns, s.Padded, 1);
        if (s.Padded != w.Positions)
        {
            for (int r = 0; r < w.ColumnRows; r++)
            {
                Im2Col.Zero(s.Columns + ((long)r * s.Padded) + w.Positions, s.Padded - w.Positions);
            }
        }
    }

    /// <summary>dW and db: the workers' partials summed in worker order.</summary>
    private void SumPartials()
    {
        ref readonly ConvolutionCall c = ref _call;
        fixed (float* first = _scratch[0])
        {
            var total = new ScratchLayout(first, c.Window, c.Filters, c.Groups);
            var sum = new Span<float>(total.WeightPartial, total.PartialLength);
            for (int worker = 1; worker < _activeWorkers; worker++)
            {
                fixed (float* other = _scratch[worker])
                {
                    TensorPrimitives.Add(sum, new ReadOnlySpan<float>(new ScratchLayout(other, c.Window, c.Filters, c.Groups).WeightPartial, total.PartialLength), sum);
                }
            }

            int weight = total.PartialLength - c.Filters;
            if (total.Winograd)
            {
                FinishWinogradWeightGradient(total.WeightPartial);
            }
            else
            {
                sum.Slice(0, weight).CopyTo(new Span<float>(c.GradWeight, weight));
            }

            if (c.GradBias != null)
            {
                sum.Slice(weight, c.Filters).CopyTo(new Span<float>(c.GradBias, c.Filters));
            }
        }
    }

    /// <summary>
    /// One worker's scratch regions. The column-matrix form: [columns R·P' | tile F·P' | partials]. The shifted-plane
    /// form: [padded input planes C·PlaneStride | extended output or gradient F·GradientStride | padded input gradient
    /// C·InputPositions | GEMM panel | partials]. The Winograd form: [input planes | gradient planes, a block's samples
    /// each | transformed tiles | products | one uncropped output channel | GEMM panel | partials]. The partials are dW (for the
    /// Winograd form the sixteen dU_ξ) then db. A null scratch only measures.
    /// </summary>
    private readonly struct ScratchLayout
    {
        public ScratchLayout(float* scratch, in Window2D window, int filters, int groups)
        {
            Winograd = UsesWinograd(window, filters, groups);
            Shifted = !Winograd && ShiftedPlanes.Applies(window);
            int weight = (int)WeightLength(window, filters, groups);
            long partialsAt;
            if (Winograd)
            {
                var tiles = new WinogradGeometry(window, filters);
                Tiles = tiles;
                long at = 0;
                Columns = scratch + Region(ref at, (long)tiles.SamplesPerBlock * window.Channels * tiles.InputPlaneStride);
                GradientPlanes = scratch + Region(ref at, (long)tiles.SamplesPerBlock * filters * tiles.GradientPlaneStride);
                Transformed = scratch + Region(ref at, tiles.TransformedLength);
                Products = scratch + Region(ref at, tiles.TransformedLength);
                Image = scratch + Region(ref at, (long)tiles.ImageRows * tiles.ImageWidth);
                Pack = scratch + Region(ref at, GemmJob.PackLength);
                partialsAt = at;
                weight = WinogradTransforms.Positions * filters * window.Channels;
            }
            else if (Shifted)
            {
                Planes = new ShiftedPlanes(window);
                Padded = Planes.Positions;
                long at = 0;
                Columns = scratch + Region(ref at, (long)window.Channels * Planes.PlaneStride);
                Tile = scratch + Region(ref at, (long)filters * Planes.GradientStride);
                InputGradient = scratch + Region(ref at, (long)window.Channels * Planes.InputPositions);
                Pack = scratch + Region(ref at, GemmJob.PackLength);
                partialsAt = at;
            }
            else
            {
                Planes = default;
                Padded = PaddedPositions(window);
                long at = 0;
                Columns = scratch + Region(ref at, (long)window.ColumnRows * Padded);
                Tile = scratch + Region(ref at, (long)filters * Padded);
                InputGradient = null;
                Pack = null;
                partialsAt = at;
            }

            WeightPartial = scratch + partialsAt;
            BiasPartial = WeightPartial + weight;
            PartialLength = weight + filters;
            Length = partialsAt + PartialLength;
        }

        /// <summary>Whether this layer runs on shifted planes (stride 1) rather than a column matrix.</summary>
        public bool Shifted { get; }

        /// <summary>
        /// Reserves <paramref name="floats"/> at <paramref name="at"/> and moves it to the next 64-byte line: the scratch
        /// itself starts on one (an <see cref="AlignedBuffer"/>), so every region does, and the vector sweeps over them
        /// never split a load across two lines.
        /// </summary>
        private static long Region(ref long at, long floats)
        {
            long start = at;
            at = (start + floats + 15) & ~15L;
            return start;
        }

        /// <summary>Whether this layer runs in the Winograd form (then <see cref="Columns"/> are its input planes).</summary>
        public bool Winograd { get; }

        /// <summary>The Winograd form's geometry, when <see cref="Winograd"/>.</summary>
        public WinogradGeometry Tiles { get; }

        /// <summary>The Winograd form's output-gradient planes, a block's samples each.</summary>
        public float* GradientPlanes { get; }

        /// <summary>The Winograd form's transformed tiles V [16][rows][TileStride].</summary>
        public float* Transformed { get; }

        /// <summary>The Winograd form's products M (or the transformed gradient dM), laid out like <see cref="Transformed"/>.</summary>
        public float* Products { get; }

        /// <summary>The Winograd form's uncropped rows of one output channel.</summary>
        public float* Image { get; }

        /// <summary>The shifted-plane geometry, when <see cref="Shifted"/>.</summary>
        public ShiftedPlanes Planes { get; }

        /// <summary>Positions rounded up to the vector alignment: the row stride of the column matrix and the tile (extended positions when shifted).</summary>
        public int Padded { get; }

        /// <summary>The column matrix, or the padded input planes.</summary>
        public float* Columns { get; }

        /// <summary>The product's output before cropping, or (shifted, backward) the extended output gradient.</summary>
        public float* Tile { get; }

        /// <summary>The padded input planes' gradient (shifted only).</summary>
        public float* InputGradient { get; }

        /// <summary>The GEMM's panel buffer (shifted only).</summary>
        public float* Pack { get; }

        public float* WeightPartial { get; }

        public float* BiasPartial { get; }

        /// <summary>Weight and bias partials together (they are adjacent).</summary>
        public int PartialLength { get; }

        /// <summary>Floats of the whole layout.</summary>
        public long Length { get; }
    }
}

/// <summary>Everything one convolution call needs; pointers into pinned arrays the caller keeps alive for the call.</summary>
internal unsafe struct ConvolutionCall
{
    public bool Backward;
    public int Batch;
    public Window2D Window;
    public int Filters;
    public int Groups;
    public float* X;
    public float* Weight;
    public float* TransposedWeight;
    public float* Bias;
    public float* Y;
    public float* GradOutput;
    public float* GradWeight;
    public float* GradBias;
    public float* GradInput;

    /// <summary>Where the forward pass keeps W ⋆ x + b (NCHW like Y) and the backward pass reads it; null unless GELU or Swish.</summary>
    public float* PreActivation;
    public Activation Activation;
    public float Alpha;
}
