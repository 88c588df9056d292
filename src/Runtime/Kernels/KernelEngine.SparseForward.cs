namespace Generated.Kernels;

/// <summary>
/// Whether a dense layer's product lists the zero steps of its left operand (<see cref="GemmArguments.SkipZeroA"/>): the
/// forward product's input x, and in the backward pass dz (rows of samples for dx = dz·w) or dzᵀ (rows of units for
/// dw = dzᵀ·x), which a ReLU leaves zero wherever its unit was off. Counting each row's zeros, grouping the rows and
/// listing the steps cost the first layer's forward about 5% of its time on dense inputs, where nothing can be skipped; a
/// sample of the operand's first rows tells the two apart for far less.
/// </summary>
public sealed unsafe partial class KernelEngine
{
    /// <summary>
    /// The share of zero inputs from which the forward product lists its steps. A tile skips a step only where its four
    /// rows are all zero, so inputs with few zeros leave almost nothing to skip whatever the grouping; Fashion-MNIST's
    /// pixels read about 0.5, the MLP's ReLU outputs more, random or normalised features 0.
    /// </summary>
    internal const double SkippingZeroShare = 0.25;

    /// <summary>
    /// Whether a product whose left operand is a [rows, depth] lists its zero steps (AVX-512, and enough zeros in the
    /// first rows).
    /// </summary>
    internal bool SkipsZeroStepsOf(float* a, int rows, int depth) =>
        SkipsZeroSteps && Simd == SimdLevel.Avx512 && NonzeroSteps.Supported
        && ZeroShare(a, System.Math.Min(rows, SampledRows), depth) >= SkippingZeroShare;

    /// <summary>
    /// Columns of C each worker needs before a backward product lists dz's zero steps. Every worker of a split by columns
    /// sorts and lists all of dz's rows for its band, so the lists cost the same per worker while the steps they save
    /// shrink with the band. The MLP's second layer's two backward products (256 columns, 128 deep) gained on one thread
    /// (84–88 µs a step listed against 68–70), but on two, 128 columns each, took 85–88 µs listed against 62–64
    /// (slow placement, three alternating runs of each build).
    /// </summary>
    internal const int ListedBackwardBand = 256;

    /// <summary>
    /// Whether a backward product (dw = dzᵀ·x or dx = dz·w) with <paramref name="columns"/> columns of C lists the zero
    /// steps of its left operand a [rows, depth]: <see cref="SkipsZeroStepsOf"/> and a band of at least
    /// <see cref="ListedBackwardBand"/> columns per worker. The band is counted as a split by columns would cut it; a
    /// product that splits by rows gives each worker every column, so the rule is conservative there.
    /// </summary>
    internal bool BackwardSkipsZeroStepsOf(float* a, int rows, int depth, int columns) =>
        columns / Threads >= ListedBackwardBand && SkipsZeroStepsOf(a, rows, depth);

    /// <summary>
    /// The share of zeros among the first <paramref name="rows"/> rows of x, over each row's whole blocks of sixteen (an
    /// estimate: a few trailing inputs do not change the choice); 0 when a row has fewer than sixteen.
    /// </summary>
    internal static double ZeroShare(float* x, int rows, int inputs)
    {
        int sampledPerRow = inputs / 16 * 16;
        long zeros = 0;
        for (int row = 0; row < rows; row++)
        {
            zeros += sampledPerRow - NonzeroSteps.CountNonzero(x + ((long)row * inputs), sampledPerRow);
        }

        long sampled = (long)rows * sampledPerRow;
        return sampled == 0 ? 0 : (double)zeros / sampled;
    }
}
