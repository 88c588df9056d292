using System;

namespace Generated.Kernels;

/// <summary>
/// Where a 3x3 stride-1 convolution computed with Winograd's F(2x2, 3x3) (<see cref="WinogradTransforms"/>) keeps its
/// tiles. Two grids of 2 x 2 output tiles: the forward one over the output (also the weight gradient's), and the input
/// gradient's over the input, which is the forward correlation of the output gradient padded by 2 − padding with the
/// rotated filter. Each reads zero-bordered planes: the input planes hold x at (PadTop, PadLeft); the gradient planes
/// hold dz at (2 − PadTop, 2 − PadLeft), which is the input gradient's padding, and the weight gradient reads its 2 x 2
/// tiles from the same planes at that offset.
/// <para>
/// The sixteen products run over a chunk of tiles at a time, so the transformed matrices stay in L2 whatever the image
/// size: whole samples together when one has fewer than <see cref="TargetTiles"/> tiles, otherwise bands of tile rows
/// of one sample.
/// </para>
/// </summary>
internal readonly struct WinogradGeometry
{
    /// <summary>Tiles per chunk aimed at: the products' N (and the weight gradient's K); 16 x channels x tiles floats per transformed matrix.</summary>
    public const int TargetTiles = 256;

    /// <summary>
    /// The most samples a block takes, however small the image: each keeps its planes in the scratch, and a 2 x 2 image
    /// would otherwise gather 256 samples' planes for a chunk.
    /// </summary>
    public const int MaxSamplesPerBlock = 16;

    /// <summary>The widest input or output the form takes (a tile row of it is <see cref="TargetTiles"/> tiles).</summary>
    public const int MaxWidth = 2 * TargetTiles;

    /// <summary>The most channels (and filters) the form takes.</summary>
    public const int MaxChannels = 1024;

    public WinogradGeometry(in Window2D w, int filters)
    {
        if (!Applies(w, filters, 1))
        {
            throw new ArgumentException("The Winograd form does not take this layer (see WinogradGeometry.Applies).", nameof(w));
        }

        Forward = new TileGrid(w.OutHeight, w.OutWidth);
        Backward = new TileGrid(w.Height, w.Width);
        SamplesPerBlock = Math.Clamp(TargetTiles / Math.Max(Forward.Tiles, Backward.Tiles), 1, MaxSamplesPerBlock);
        Forward = Forward.Chunked(SamplesPerBlock);
        Backward = Backward.Chunked(SamplesPerBlock);

        InputPlaneWidth = (2 * Forward.TilesWide) + 2;
        InputPlaneStride = PlaneStride(InputPlaneWidth, (2 * Forward.TilesHigh) + 2);
        GradientRowOffset = 2 - w.PadTop;
        GradientColumnOffset = 2 - w.PadLeft;
        GradientPlaneWidth = Math.Max((2 * Backward.TilesWide) + 2, GradientColumnOffset + (2 * Forward.TilesWide));
        int gradientHeight = Math.Max((2 * Backward.TilesHigh) + 2, GradientRowOffset + (2 * Forward.TilesHigh));
        GradientPlaneStride = PlaneStride(GradientPlaneWidth, gradientHeight);
        TileStride = Math.Max(Forward.RowStride, Backward.RowStride);
        ImageWidth = Math.Max(Forward.ImageWidth, Backward.ImageWidth);
        ImageRows = 2 * Math.Max(Forward.RowsPerChunk, Backward.RowsPerChunk);
        int widest = Math.Max(w.Channels, filters);
        TransformedLength = WinogradTransforms.Positions * PositionStride(widest);
    }

    /// <summary>
    /// The geometry this form serves: a 3x3 stride-1 undilated ungrouped window, paddings 0 to 2 on every side (the
    /// input gradient's padding 2 − p must not be negative), and 8 to 1024 channels and filters. The products run over
    /// channels, so the first layer of an image model, with 1 or 3, stays on the shifted planes; past 1024 a chunk's
    /// transformed matrices (16 x channels x tiles) outgrow every cache and the scratch the shifted planes would need.
    /// Images at most <see cref="MaxWidth"/> wide: a chunk holds at least one tile row, so this bounds a chunk at
    /// 2 x <see cref="TargetTiles"/> tiles.
    /// </summary>
    public static bool Applies(in Window2D w, int filters, int groups) =>
        w.Kernel == 3 && w.Stride == 1 && w.Dilation == 1 && groups == 1
        && w.Channels is >= 8 and <= MaxChannels && filters is >= 8 and <= MaxChannels
        && w.Width <= MaxWidth && w.OutWidth <= MaxWidth
        && w.PadTop <= 2 && w.PadLeft <= 2 && PadBottom(w) is >= 0 and <= 2 && PadRight(w) is >= 0 and <= 2;

    /// <summary>The output's tiles (the forward products and the weight gradient).</summary>
    public TileGrid Forward { get; }

    /// <summary>The input's tiles (the input gradient).</summary>
    public TileGrid Backward { get; }

    /// <summary>Samples whose tiles go through the products together (1 when a sample is split into bands of rows).</summary>
    public int SamplesPerBlock { get; }

    /// <summary>Row stride of an input plane: 2 x tiles across + 2.</summary>
    public int InputPlaneWidth { get; }

    /// <summary>Floats from one input plane to the next, with slack for the last row's vector reads.</summary>
    public int InputPlaneStride { get; }

    public int GradientRowOffset { get; }

    public int GradientColumnOffset { get; }

    public int GradientPlaneWidth { get; }

    public int GradientPlaneStride { get; }

    /// <summary>Floats per row (channel or filter) of a transformed matrix: a chunk's tiles and the last vector's spill.</summary>
    public int TileStride { get; }

    /// <summary>Row stride of the buffer one channel's outputs are written to before cropping (32 per 16 tiles).</summary>
    public int ImageWidth { get; }

    /// <summary>Rows of that buffer: two per tile row of the tallest chunk.</summary>
    public int ImageRows { get; }

    /// <summary>
    /// Floats from one position ξ of a transformed matrix to the next, for <paramref name="rows"/> channels or filters:
    /// one vector more than the rows need. Without it the sixteen positions, which the tile transforms write (or read)
    /// together, sit a multiple of 4 KB apart when rows x TileStride is, all in one L1 set, evicting each other.
    /// </summary>
    public long PositionStride(int rows) => ((long)rows * TileStride) + WinogradTransforms.Lanes;

    /// <summary>Floats of one transformed matrix, [16 positions][max(channels, filters)][TileStride] with the skew.</summary>
    public long TransformedLength { get; }

    private static int PadBottom(in Window2D w) => w.OutHeight + 2 - w.Height - w.PadTop;

    private static int PadRight(in Window2D w) => w.OutWidth + 2 - w.Width - w.PadLeft;

    // One row more than the tiles reach plus 48 floats: a tile row's vector loads read up to 34 floats past its start.
    private static int PlaneStride(int width, int height) => Conv2DJob.AlignPositions(((height + 1) * width) + 48);
}

/// <summary>A grid of 2 x 2 output tiles over one image and how it is cut into chunks for the products.</summary>
internal readonly struct TileGrid
{
    public TileGrid(int height, int width)
    {
        TilesHigh = (height + 1) / 2;
        TilesWide = (width + 1) / 2;
        RowsPerChunk = TilesHigh;
        RowStride = 0;
        ImageWidth = 2 * WinogradTransforms.Lanes * ((TilesWide + WinogradTransforms.Lanes - 1) / WinogradTransforms.Lanes);
    }

    private TileGrid(TileGrid grid, int samplesPerBlock)
    {
        this = grid;
        if (samplesPerBlock == 1 && Tiles > WinogradGeometry.TargetTiles)
        {
            int chunks = (Tiles + WinogradGeometry.TargetTiles - 1) / WinogradGeometry.TargetTiles;
            RowsPerChunk = (TilesHigh + chunks - 1) / chunks;
        }

        // The largest chunk's tiles (a block's whole samples, or one band of tile rows of one sample), plus the 16 lanes
        // its last vector store may spill past them, and room for the products' columns (whole pairs of vectors).
        int largest = samplesPerBlock * RowsPerChunk * TilesWide;
        RowStride = Math.Max(Conv2DJob.AlignPositions(largest + WinogradTransforms.Lanes), Columns(largest));
    }

    public int TilesHigh { get; }

    public int TilesWide { get; }

    public int Tiles => TilesHigh * TilesWide;

    /// <summary>Tile rows per chunk when a sample is split (all of them otherwise).</summary>
    public int RowsPerChunk { get; }

    /// <summary>Floats per row of a transformed matrix this grid needs.</summary>
    public int RowStride { get; }

    /// <summary>Row stride of the uncropped output buffer.</summary>
    public int ImageWidth { get; }

    public TileGrid Chunked(int samplesPerBlock) => new(this, samplesPerBlock);

    /// <summary>
    /// The products' N for a chunk of <paramref name="tiles"/>: rounded up to two vectors, so the GEMM runs its wide
    /// register tiles only (a one-vector panel costs as much as a two-vector one and does half the work).
    /// </summary>
    public static int Columns(int tiles) => (tiles + (2 * WinogradTransforms.Lanes) - 1) / (2 * WinogradTransforms.Lanes) * 2 * WinogradTransforms.Lanes;
}
