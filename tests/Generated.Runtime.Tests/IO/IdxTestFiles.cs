using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Generated.Runtime.Tests.IO;

/// <summary>Builds IDX files byte by byte, as the format describes them, for the reader tests.</summary>
internal static class IdxTestFiles
{
    /// <summary>Magic (00 00 type rank), big-endian sizes, then <paramref name="bigEndianData"/> as given.</summary>
    public static byte[] Build(byte type, int[] shape, ReadOnlySpan<byte> bigEndianData)
    {
        var file = new byte[4 + (4 * shape.Length) + bigEndianData.Length];
        file[2] = type;
        file[3] = (byte)shape.Length;
        for (int d = 0; d < shape.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4 + (4 * d)), shape[d]);
        }

        bigEndianData.CopyTo(file.AsSpan(4 + (4 * shape.Length)));
        return file;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }
}
