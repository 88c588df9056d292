using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Generated.Kernels;

/// <summary>
/// Weight penalties of a dense layer: l1·Σ|W| + l2·ΣW² is added to the loss and l1·sign(W) + 2·l2·W to the
/// weight gradient. sign(0) = 0 (PyTorch's <c>torch.sign</c>), so a weight sitting exactly at zero is not pushed.
/// The generator emits these calls only for layers that declare a penalty.
/// </summary>
public static class Regularization
{
    /// <summary>The penalty of <paramref name="weights"/> alone (for a loss without gradients).</summary>
    public static float Penalty(ReadOnlySpan<float> weights, float l1, float l2)
    {
        double penalty = 0;
        if (l1 != 0f)
        {
            penalty += (double)l1 * TensorPrimitives.SumOfMagnitudes(weights);
        }

        if (l2 != 0f)
        {
            penalty += (double)l2 * TensorPrimitives.SumOfSquares(weights);
        }

        return (float)penalty;
    }

    /// <summary>Adds the penalty's gradient to <paramref name="gradient"/> in one sweep and returns the penalty.</summary>
    public static float AddGradient(ReadOnlySpan<float> weights, Span<float> gradient, float l1, float l2)
    {
        float twoL2 = 2f * l2;
        ReadOnlySpan<Vector<float>> w = MemoryMarshal.Cast<float, Vector<float>>(weights);
        Span<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        var l1Vector = new Vector<float>(l1);
        var twoL2Vector = new Vector<float>(twoL2);
        for (int i = 0; i < w.Length; i++)
        {
            Vector<float> value = w[i];
            // sign(w) as +1/−1/0: the two comparison masks are all-ones (−1 as int) where they hold.
            Vector<float> sign = Vector.ConvertToSingle(Vector.LessThan(value, Vector<float>.Zero) - Vector.GreaterThan(value, Vector<float>.Zero));
            g[i] += (l1Vector * sign) + (twoL2Vector * value);
        }

        for (int i = w.Length * Vector<float>.Count; i < weights.Length; i++)
        {
            float value = weights[i];
            gradient[i] += (l1 * MathF.Sign(value)) + (twoL2 * value);
        }

        return Penalty(weights, l1, l2);
    }
}
