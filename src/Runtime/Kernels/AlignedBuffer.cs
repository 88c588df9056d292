using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Generated.Kernels;

/// <summary>
/// Floats in a pinned array, starting on a 64-byte cache line. The runtime cannot ask for an aligned managed array
/// (a pinned array's first element lands 16 bytes past an 8-byte aligned object), so the array carries up to 15
/// floats of slack and the usable region begins at the first aligned element, <see cref="Origin"/>.
/// </summary>
/// <remarks>
/// Why it matters: a buffer that starts mid-line makes every 64-byte vector load and store of an AVX-512 kernel
/// straddle two lines. Re-allocating the model's buffers until they happened to be aligned made the training step
/// faster in 7 of 8 paired BenchmarkDotNet runs (docs/architecture.md). Pinned, the region never moves, so kernels may
/// keep the raw <see cref="Pointer"/>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly unsafe struct AlignedBuffer
{
    /// <summary>The alignment of <see cref="Origin"/>, in bytes: one cache line, one AVX-512 vector.</summary>
    public const int AlignmentBytes = 64;

    private const int SlackFloats = (AlignmentBytes / sizeof(float)) - 1;

    /// <summary>Allocates <paramref name="length"/> usable floats, zeroed.</summary>
    public AlignedBuffer(long length)
    {
        if (length < 0 || length > Array.MaxLength - SlackFloats)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"{length} floats do not fit one array; lower MaxBatch.");
        }

        Storage = GC.AllocateArray<float>((int)length + SlackFloats, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Storage));
        int misalignment = (int)(address & (AlignmentBytes - 1));
        // The array's elements are 4-byte aligned, so the distance to the next line is a whole number of floats.
        Origin = misalignment == 0 ? 0 : (AlignmentBytes - misalignment) / sizeof(float);
        Length = (int)length;
    }

    /// <summary>The whole pinned array, slack included; the usable floats are [<see cref="Origin"/>, Origin + <see cref="Length"/>).</summary>
    public float[] Storage { get; }

    /// <summary>Index in <see cref="Storage"/> of the first usable float, which sits on a 64-byte boundary.</summary>
    public int Origin { get; }

    /// <summary>Usable floats.</summary>
    public int Length { get; }

    /// <summary>The first usable float (stable: the array is pinned).</summary>
    internal float* Pointer => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Storage)) + Origin;

    /// <summary>The first usable float, for <c>fixed</c>; a null reference for an empty or default buffer, as for an empty array.</summary>
    public ref float GetPinnableReference() => ref Length == 0 ? ref Unsafe.NullRef<float>() : ref Storage[Origin];

    /// <summary>All usable floats.</summary>
    public Span<float> AsSpan() => new(Storage, Origin, Length);

    /// <summary>All usable floats, as an array converts to its span.</summary>
    public static implicit operator Span<float>(AlignedBuffer buffer) => buffer.AsSpan();

    /// <summary>All usable floats, read-only.</summary>
    public static implicit operator ReadOnlySpan<float>(AlignedBuffer buffer) => buffer.AsSpan();

    /// <summary>Usable floats [<paramref name="start"/>, start + <paramref name="length"/>); never reaches into the slack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> Slice(int start, int length)
    {
        if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start))
        {
            ThrowOutside(start, length, Length);
        }

        return new Span<float>(Storage, Origin + start, length);
    }

    [DoesNotReturn]
    private static void ThrowOutside(int start, int length, int bufferLength) =>
        throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {(long)start + length}) is outside the buffer's {bufferLength} floats.");
}
