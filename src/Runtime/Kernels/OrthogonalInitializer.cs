using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>
/// Orthogonal initialisation (Saxe et al. 2014), as PyTorch's <c>orthogonal_</c> defines it: the Q factor of the QR
/// decomposition of a standard Gaussian matrix, with the signs chosen so that R has a positive diagonal (that choice
/// makes Q uniformly distributed over the orthogonal matrices), times a gain.
/// </summary>
internal static class OrthogonalInitializer
{
    /// <summary>
    /// Fills the row-major [<paramref name="rows"/>, <paramref name="columns"/>] <paramref name="weights"/> with
    /// orthonormal rows when rows &lt;= columns (W·Wᵀ = gain²·I), else orthonormal columns (Wᵀ·W = gain²·I).
    /// </summary>
    public static void Fill(Span<float> weights, int rows, int columns, float gain, ref Rng rng)
    {
        // The k = min(rows, columns) vectors of length n = max(rows, columns) that become orthonormal.
        int k = Math.Min(rows, columns), n = Math.Max(rows, columns);
        var q = new double[(long)k * n]; // construction time only: training never reaches this
        for (int i = 0; i < k; i++)
        {
            Orthonormalize(q, i, n, ref rng);
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double value = rows <= columns ? q[((long)r * n) + c] : q[((long)c * n) + r];
                weights[(r * columns) + c] = (float)(gain * value);
            }
        }
    }

    /// <summary>
    /// Draws vector <paramref name="index"/> and makes it orthonormal to the ones before it by modified Gram–Schmidt,
    /// run twice ("twice is enough": the second pass removes what rounding left of the first). Gram–Schmidt's R
    /// diagonal is the norm it divides by, positive by construction: that is the sign correction. A draw that is
    /// numerically dependent on the earlier vectors (probability ~0) is drawn again, so the result stays a function of the seed.
    /// </summary>
    private static void Orthonormalize(double[] q, int index, int n, ref Rng rng)
    {
        Span<double> v = q.AsSpan(index * n, n);
        while (true)
        {
            for (int j = 0; j < n; j++)
            {
                v[j] = rng.NextGaussian();
            }

            double drawn = TensorPrimitives.Norm<double>(v);
            for (int pass = 0; pass < 2; pass++)
            {
                for (int previous = 0; previous < index; previous++)
                {
                    ReadOnlySpan<double> u = q.AsSpan(previous * n, n);
                    double projection = TensorPrimitives.Dot<double>(u, v);
                    TensorPrimitives.MultiplyAdd<double>(u, -projection, v, v);
                }
            }

            double norm = TensorPrimitives.Norm<double>(v);
            if (norm > 1e-6 * drawn)
            {
                TensorPrimitives.Divide<double>(v, norm, v);
                return;
            }
        }
    }
}
