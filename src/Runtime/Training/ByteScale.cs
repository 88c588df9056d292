using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Generated.Kernels;

namespace Generated.Training;

/// <summary>
/// Turns 8-bit values into floats as <c>value / divisor</c>, exactly the float division (so a byte dataset divided by
/// 255 gives the bits <c>FashionMnist.Load</c> and NumPy give). Division is slow in vectors, so the decoder multiplies
/// by the reciprocal and corrects the quotient with one fused multiply-add step, and uses that only after checking
/// at construction, for all 256 byte values, that it gives the division's bits; otherwise it divides.
/// </summary>
internal readonly unsafe struct ByteScale
{
    private readonly float _reciprocal;
    private readonly bool _refinedIsExact;

    private ByteScale(float divisor)
    {
        Divisor = divisor;
        _reciprocal = 1f / divisor;
        _refinedIsExact = true;
        for (int value = 0; value < 256; value++)
        {
            if (BitConverter.SingleToInt32Bits(Refined(value, divisor, _reciprocal)) != BitConverter.SingleToInt32Bits(value / divisor))
            {
                _refinedIsExact = false;
                break;
            }
        }
    }

    /// <summary>What every byte is divided by.</summary>
    public float Divisor { get; }

    /// <summary>
    /// Whether the corrected multiplication is used (it matched the division for every byte value). It does for every
    /// divisor a sweep of 200,000 from 1e-9 to 5e8 tried; extremes whose quotients overflow, or whose reciprocal is
    /// subnormal, divide.
    /// </summary>
    internal bool MultipliesByReciprocal => _refinedIsExact;

    /// <summary>A decoder for <paramref name="divisor"/>, which must be a positive finite number.</summary>
    public static ByteScale Create(float divisor, string parameterName) =>
        float.IsFinite(divisor) && divisor > 0
            ? new ByteScale(divisor)
            : throw new ArgumentOutOfRangeException(parameterName, divisor, "The divisor that turns bytes into floats must be a positive finite number.");

    /// <summary>target[i] = source[i] / Divisor for i in [0, length), with the widest vectors this CPU has.</summary>
    public void Decode(byte* source, float* target, int length) => Decode(source, target, length, SimdSelection.Best);

    /// <summary>The same with the vectors of <paramref name="level"/> at most (tests run every level the CPU has; all give the same bits).</summary>
    internal void Decode(byte* source, float* target, int length, SimdLevel level)
    {
        int i = 0;
        if (level >= SimdLevel.Avx512 && Avx512F.IsSupported)
        {
            Vector512<float> divisor = Vector512.Create(Divisor), reciprocal = Vector512.Create(_reciprocal);
            for (; i + 16 <= length; i += 16)
            {
                Vector512<float> x = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(source + i)));
                Vector512<float> quotient = _refinedIsExact ? Refined(x, divisor, reciprocal) : x / divisor;
                quotient.Store(target + i);
            }
        }
        else if (level >= SimdLevel.Avx2 && Avx2.IsSupported && Fma.IsSupported)
        {
            Vector256<float> divisor = Vector256.Create(Divisor), reciprocal = Vector256.Create(_reciprocal);
            for (; i + 8 <= length; i += 8)
            {
                Vector256<float> x = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(source + i));
                Vector256<float> quotient = _refinedIsExact ? Refined(x, divisor, reciprocal) : x / divisor;
                quotient.Store(target + i);
            }
        }

        for (; i < length; i++)
        {
            target[i] = source[i] / Divisor;
        }
    }

    // q = x·(1/d) is within an ulp of x/d; the remainder x - q·d is exact in one FMA, and adding remainder·(1/d) rounds to
    // the nearest float of x/d for the divisors the constructor accepts this way (it checks every byte value).
    private static float Refined(float x, float divisor, float reciprocal)
    {
        float quotient = x * reciprocal;
        float remainder = MathF.FusedMultiplyAdd(-quotient, divisor, x);
        return MathF.FusedMultiplyAdd(remainder, reciprocal, quotient);
    }

    private static Vector512<float> Refined(Vector512<float> x, Vector512<float> divisor, Vector512<float> reciprocal)
    {
        Vector512<float> quotient = x * reciprocal;
        Vector512<float> remainder = Avx512F.FusedMultiplyAddNegated(quotient, divisor, x);
        return Avx512F.FusedMultiplyAdd(remainder, reciprocal, quotient);
    }

    private static Vector256<float> Refined(Vector256<float> x, Vector256<float> divisor, Vector256<float> reciprocal)
    {
        Vector256<float> quotient = x * reciprocal;
        Vector256<float> remainder = Fma.MultiplyAddNegated(quotient, divisor, x);
        return Fma.MultiplyAdd(remainder, reciprocal, quotient);
    }
}
