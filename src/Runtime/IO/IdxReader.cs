using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Generated.IO;

/// <summary>
/// Element types of the IDX format, named like safetensors dtypes; the value is the type byte of the file's magic number.
/// </summary>
public enum IdxElementType : byte
{
    /// <summary>Unsigned 8-bit integer (MNIST pixels and labels).</summary>
    U8 = 0x08,

    /// <summary>Signed 8-bit integer.</summary>
    I8 = 0x09,

    /// <summary>Big-endian 16-bit integer.</summary>
    I16 = 0x0B,

    /// <summary>Big-endian 32-bit integer.</summary>
    I32 = 0x0C,

    /// <summary>Big-endian IEEE 754 single.</summary>
    F32 = 0x0D,

    /// <summary>Big-endian IEEE 754 double.</summary>
    F64 = 0x0E,
}

/// <summary>
/// An IDX array. <see cref="Data"/> holds the elements as read, converted from the file's big-endian order to the
/// machine's, so U8 files (images, labels) cost one byte per element and no conversion at all.
/// </summary>
/// <param name="ElementType">The element type from the file header.</param>
/// <param name="Shape">Dimensions, outermost first (e.g. <c>[60000, 28, 28]</c>).</param>
/// <param name="Data">The elements, row-major, machine byte order.</param>
public sealed record IdxArray(IdxElementType ElementType, int[] Shape, byte[] Data)
{
    /// <summary>Number of elements.</summary>
    public int Count => Data.Length / Idx.ElementSize(ElementType);

    /// <summary>The elements of an <see cref="IdxElementType.U8"/> array, without copying.</summary>
    /// <exception cref="InvalidOperationException">The array has another element type.</exception>
    public ReadOnlySpan<byte> AsBytes() => ElementType == IdxElementType.U8
        ? Data
        : throw new InvalidOperationException($"The IDX array holds {ElementType} elements, not unsigned bytes.");

    /// <summary>Element <paramref name="index"/> (flat, row-major) as a double, whatever the element type.</summary>
    public double GetDouble(int index) => ElementType switch
    {
        IdxElementType.U8 => Data[index],
        IdxElementType.I8 => (sbyte)Data[index],
        IdxElementType.I16 => MemoryMarshal.Cast<byte, short>(Data)[index],
        IdxElementType.I32 => MemoryMarshal.Cast<byte, int>(Data)[index],
        IdxElementType.F32 => MemoryMarshal.Cast<byte, float>(Data)[index],
        IdxElementType.F64 => MemoryMarshal.Cast<byte, double>(Data)[index],
        _ => throw new InvalidOperationException($"Unknown IDX element type {ElementType}."),
    };

    /// <summary>All elements converted to float and multiplied by <paramref name="scale"/>.</summary>
    public float[] ToSingles(float scale = 1f)
    {
        var result = new float[Count];
        if (ElementType == IdxElementType.U8)
        {
            // 256 possible inputs: a table turns the loop into a lookup and gives exactly value * scale for each.
            Span<float> table = stackalloc float[256];
            for (int v = 0; v < 256; v++)
            {
                table[v] = v * scale;
            }

            for (int i = 0; i < Data.Length; i++)
            {
                result[i] = table[Data[i]];
            }

            return result;
        }

        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (float)(GetDouble(i) * scale);
        }

        return result;
    }

    /// <summary>All elements as 32-bit integers (for labels).</summary>
    /// <exception cref="InvalidOperationException">The array holds floating-point elements.</exception>
    public int[] ToInt32s()
    {
        if (ElementType is IdxElementType.F32 or IdxElementType.F64)
        {
            throw new InvalidOperationException($"The IDX array holds {ElementType} elements, not integers.");
        }

        var result = new int[Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (int)GetDouble(i);
        }

        return result;
    }
}

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST: two zero bytes, a type byte, a dimension count, the
/// big-endian 32-bit dimension sizes, then the big-endian elements. Gzipped files are decompressed on the fly.
/// </summary>
public static class Idx
{
    /// <summary>Reads <paramref name="path"/>, decompressing it when it is gzipped.</summary>
    /// <exception cref="InvalidDataException">The file is not IDX, or is truncated or has trailing bytes.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

        // Sniff the content rather than trust the name: browsers often decompress downloads but keep the ".gz".
        Span<byte> sniff = stackalloc byte[2];
        int sniffed = ReadFully(file, sniff, path);
        file.Position = 0;
        bool gzipped = sniffed == 2 && sniff[0] == 0x1F && sniff[1] == 0x8B;
        if (!gzipped)
        {
            return Read(file, path);
        }

        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return Read(gzip, path);
    }

    /// <summary>Reads an uncompressed IDX stream; <paramref name="name"/> appears in error messages.</summary>
    /// <exception cref="InvalidDataException">The stream is not IDX, or is truncated or has trailing bytes.</exception>
    public static IdxArray Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);

        Span<byte> magic = stackalloc byte[4];
        int got = ReadFully(stream, magic, name);
        if (got < 4)
        {
            throw new InvalidDataException($"IDX file '{name}' is {got} bytes long; an IDX file starts with a 4-byte magic number.");
        }

        var type = (IdxElementType)magic[2];
        int elementSize = magic[0] == 0 && magic[1] == 0 ? ElementSize(type) : 0;
        if (elementSize == 0 || magic[3] == 0)
        {
            throw new InvalidDataException(
                $"IDX file '{name}' starts with {Convert.ToHexString(magic)}, not an IDX magic number (00 00, a type of 08/09/0B/0C/0D/0E, then a dimension count of at least 1).");
        }

        int rank = magic[3];
        var dimensionBytes = new byte[rank * 4];
        got = ReadFully(stream, dimensionBytes, name);
        if (got < dimensionBytes.Length)
        {
            throw new InvalidDataException($"IDX file '{name}' is truncated: expected {dimensionBytes.Length} bytes of dimension sizes, found {got}.");
        }

        var shape = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(dimensionBytes.AsSpan(d * 4));

            // Checked per dimension (count stays below 2^62) so the product cannot overflow before we notice.
            if (size > int.MaxValue || (count *= size) > Array.MaxLength / elementSize)
            {
                throw new InvalidDataException($"IDX file '{name}' declares dimension {d} of size {size}, more data than one array can hold (corrupt header?).");
            }

            shape[d] = (int)size;
        }

        long expected = count * elementSize;
        var data = new byte[expected];
        got = ReadFully(stream, data, name);
        if (got < data.Length)
        {
            throw new InvalidDataException(
                $"IDX file '{name}' is truncated: shape [{string.Join(", ", shape)}] of {type} needs {expected} data bytes, found {got}.");
        }

        Span<byte> extra = stackalloc byte[1];
        if (ReadFully(stream, extra, name) != 0)
        {
            throw new InvalidDataException($"IDX file '{name}' has bytes after the {expected} data bytes its shape [{string.Join(", ", shape)}] declares.");
        }

        ToMachineOrder(type, data);
        return new IdxArray(type, shape, data);
    }

    /// <summary>Bytes per element of <paramref name="type"/>; 0 for an unknown type.</summary>
    public static int ElementSize(IdxElementType type) => type switch
    {
        IdxElementType.U8 or IdxElementType.I8 => 1,
        IdxElementType.I16 => 2,
        IdxElementType.I32 or IdxElementType.F32 => 4,
        IdxElementType.F64 => 8,
        _ => 0,
    };

    private static void ToMachineOrder(IdxElementType type, Span<byte> data)
    {
        if (!BitConverter.IsLittleEndian)
        {
            return;
        }

        // Reversing the bytes of each element is the same whether it holds an integer or a float.
        switch (ElementSize(type))
        {
            case 2:
                Span<short> shorts = MemoryMarshal.Cast<byte, short>(data);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                Span<int> ints = MemoryMarshal.Cast<byte, int>(data);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                Span<long> longs = MemoryMarshal.Cast<byte, long>(data);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }

    // Stream.Read may return fewer bytes than asked (always so for GZipStream); loop until full or end of stream.
    private static int ReadFully(Stream stream, Span<byte> buffer, string name)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read;
            try
            {
                read = stream.Read(buffer.Slice(total));
            }
            catch (InvalidDataException e)
            {
                // Only the decompressor throws this here, and its message does not say which file is broken.
                throw new InvalidDataException($"IDX file '{name}' is not a valid gzip stream: {e.Message}", e);
            }

            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
