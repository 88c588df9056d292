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
    /// The share of all-zero groups of four inputs from which the transposed form pays: its transpose of x costs about
    /// what skipping 5% of the product saves on the MLP's first layer, so a quarter leaves a clear margin. ReLU outputs
    /// (5–10% of four neighbouring units zero together) stay on the plain form.
    /// </summary>
    private const double SparseInputShare = 0.25;

    /// <summary>Rows of x sampled to estimate that share: a shuffled batch's first rows stand for the rest.</summary>
    private const int SampledRows = 16;

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
            // Once per model for its widest such layer and largest batch: the step after it allocates nothing.
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
