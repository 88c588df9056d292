using System.Numerics;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// The weight gradient of a dense layer whose input has many zeros, computed as dwᵀ = xᵀ·dz so the zeros can be
/// skipped. In the plain form dw = dzᵀ·x a register tile broadcasts dz and streams rows of x, and nothing is skipped
/// unless 64 consecutive inputs of a sample are all zero (12% of Fashion-MNIST's). Transposed, the tile broadcasts four
/// consecutive inputs of one sample and skips the sample when all four are zero (<see cref="GemmArguments.SkipZeroA"/>):
/// 38% of the steps for Fashion-MNIST's pixels, whose background neighbours are zero together. The price is transposing
/// x; the tiles write dw in its own layout (<see cref="GemmArguments.TransposedC"/>). Each element of dw still sums its
/// samples in batch order, so the result is the plain product's.
/// </summary>
public sealed unsafe partial class KernelEngine
{
    /// <summary>
    /// The share of all-zero groups of four inputs from which the transposed form pays. The first layer of the MLP on
    /// Fashion-MNIST reads 0.32–0.45 (5th to 95th percentile of the probe over five epochs, median 0.38) and gains; its
    /// second layer's ReLU inputs read 0.05–0.24 early in training and rise past 0.25 later, where the transposed form
    /// measured slower than the plain one (its transposes and stores against a smaller product). Between them, 0.3:
    /// alternating one-thread 12-epoch runs read 204.5k–209.5k samples/s against 177.5k–208.3k with 0.25.
    /// </summary>
    internal const double SparseInputShare = 0.3;

    /// <summary>Rows of x sampled to estimate that share: a shuffled batch's first rows stand for the rest.</summary>
    internal const int SampledRows = 32;

    private AlignedBuffer _transposedInput;

    /// <summary>
    /// Whether the transposed form runs: AVX-512 (the lists and the transposed stores are written for it), whole register
    /// tiles (outputs in 64s, inputs in 4s), and enough all-zero groups of four inputs in the batch's first rows.
    /// </summary>
    private bool WeightGradientSkipsZeros(float* x, int batch, int inputs, int outputs) =>
        SkipsZeroSteps && Simd == SimdLevel.Avx512 && NonzeroSteps.Supported && outputs % 64 == 0 && inputs % 4 == 0 && inputs >= 16 && batch >= SampledRows
        && ZeroGroupShare(x, SampledRows, inputs) >= SparseInputShare;

    /// <summary>
    /// The share of groups of four consecutive inputs that are all zero in the first <paramref name="rows"/> rows of x,
    /// over each row's whole blocks of sixteen (an estimate: a few trailing inputs do not change the choice).
    /// </summary>
    internal static double ZeroGroupShare(float* x, int rows, int inputs)
    {
        long zeroGroups = 0;
        for (int row = 0; row < rows; row++)
        {
            float* values = x + ((long)row * inputs);
            for (int i = 0; i + 16 <= inputs; i += 16)
            {
                // Bit e is set where element e is zero; a group is all zero when its four bits are.
                uint zero = (uint)Vector512.Equals(Vector512.Load(values + i), Vector512<float>.Zero).ExtractMostSignificantBits();
                zeroGroups += BitOperations.PopCount(zero & (zero >> 1) & (zero >> 2) & (zero >> 3) & 0x1111u);
            }
        }

        return zeroGroups / (rows * (inputs / 16 * 4.0));
    }

    /// <summary>dw[outputs, inputs] = dzᵀ·x as (xᵀ·dz)ᵀ, skipping the samples whose four inputs of a row tile are zero.</summary>
    private void WeightGradientSkippingZeros(float* x, float* dz, float* dw, int batch, int inputs, int outputs)
    {
        long length = (long)inputs * batch;
        if (_transposedInput.Length < length)
        {
            // On the first step that takes this form for a wider layer or a larger batch than before (late in training, if
            // a layer's inputs only then become sparse enough); every other step allocates nothing.
            _transposedInput = new AlignedBuffer(length);
        }

        float* xt = _transposedInput.Pointer;
        _transpose.Run(_pool, x, inputs, batch, inputs, xt, batch);
        var product = new GemmArguments
        {
            A = xt, Lda = batch, B = dz, Ldb = outputs, C = dw, Ldc = inputs, TransposedC = true,
            M = inputs, N = outputs, K = batch, Activation = Activation.Linear, SkipZeroA = true,
        };
        _gemm.Run(_pool, product);
    }
}
