using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// Storing four rows of a register tile, one vector each, to a C kept transposed (<see cref="GemmArguments.TransposedC"/>):
/// row r's lane j goes to c[j·ldc + r]. The rows are passed by value, straight from the accumulators: staged through
/// memory (sixteen stores and loads per tile) the first layer's weight gradient took 3–13 µs longer on one thread in a
/// standalone probe.
/// Only the 512-bit tile stores C transposed (the lists it needs are built with 512-bit compares).
/// </summary>
internal unsafe interface ISimdTransposedTile<TVec>
    where TVec : struct
{
    /// <summary>c[j·ldc + r] = row r's lane j, for r &lt; 4 and every lane j.</summary>
    static abstract void StoreTransposed(TVec r0, TVec r1, TVec r2, TVec r3, float* c, int ldc);
}

/// <summary>AVX-512: <see cref="TransposedTile.Store(Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float}, float*, int)"/>.</summary>
internal readonly unsafe partial struct Simd512 : ISimdTransposedTile<Vector512<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTransposed(Vector512<float> r0, Vector512<float> r1, Vector512<float> r2, Vector512<float> r3, float* c, int ldc) =>
        TransposedTile.Store(r0, r1, r2, r3, c, ldc);
}

/// <summary>Never called: narrower tiles take no step lists, so they never store C transposed.</summary>
internal readonly unsafe partial struct Simd256 : ISimdTransposedTile<Vector256<float>>
{
    public static void StoreTransposed(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3, float* c, int ldc) =>
        throw new NotSupportedException("Only the 512-bit tile stores C transposed.");
}

/// <summary>Never called: see <see cref="Simd256"/>'s.</summary>
internal readonly unsafe partial struct SimdScalar : ISimdTransposedTile<float>
{
    public static void StoreTransposed(float r0, float r1, float r2, float r3, float* c, int ldc) =>
        throw new NotSupportedException("Only the 512-bit tile stores C transposed.");
}
