using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// One row band of a ReLU or linear dense layer's gradient pass in one sweep at the engine's vector width: dz ⊙= mask
/// (a dropout fused into the layer's forward pass; none when null), dz = y &gt; 0 ? dz : 0 (ReLU), then the bias
/// gradient += dz. Before, each row band was two calls (the rectifier at 256 bits, then <c>TensorPrimitives.Add</c>),
/// on bands of 64 to 256 floats, where the calls cost as much as the arithmetic. The results are the same bits: the
/// same products, an exact select and the same element-wise additions in the same row order.
/// </summary>
internal static unsafe class RectifiedGradientRow
{
    public static void Apply(SimdLevel level, float* dz, float* mask, float* y, float* bias, int width, bool relu)
    {
        switch (level)
        {
            case SimdLevel.Avx512:
                Apply<Simd512, Vector512<float>>(dz, mask, y, bias, width, relu);
                break;
            case SimdLevel.Avx2:
                Apply<Simd256, Vector256<float>>(dz, mask, y, bias, width, relu);
                break;
            default:
                Apply<SimdScalar, float>(dz, mask, y, bias, width, relu);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply<TSimd, TVec>(float* dz, float* mask, float* y, float* bias, int width, bool relu)
        where TSimd : struct, ISimd<TVec>, ISimdSelect<TVec>
        where TVec : struct
    {
        int i = 0;
        for (; i + TSimd.Count <= width; i += TSimd.Count)
        {
            TVec d = TSimd.Load(dz + i);
            if (mask != null)
            {
                d = TSimd.Multiply(d, TSimd.Load(mask + i));
            }

            if (relu)
            {
                // Exactly 0 where the unit is off, even for an infinite incoming gradient (and where y is NaN).
                d = TSimd.KeepWherePositive(TSimd.Load(y + i), d);
            }

            if (relu || mask != null)
            {
                TSimd.Store(dz + i, d);
            }

            if (bias != null)
            {
                TSimd.Store(bias + i, TSimd.Add(TSimd.Load(bias + i), d));
            }
        }

        for (; i < width; i++)
        {
            float d = mask == null ? dz[i] : dz[i] * mask[i];
            d = relu ? SimdScalar.KeepWherePositive(y[i], d) : d;
            dz[i] = d;
            if (bias != null)
            {
                bias[i] += d;
            }
        }
    }
}
