using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>
/// Bias, activation and a following dropout applied to one finished output row while it is still in L1 (fused into
/// the GEMM rather than separate passes over the whole activation buffer).
/// </summary>
internal static unsafe class Epilogue
{
    /// <summary>The epilogue of the GEMM row starting at <paramref name="row"/> (a row of C).</summary>
    public static void Apply(in GemmArguments g, float* row)
    {
        // The pre-activation and dropout buffers are laid out like C, so the row sits at the same offset.
        long offset = row - g.C;
        float* preActivation = g.PreActivation == null ? null : g.PreActivation + offset;
        Apply(new Span<float>(row, g.N), preActivation, g.Bias, g.Activation, g.Alpha);
        if (g.Dropout.Mask != null)
        {
            g.Dropout.Apply(row, offset, g.N);
        }
    }

    public static void Apply(Span<float> row, float* bias, Activation activation, float alpha) => Apply(row, null, bias, activation, alpha);

    /// <summary>
    /// Adds the bias, copies the pre-activation out when <paramref name="preActivation"/> is not null (GELU and Swish
    /// derivatives need it), then applies the activation in place.
    /// </summary>
    public static void Apply(Span<float> row, float* preActivation, float* bias, Activation activation, float alpha)
    {
        if (bias != null)
        {
            TensorPrimitives.Add(row, new ReadOnlySpan<float>(bias, row.Length), row);
        }

        if (preActivation != null)
        {
            row.CopyTo(new Span<float>(preActivation, row.Length));
        }

        Activations.ApplyInPlace(row, activation, alpha);
    }
}
