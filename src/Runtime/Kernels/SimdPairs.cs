using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels;

/// <summary>
/// Moving between a row of floats and its even and odd elements, one vector of each: what the Winograd tile transforms
/// need to put one 2-wide tile per lane (<see cref="WinogradTransforms"/>). Lane l of the pair is elements 2l and 2l + 1.
/// </summary>
internal unsafe interface ISimdPairs<TVec>
    where TVec : struct
{
    /// <summary>Reads 2·Count floats: lane l of <paramref name="even"/> is row[2l], of <paramref name="odd"/> row[2l + 1].</summary>
    static abstract void Split(float* row, out TVec even, out TVec odd);

    /// <summary>Writes 2·Count floats: row[2l] = even[l], row[2l + 1] = odd[l].</summary>
    static abstract void Interleave(TVec even, TVec odd, float* row);
}

/// <summary>
/// AVX-512: one two-source permute per output vector. The permutes' indices are constants written where they are used,
/// not static fields: under Native AOT a static readonly vector is read through the type's static base on every call,
/// and the Winograd output transform ran at half the JIT's speed.
/// </summary>
internal readonly unsafe partial struct Simd512 : ISimdPairs<Vector512<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Split(float* row, out Vector512<float> even, out Vector512<float> odd)
    {
        Vector512<float> low = Vector512.Load(row), high = Vector512.Load(row + 16);
        even = Avx512F.PermuteVar16x32x2(low, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), high);
        odd = Avx512F.PermuteVar16x32x2(low, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector512<float> even, Vector512<float> odd, float* row)
    {
        Vector512.Store(Avx512F.PermuteVar16x32x2(even, Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), odd), row);
        Vector512.Store(Avx512F.PermuteVar16x32x2(even, Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), odd), row + 16);
    }
}

/// <summary>AVX2 has no two-source permute across 128-bit halves: shuffle within them, then reorder 64-bit pairs.</summary>
internal readonly unsafe partial struct Simd256 : ISimdPairs<Vector256<float>>
{
    // (a0 a2 b0 b2 | a4 a6 b4 b6) has the even elements as 64-bit pairs 0, 2, 1, 3; this puts them in order.
    private const byte PairOrder = 0b11_01_10_00;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Split(float* row, out Vector256<float> even, out Vector256<float> odd)
    {
        Vector256<float> low = Vector256.Load(row), high = Vector256.Load(row + 8);
        even = Avx2.Permute4x64(Avx.Shuffle(low, high, 0b10_00_10_00).AsDouble(), PairOrder).AsSingle();
        odd = Avx2.Permute4x64(Avx.Shuffle(low, high, 0b11_01_11_01).AsDouble(), PairOrder).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector256<float> even, Vector256<float> odd, float* row)
    {
        // (e0 o0 e1 o1 | e4 o4 e5 o5) and (e2 o2 e3 o3 | e6 o6 e7 o7): the low halves first, then the high ones.
        Vector256<float> low = Avx.UnpackLow(even, odd), high = Avx.UnpackHigh(even, odd);
        Vector256.Store(Avx.Permute2x128(low, high, 0x20), row);
        Vector256.Store(Avx.Permute2x128(low, high, 0x31), row + 8);
    }
}

/// <summary>One lane: the pair itself.</summary>
internal readonly unsafe partial struct SimdScalar : ISimdPairs<float>
{
    public static void Split(float* row, out float even, out float odd)
    {
        even = row[0];
        odd = row[1];
    }

    public static void Interleave(float even, float odd, float* row)
    {
        row[0] = even;
        row[1] = odd;
    }
}
