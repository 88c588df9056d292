using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// The two rectifier selects a fused ReLU needs, compare-and-select with no branch. Their NaN rules are the stand-alone
/// ReLU layer's: forward, NaN stays NaN (as <c>TensorPrimitives.Max(x, 0)</c>) and −0 becomes +0; backward, a NaN
/// pre-activation passes no gradient.
/// </summary>
internal interface ISimdSelect<TVec>
    where TVec : struct
{
    /// <summary>value &lt;= 0 ? +0 : value, lane by lane (NaN is not &lt;= 0, so it stays).</summary>
    static abstract TVec Rectify(TVec value);

    /// <summary>test &gt; 0 ? value : +0, lane by lane (a NaN test gives 0).</summary>
    static abstract TVec KeepWherePositive(TVec test, TVec value);
}

internal readonly partial struct Simd512 : ISimdSelect<Vector512<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Rectify(Vector512<float> value) =>
        Vector512.ConditionalSelect(Vector512.LessThanOrEqual(value, Vector512<float>.Zero), Vector512<float>.Zero, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> KeepWherePositive(Vector512<float> test, Vector512<float> value) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(test, Vector512<float>.Zero), value, Vector512<float>.Zero);
}

internal readonly partial struct Simd256 : ISimdSelect<Vector256<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Rectify(Vector256<float> value) =>
        Vector256.ConditionalSelect(Vector256.LessThanOrEqual(value, Vector256<float>.Zero), Vector256<float>.Zero, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> KeepWherePositive(Vector256<float> test, Vector256<float> value) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(test, Vector256<float>.Zero), value, Vector256<float>.Zero);
}

internal readonly partial struct SimdScalar : ISimdSelect<float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Rectify(float value) => value <= 0f ? 0f : value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float KeepWherePositive(float test, float value) => test > 0f ? value : 0f;
}
