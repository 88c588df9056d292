using System;

namespace Generated.Kernels;

/// <summary>
/// The 3x3 stride-1 convolution with Winograd's F(2x2, 3x3) (<see cref="WinogradTransforms"/>, <see cref="WinogradGeometry"/>):
/// per chunk of tiles, sixteen GEMMs over channels replace the 36-tap products, 16/36 of the multiply-adds. With V the
/// transformed input tiles [ξ][channel][tile], U the transformed filters [ξ][filter][channel]:
/// <list type="bullet">
/// <item>forward: M_ξ = U_ξ · V_ξ, then y = Aᵀ M A per tile;</item>
/// <item>weight gradient: dU_ξ += dM_ξ · V_ξᵀ with dM = A dz Aᵀ per tile (both read along the tiles: a GEMM over
/// transposed panels of V, or dot products of rows when the channels do not fill its widest tile; summed over the batch
/// in each worker's partial), and dW = Gᵀ dU G once per call;</item>
/// <item>input gradient: the forward form on the output gradient padded by 2 − padding, with the rotated filters
/// U'_ξ [channel][filter].</item>
/// </list>
/// Results differ from the direct sum by rounding only (tested against the definition).
/// </summary>
internal sealed unsafe partial class Conv2DJob
{
    // The transformed filters the workers share, written by the caller before they start: U [16][filters][channels] for
    // the forward pass, or U' [16][channels][filters] of the rotated filters for the input gradient.
    private AlignedBuffer _transformedWeights;

    /// <summary>Floats of the shared transformed filters one layer needs (none unless it takes the Winograd form).</summary>
    private static long TransformedWeightLength(in Window2D window, int filters, int groups) =>
        UsesWinograd(window, filters, groups) ? (long)WinogradTransforms.Positions * filters * window.Channels : 0;

    /// <summary>Whether the layer is computed with F(2x2, 3x3): on every instruction set, wherever its geometry fits.</summary>
    private static bool UsesWinograd(in Window2D window, int filters, int groups) => WinogradGeometry.Applies(window, filters, groups);

    /// <summary>The algorithm a layer of this geometry runs with on this engine.</summary>
    public ConvolutionForm Form(in Window2D window, int filters, int groups) =>
        UsesWinograd(window, filters, groups) ? ConvolutionForm.Winograd
        : ShiftedPlanes.Applies(window) ? ConvolutionForm.ShiftedPlanes
        : ConvolutionForm.ColumnMatrix;

    /// <summary>On the calling thread: the transformed filters this call's products read.</summary>
    private void PrepareWinogradWeights()
    {
        ref readonly ConvolutionCall c = ref _call;
        int channels = c.Window.Channels, filters = c.Filters;
        long stride = (long)filters * channels;
        bool inputGradient = c.Backward && c.GradInput != null;
        if (c.Backward && !inputGradient)
        {
            return;
        }

        fixed (float* u = _transformedWeights)
        {
            for (int f = 0; f < filters; f++)
            {
                for (int channel = 0; channel < channels; channel++)
                {
                    float* filter = c.Weight + ((((long)f * channels) + channel) * 9);
                    long at = inputGradient ? ((long)channel * filters) + f : ((long)f * channels) + channel;
                    WinogradTransforms.Filter(filter, u + at, stride, flipped: inputGradient);
                }
            }
        }
    }

    /// <summary>Samples [first, first + count) of the forward pass, <paramref name="count"/> at most a block.</summary>
    private void ForwardWinograd(int first, int count, in ScratchLayout s, float* u)
    {
        ref readonly ConvolutionCall c = ref _call;
        Window2D w = c.Window;
        WinogradGeometry g = s.Tiles;
        int filters = c.Filters;
        PlaneSet planes = InputPlanes(s);
        for (int i = 0; i < count; i++)
        {
            ToPlanes(c.X + ((long)(first + i) * w.InputSize), w.Height, w.Width, planes, i, w.PadTop, w.PadLeft);
        }

        Correlate(count, s, u, g.Forward, planes, filters, c.Y + ((long)first * filters * w.Positions), w.OutHeight, w.OutWidth);
        for (int i = 0; i < count; i++)
        {
            for (int f = 0; f < filters; f++)
            {
                FinishFilter(first + i, f, addBias: true);
            }
        }
    }

    /// <summary>Samples [first, first + count) of the backward pass: dW (and db) into this worker's partials, then dx.</summary>
    private void BackwardWinograd(int first, int count, in ScratchLayout s, float* u)
    {
        ref readonly ConvolutionCall c = ref _call;
        Window2D w = c.Window;
        WinogradGeometry g = s.Tiles;
        PlaneSet inputs = InputPlanes(s), gradients = GradientPlanes(s);
        for (int i = 0; i < count; i++)
        {
            int n = first + i;
            float* dz = OutputGradient(n, s);
            ToPlanes(c.X + ((long)n * w.InputSize), w.Height, w.Width, inputs, i, w.PadTop, w.PadLeft);
            ToPlanes(dz, w.OutHeight, w.OutWidth, gradients, i, g.GradientRowOffset, g.GradientColumnOffset);
        }

        WeightGradient(count, s);
        if (c.GradInput != null)
        {
            InputGradient(first, count, s, u);
        }
    }

    /// <summary>dU_ξ += (A dz Aᵀ)_ξ · V_ξᵀ over the block's tiles, chunk by chunk.</summary>
    private void WeightGradient(int count, in ScratchLayout s)
    {
        ref readonly ConvolutionCall c = ref _call;
        WinogradGeometry g = s.Tiles;
        TileGrid grid = g.Forward;
        int channels = c.Window.Channels, filters = c.Filters;
        long transformedStride = g.PositionStride(channels), productStride = g.PositionStride(filters);
        PlaneSet inputs = InputPlanes(s), gradients = GradientPlanes(s);
        int gradientOrigin = (g.GradientRowOffset * g.GradientPlaneWidth) + g.GradientColumnOffset;
        for (int row = 0; row < grid.TilesHigh; row += grid.RowsPerChunk)
        {
            int rows = Math.Min(grid.RowsPerChunk, grid.TilesHigh - row), sampleTiles = rows * grid.TilesWide;
            TransformTiles(count, s, grid, inputs, row, rows, transformedStride);
            for (int i = 0; i < count; i++)
            {
                for (int f = 0; f < filters; f++)
                {
                    WinogradTransforms.Gradient(_level, gradients.Plane(i, f) + gradientOrigin, gradients.Width, row, rows, grid.TilesWide,
                        s.Products + ((long)f * g.TileStride) + (i * sampleTiles), productStride);
                }
            }

            // The dot products run over whole vectors: the columns past the chunk's tiles must add exactly nothing.
            int tiles = count * sampleTiles, columns = TileGrid.Columns(tiles);
            ClearColumns(s.Transformed, transformedStride, channels, g.TileStride, tiles, columns);
            ClearColumns(s.Products, productStride, filters, g.TileStride, tiles, columns);
            bool panels = channels >= 4 * SimdSelection.VectorWidth(_level);
            for (int position = 0; position < WinogradTransforms.Positions; position++)
            {
                // dU_ξ[F, C] += dM_ξ[F, tiles] · V_ξ[C, tiles]ᵀ, both read along the tiles.
                float* dm = s.Products + (position * productStride), v = s.Transformed + (position * transformedStride);
                float* du = s.WeightPartial + ((long)position * filters * channels);
                if (panels)
                {
                    // Channels fill the GEMM's widest register tile: it transposes a panel of V at a time into the pack
                    // and runs 4 x 4-vector tiles, 18% faster than the dot products for 64 channels.
                    var product = new GemmArguments
                    {
                        A = dm, Lda = g.TileStride, B = v, Ldb = g.TileStride, TransposedB = true, Pack = s.Pack,
                        C = du, Ldc = channels, M = filters, N = channels, K = columns, Accumulate = true, Activation = Activation.Linear,
                    };
                    GemmJob.Compute(_level, product, 0, filters);
                }
                else
                {
                    // Fewer (32 on AVX-512): the GEMM would run half-width tiles, and the dot products measured 7% faster.
                    DotGemm.Run(_level, dm, g.TileStride, v, g.TileStride, du, channels, filters, channels, columns, accumulate: true);
                }
            }
        }
    }

    /// <summary>dx of the block: the forward form on the gradient planes with the rotated filters U'.</summary>
    private void InputGradient(int first, int count, in ScratchLayout s, float* u)
    {
        ref readonly ConvolutionCall c = ref _call;
        Window2D w = c.Window;
        Correlate(count, s, u, s.Tiles.Backward, GradientPlanes(s), w.Channels, c.GradInput + ((long)first * w.InputSize), w.Height, w.Width);
    }

    /// <summary>
    /// The forward form, chunk by chunk: the tiles of <paramref name="grid"/> from the block's planes, the sixteen
    /// products with <paramref name="u"/> [16][outputs][planes.Depth], and each output channel's 2 x 2 blocks cropped
    /// into <paramref name="output"/> (the block's first sample; outputs x height x width floats per sample).
    /// </summary>
    private void Correlate(int count, in ScratchLayout s, float* u, TileGrid grid, PlaneSet planes, int outputs, float* output, int height, int width)
    {
        WinogradGeometry g = s.Tiles;
        long transformedStride = g.PositionStride(planes.Depth), productStride = g.PositionStride(outputs);
        long sampleOutput = (long)outputs * height * width;
        for (int row = 0; row < grid.TilesHigh; row += grid.RowsPerChunk)
        {
            int rows = Math.Min(grid.RowsPerChunk, grid.TilesHigh - row), sampleTiles = rows * grid.TilesWide;
            TransformTiles(count, s, grid, planes, row, rows, transformedStride);
            Products(u, s.Transformed, transformedStride, s.Products, productStride, outputs, planes.Depth, TileGrid.Columns(count * sampleTiles), g.TileStride);
            for (int i = 0; i < count; i++)
            {
                float* target = output + (i * sampleOutput) + (2L * row * width);
                for (int channel = 0; channel < outputs; channel++)
                {
                    WinogradTransforms.Output(_level, s.Products + ((long)channel * g.TileStride) + (i * sampleTiles), productStride, rows, grid.TilesWide, s.Image, grid.ImageWidth);
                    CopyRows(s.Image, grid.ImageWidth, target + ((long)channel * height * width), width, Math.Min(2 * rows, height - (2 * row)), width);
                }
            }
        }
    }

    /// <summary>
    /// V = Bᵀ d B of tile rows [row, row + rows) of every plane of the block's samples into the transformed matrix, one
    /// matrix row per plane, the samples' tiles one after the other (positions <paramref name="positionStride"/> apart).
    /// </summary>
    private void TransformTiles(int count, in ScratchLayout s, TileGrid grid, PlaneSet planes, int row, int rows, long positionStride)
    {
        int sampleTiles = rows * grid.TilesWide;
        for (int i = 0; i < count; i++)
        {
            for (int plane = 0; plane < planes.Depth; plane++)
            {
                WinogradTransforms.Input(_level, planes.Plane(i, plane), planes.Width, row, rows, grid.TilesWide,
                    s.Transformed + ((long)plane * s.Tiles.TileStride) + (i * sampleTiles), positionStride);
            }
        }
    }

    /// <summary>The sixteen products M_ξ[m, n] = A_ξ[m, k] · B_ξ[k, n], A packed [16][m][k], B and M with rows <paramref name="ld"/> apart.</summary>
    private void Products(float* a, float* b, long bStride, float* m, long mStride, int rows, int depth, int columns, int ld)
    {
        for (int position = 0; position < WinogradTransforms.Positions; position++)
        {
            var product = new GemmArguments
            {
                A = a + ((long)position * rows * depth), Lda = depth,
                B = b + (position * bStride), Ldb = ld,
                C = m + (position * mStride), Ldc = ld,
                M = rows, N = columns, K = depth, Activation = Activation.Linear,
            };
            GemmJob.Compute(_level, product, 0, rows);
        }
    }

    /// <summary>Zeroes columns [from, to) of every row of a transformed matrix ([16][rows][stride], positions <paramref name="positionStride"/> apart).</summary>
    private static void ClearColumns(float* matrix, long positionStride, int rows, int stride, int from, int to)
    {
        if (from == to)
        {
            return;
        }

        for (int position = 0; position < WinogradTransforms.Positions; position++)
        {
            for (int row = 0; row < rows; row++)
            {
                new Span<float>(matrix + (position * positionStride) + ((long)row * stride) + from, to - from).Clear();
            }
        }
    }

    /// <summary>dW = Gᵀ dU G for every filter slice of the summed partials.</summary>
    private void FinishWinogradWeightGradient(float* summed)
    {
        ref readonly ConvolutionCall c = ref _call;
        int channels = c.Window.Channels;
        long stride = (long)c.Filters * channels;
        for (int f = 0; f < c.Filters; f++)
        {
            for (int channel = 0; channel < channels; channel++)
            {
                long slice = ((long)f * channels) + channel;
                WinogradTransforms.FilterGradient(summed + slice, stride, c.GradWeight + (slice * 9));
            }
        }
    }

    /// <summary>The block's input planes: its samples' channels.</summary>
    private PlaneSet InputPlanes(in ScratchLayout s) => new(s.Columns, s.Tiles.InputPlaneStride, s.Tiles.InputPlaneWidth, _call.Window.Channels);

    /// <summary>The block's output-gradient planes: its samples' filters.</summary>
    private PlaneSet GradientPlanes(in ScratchLayout s) => new(s.GradientPlanes, s.Tiles.GradientPlaneStride, s.Tiles.GradientPlaneWidth, _call.Filters);

    /// <summary>Copies one sample's planes of height x width into the interiors of its zero-bordered planes, at (rowOffset, columnOffset).</summary>
    private static void ToPlanes(float* source, int height, int width, PlaneSet planes, int sample, int rowOffset, int columnOffset)
    {
        for (int plane = 0; plane < planes.Depth; plane++)
        {
            float* interior = planes.Plane(sample, plane) + (rowOffset * planes.Width) + columnOffset;
            CopyRows(source + ((long)plane * height * width), width, interior, planes.Width, height, width);
        }
    }
}

/// <summary>How a convolution layer is computed (<see cref="KernelEngine.ConvolutionFormFor"/>).</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public enum ConvolutionForm
{
    /// <summary>Strided layers: the column matrix of each sample (im2col) and GEMMs.</summary>
    ColumnMatrix,

    /// <summary>Stride-1 layers: GEMMs reading zero-bordered input planes from each tap's shift.</summary>
    ShiftedPlanes,

    /// <summary>3x3 stride-1 undilated ungrouped layers with 8 to 1024 channels and filters, up to 512 wide: Winograd's F(2x2, 3x3).</summary>
    Winograd,
}

/// <summary>A block's zero-bordered planes: <see cref="Depth"/> per sample, <see cref="Stride"/> floats apart, rows <see cref="Width"/> apart.</summary>
internal readonly unsafe struct PlaneSet
{
    private readonly float* _first;

    public PlaneSet(float* first, int stride, int width, int depth)
    {
        _first = first;
        Stride = stride;
        Width = width;
        Depth = depth;
    }

    public int Stride { get; }

    public int Width { get; }

    public int Depth { get; }

    public float* Plane(int sample, int index) => _first + ((((long)sample * Depth) + index) * Stride);
}
