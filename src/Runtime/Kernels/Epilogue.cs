using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>
/// Bias and activation applied to one finished output row while it is still in L1 (fused into the GEMM
/// rather than a separate pass over the whole activation buffer).
/// </summary>
internal static unsafe class Epilogue
{
    public static void Apply(Span<float> row, float* bias, Activation activation, float alpha)
    {
        if (bias != null)
        {
            TensorPrimitives.Add(row, new ReadOnlySpan<float>(bias, row.Length), row);
        }

        Activations.ApplyInPlace(row, activation, alpha);
    }
}
