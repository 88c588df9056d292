using System;
using System.Buffers.Binary;
using System.IO;
using Generated.IO;
using Xunit;

namespace Generated.Runtime.Tests.IO;

public class IdxTests
{
    private static readonly byte[] Pixels = [0, 1, 127, 128, 254, 255, 10, 20, 30, 40, 50, 60];

    [Theory]
    [InlineData("images-idx3-ubyte", false)]
    [InlineData("images-idx3-ubyte.gz", true)]
    [InlineData("gzipped-without-extension", true)]
    [InlineData("plain-despite-extension.gz", false)]
    public void Unsigned_bytes_read_back_plain_or_gzipped(string name, bool gzip)
    {
        using var dir = new TempDirectory();
        byte[] file = IdxTestFiles.Build(0x08, [3, 2, 2], Pixels);
        File.WriteAllBytes(dir.File(name), gzip ? IdxTestFiles.Gzip(file) : file);

        IdxArray array = Idx.Read(dir.File(name));

        Assert.Equal(IdxElementType.U8, array.ElementType);
        Assert.Equal([3, 2, 2], array.Shape);
        Assert.Equal(12, array.Count);
        Assert.Equal(Pixels, array.AsBytes().ToArray());
        float[] scaled = array.ToSingles(1f / 255f);
        for (int i = 0; i < Pixels.Length; i++)
        {
            Assert.Equal(Pixels[i] * (1f / 255f), scaled[i]);
        }
    }

    [Fact]
    public void Wider_types_are_converted_from_big_endian()
    {
        using var dir = new TempDirectory();
        var ints = new byte[12];
        BinaryPrimitives.WriteInt32BigEndian(ints, -7);
        BinaryPrimitives.WriteInt32BigEndian(ints.AsSpan(4), 65536);
        BinaryPrimitives.WriteInt32BigEndian(ints.AsSpan(8), int.MaxValue);
        var shorts = new byte[4];
        BinaryPrimitives.WriteInt16BigEndian(shorts, -300);
        BinaryPrimitives.WriteInt16BigEndian(shorts.AsSpan(2), 300);
        var singles = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(singles, 1.25f);
        BinaryPrimitives.WriteSingleBigEndian(singles.AsSpan(4), -3e-8f);
        var doubles = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(doubles, Math.PI);
        File.WriteAllBytes(dir.File("i32"), IdxTestFiles.Build(0x0C, [3], ints));
        File.WriteAllBytes(dir.File("i16"), IdxTestFiles.Build(0x0B, [2], shorts));
        File.WriteAllBytes(dir.File("i8"), IdxTestFiles.Build(0x09, [2], [0xFF, 0x05]));
        File.WriteAllBytes(dir.File("f32"), IdxTestFiles.Gzip(IdxTestFiles.Build(0x0D, [1, 2], singles)));
        File.WriteAllBytes(dir.File("f64"), IdxTestFiles.Build(0x0E, [1], doubles));

        Assert.Equal([-7, 65536, int.MaxValue], Idx.Read(dir.File("i32")).ToInt32s());
        Assert.Equal([-300, 300], Idx.Read(dir.File("i16")).ToInt32s());
        Assert.Equal([-1, 5], Idx.Read(dir.File("i8")).ToInt32s());
        IdxArray f32 = Idx.Read(dir.File("f32"));
        Assert.Equal(IdxElementType.F32, f32.ElementType);
        Assert.Equal([1, 2], f32.Shape);
        Assert.Equal([1.25f, -3e-8f], f32.ToSingles());
        Assert.Equal(Math.PI, Idx.Read(dir.File("f64")).GetDouble(0));
        Assert.Throws<InvalidOperationException>(() => f32.ToInt32s());
        Assert.Throws<InvalidOperationException>(() => f32.AsBytes().Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_names_the_file_and_the_byte_counts(bool gzip)
    {
        using var dir = new TempDirectory();
        string path = dir.File("labels-idx1-ubyte");
        byte[] file = IdxTestFiles.Build(0x08, [10], [1, 2, 3, 4, 5, 6, 7]);
        File.WriteAllBytes(path, gzip ? IdxTestFiles.Gzip(file) : file);

        var error = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs 10 data bytes, found 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_dimension_sizes_are_reported()
    {
        using var dir = new TempDirectory();
        string path = dir.File("short-header");
        File.WriteAllBytes(path, [0, 0, 0x08, 3, 0, 0, 0, 5]);

        var error = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains("expected 12 bytes of dimension sizes, found 4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 1, 0 })] // a zip archive
    [InlineData(new byte[] { 0, 0, 0x07, 1, 0, 0, 0, 1, 0 })] // unknown type
    [InlineData(new byte[] { 0, 0, 0x08, 0 })] // no dimensions
    public void Bad_magic_is_reported(byte[] content)
    {
        using var dir = new TempDirectory();
        string path = dir.File("not-idx");
        File.WriteAllBytes(path, content);

        var error = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not an IDX magic number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_shorter_than_the_magic_and_trailing_bytes_are_reported()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("tiny"), [0, 0]);
        File.WriteAllBytes(dir.File("long"), IdxTestFiles.Build(0x08, [2], [1, 2, 3]));

        Assert.Contains("2 bytes long", Assert.Throws<InvalidDataException>(() => Idx.Read(dir.File("tiny"))).Message, StringComparison.Ordinal);
        Assert.Contains("bytes after the 2 data bytes", Assert.Throws<InvalidDataException>(() => Idx.Read(dir.File("long"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_gzip_stream_names_the_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("corrupt.gz");
        byte[] gzip = IdxTestFiles.Gzip(IdxTestFiles.Build(0x08, [64], new byte[64]));
        for (int i = 10; i < gzip.Length - 8; i++)
        {
            gzip[i] ^= 0x5A;
        }

        File.WriteAllBytes(path, gzip);

        var error = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
