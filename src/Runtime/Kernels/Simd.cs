using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels;

/// <summary>
/// The vector operations the kernels need, as static members so each kernel is written once and the JIT
/// (or the AOT compiler) specialises it per vector width: generic code over a struct is compiled separately
/// for every struct type argument, so these calls inline into plain instructions.
/// </summary>
internal unsafe interface ISimd<TVec>
    where TVec : struct
{
    static abstract int Count { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Load(float* source);

    static abstract void Store(float* destination, TVec value);

    static abstract TVec Broadcast(float value);

    /// <summary>a * b + c, fused where the hardware has FMA.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    static abstract TVec Add(TVec a, TVec b);

    static abstract TVec Subtract(TVec a, TVec b);

    static abstract TVec Multiply(TVec a, TVec b);

    static abstract TVec Divide(TVec a, TVec b);

    static abstract TVec Sqrt(TVec a);

    /// <summary>The sum of the lanes (a horizontal reduction; keep it out of inner loops).</summary>
    static abstract float Sum(TVec a);
}

/// <summary>AVX-512F: 16 floats per register.</summary>
internal readonly unsafe partial struct Simd512 : ISimd<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector512<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Avx512F.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sqrt(Vector512<float> a) => Vector512.Sqrt(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> a) => Vector512.Sum(a);
}

/// <summary>AVX2 + FMA3: 8 floats per register.</summary>
internal readonly unsafe partial struct Simd256 : ISimd<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector256<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.MultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sqrt(Vector256<float> a) => Vector256.Sqrt(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> a) => Vector256.Sum(a);
}

/// <summary>The portable fallback: one float per "register".</summary>
internal readonly unsafe partial struct SimdScalar : ISimd<float>
{
    public static int Count => 1;

    public static float Zero => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(float* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, float value) => *destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float a, float b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float a, float b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float a, float b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Divide(float a, float b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float a) => MathF.Sqrt(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(float a) => a;
}

/// <summary>The instruction sets a kernel can be specialised for.</summary>
public enum SimdLevel
{
    /// <summary>No usable vector unit: plain scalar loops.</summary>
    Scalar = 0,
    /// <summary>AVX2 with FMA3 (<see cref="Vector256{T}"/>).</summary>
    Avx2 = 1,
    /// <summary>AVX-512F (<see cref="Vector512{T}"/>).</summary>
    Avx512 = 2,
}

/// <summary>Chooses the widest instruction set once at start-up (overridable for tests and benchmarks).</summary>
public static class SimdSelection
{
    /// <summary>The widest level this process can execute. Native AOT builds only see the instruction sets
    /// they were compiled for (<c>IlcInstructionSet</c>), so an AOT binary may report less than the CPU has.</summary>
    public static SimdLevel Best { get; } =
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? SimdLevel.Avx512
        : Fma.IsSupported && Avx2.IsSupported && Vector256.IsHardwareAccelerated ? SimdLevel.Avx2
        : SimdLevel.Scalar;

    /// <summary>Floats per vector at an instruction set.</summary>
    internal static int VectorWidth(SimdLevel level) => level switch
    {
        SimdLevel.Avx512 => 16,
        SimdLevel.Avx2 => 8,
        _ => 1,
    };

    /// <summary>Clamps a requested level to what the hardware supports.</summary>
    public static SimdLevel Resolve(SimdLevel? requested) =>
        requested is { } level && level < Best ? level : Best;
}
