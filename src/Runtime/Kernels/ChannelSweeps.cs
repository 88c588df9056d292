using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// The per-plane sweeps of per-channel batch normalisation (<see cref="BatchNorm"/>), at the engine's vector width: the
/// planes are the CNN's largest memory passes, and <c>Vector&lt;float&gt;</c>, which the first version used, stays at
/// 256 bits on an AVX-512 machine. The normalised value is always x·scale + shift as a multiply then an add (never
/// fused), in the vector body and the scalar tail alike, so the backward pass's ReLU mask is the forward's bit for bit
/// at every width.
/// </summary>
internal static unsafe class ChannelSweeps
{
    /// <summary>y = x·scale + shift over <paramref name="length"/> floats, rectified (the stand-alone ReLU's rule) when <paramref name="relu"/>.</summary>
    public static void Normalize(SimdLevel level, float* x, float* y, int length, float scale, float shift, bool relu)
    {
        switch (level)
        {
            case SimdLevel.Avx512:
                Normalize<Simd512, Vector512<float>>(x, y, length, scale, shift, relu);
                break;
            case SimdLevel.Avx2:
                Normalize<Simd256, Vector256<float>>(x, y, length, scale, shift, relu);
                break;
            default:
                Normalize<SimdScalar, float>(x, y, length, scale, shift, relu);
                break;
        }
    }

    /// <summary>
    /// One pass over a plane of the incoming gradient and the input: with <paramref name="relu"/> it first zeroes dy where
    /// x·scale + shift is not positive (the fused ReLU's derivative, in place), then returns Σ dy and Σ dy·(x − mean),
    /// the sums dbeta and dgamma are made of.
    /// </summary>
    public static (double Total, double Centered) GradientSums(SimdLevel level, float* dy, float* x, int length, float mean, float scale, float shift, bool relu) =>
        level switch
        {
            SimdLevel.Avx512 => GradientSums<Simd512, Vector512<float>>(dy, x, length, mean, scale, shift, relu),
            SimdLevel.Avx2 => GradientSums<Simd256, Vector256<float>>(dy, x, length, mean, scale, shift, relu),
            _ => GradientSums<SimdScalar, float>(dy, x, length, mean, scale, shift, relu),
        };

    /// <summary>dy = k·dy + b·x + offset over <paramref name="length"/> floats: the input gradient of one plane.</summary>
    public static void InputGradient(SimdLevel level, float* dy, float* x, int length, float k, float b, float offset)
    {
        switch (level)
        {
            case SimdLevel.Avx512:
                InputGradient<Simd512, Vector512<float>>(dy, x, length, k, b, offset);
                break;
            case SimdLevel.Avx2:
                InputGradient<Simd256, Vector256<float>>(dy, x, length, k, b, offset);
                break;
            default:
                InputGradient<SimdScalar, float>(dy, x, length, k, b, offset);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first step
    private static void Normalize<TSimd, TVec>(float* x, float* y, int length, float scale, float shift, bool relu)
        where TSimd : struct, ISimd<TVec>, ISimdSelect<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Broadcast(scale), t = TSimd.Broadcast(shift);
        int i = 0;
        if (relu)
        {
            for (; i + TSimd.Count <= length; i += TSimd.Count)
            {
                TSimd.Store(y + i, TSimd.Rectify(TSimd.Add(TSimd.Multiply(TSimd.Load(x + i), s), t)));
            }

            for (; i < length; i++)
            {
                y[i] = SimdScalar.Rectify((x[i] * scale) + shift);
            }

            return;
        }

        for (; i + TSimd.Count <= length; i += TSimd.Count)
        {
            TSimd.Store(y + i, TSimd.Add(TSimd.Multiply(TSimd.Load(x + i), s), t));
        }

        for (; i < length; i++)
        {
            y[i] = (x[i] * scale) + shift;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Total, double Centered) GradientSums<TSimd, TVec>(float* dy, float* x, int length, float mean, float scale, float shift, bool relu)
        where TSimd : struct, ISimd<TVec>, ISimdSelect<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Broadcast(scale), t = TSimd.Broadcast(shift), m = TSimd.Broadcast(mean);

        // Two chains per sum: each add waits on the one before it, and the plane is in L1 after its first vector.
        TVec total0 = TSimd.Zero, total1 = TSimd.Zero, centered0 = TSimd.Zero, centered1 = TSimd.Zero;
        int i = 0;
        for (; i + (2 * TSimd.Count) <= length; i += 2 * TSimd.Count)
        {
            Accumulate<TSimd, TVec>(dy + i, x + i, m, s, t, relu, ref total0, ref centered0);
            Accumulate<TSimd, TVec>(dy + i + TSimd.Count, x + i + TSimd.Count, m, s, t, relu, ref total1, ref centered1);
        }

        if (i + TSimd.Count <= length)
        {
            Accumulate<TSimd, TVec>(dy + i, x + i, m, s, t, relu, ref total0, ref centered0);
            i += TSimd.Count;
        }

        double total = TSimd.Sum(TSimd.Add(total0, total1)), centered = TSimd.Sum(TSimd.Add(centered0, centered1));
        for (; i < length; i++)
        {
            float d = dy[i];
            if (relu)
            {
                d = SimdScalar.KeepWherePositive((x[i] * scale) + shift, d);
                dy[i] = d;
            }

            total += d;
            centered += d * (double)(x[i] - mean);
        }

        return (total, centered);
    }

    /// <summary>One vector of <see cref="GradientSums"/>: the mask (stored back) and both sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TSimd, TVec>(float* dy, float* x, TVec mean, TVec scale, TVec shift, bool relu, ref TVec total, ref TVec centered)
        where TSimd : struct, ISimd<TVec>, ISimdSelect<TVec>
        where TVec : struct
    {
        TVec xv = TSimd.Load(x), d = TSimd.Load(dy);
        if (relu)
        {
            d = TSimd.KeepWherePositive(TSimd.Add(TSimd.Multiply(xv, scale), shift), d);
            TSimd.Store(dy, d);
        }

        total = TSimd.Add(total, d);
        centered = TSimd.MultiplyAdd(d, TSimd.Subtract(xv, mean), centered);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InputGradient<TSimd, TVec>(float* dy, float* x, int length, float k, float b, float offset)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TVec kv = TSimd.Broadcast(k), bv = TSimd.Broadcast(b), ov = TSimd.Broadcast(offset);
        int i = 0;
        for (; i + TSimd.Count <= length; i += TSimd.Count)
        {
            TSimd.Store(dy + i, TSimd.Add(TSimd.Add(TSimd.Multiply(TSimd.Load(dy + i), kv), TSimd.Multiply(TSimd.Load(x + i), bv)), ov));
        }

        for (; i < length; i++)
        {
            dy[i] = (dy[i] * k) + (x[i] * b) + offset;
        }
    }
}
