using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>Weight constraints, applied to the parameters after each optimizer step (not part of the loss or its gradient).</summary>
public static class Constraints
{
    /// <summary>
    /// Max-norm (Srivastava et al. 2014; Keras <c>MaxNorm</c>): every row of the [<paramref name="rows"/>, n] weight, i.e.
    /// one unit's incoming weights, whose L2 norm exceeds <paramref name="maxNorm"/> is scaled back to exactly that norm;
    /// shorter rows are left as they are. (Keras divides by norm + 1e-7 for every row, which moves a row by one part in
    /// ten million at most.)
    /// </summary>
    public static void MaxNorm(Span<float> weights, int rows, float maxNorm)
    {
        int columns = weights.Length / rows;
        for (int row = 0; row < rows; row++)
        {
            Span<float> unit = weights.Slice(row * columns, columns);
            float norm = TensorPrimitives.Norm(unit);
            if (norm > maxNorm)
            {
                TensorPrimitives.Multiply(unit, maxNorm / norm, unit);
            }
        }
    }
}
