using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Generated.IO;
using Xunit;

namespace Generated.Runtime.Tests.IO;

public class SafeTensorsTests
{
    [Fact]
    public void Round_trip_keeps_names_shapes_bits_and_metadata()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.safetensors");
        ParameterTensor[] tensors = SafeTensorsTestData.MakeTensors();

        SafeTensors.Write(path, tensors, SafeTensorsTestData.Metadata);

        IReadOnlyList<SafeTensorEntry> entries = SafeTensors.Read(path);
        Assert.Equal(tensors.Length, entries.Count);
        for (int i = 0; i < tensors.Length; i++)
        {
            Assert.Equal(tensors[i].Name, entries[i].Name);
            Assert.Equal("F32", entries[i].Dtype);
            Assert.Equal(tensors[i].Shape, entries[i].Shape);
            Assert.Equal(SafeTensorsTestData.Bits(tensors[i].Span), SafeTensorsTestData.Bits(entries[i].Data));
        }

        Assert.Equal(SafeTensorsTestData.Metadata, SafeTensors.ReadMetadata(path));

        ParameterTensor[] loaded = SafeTensorsTestData.ZerosLike(tensors);
        SafeTensors.ReadInto(path, loaded);
        for (int i = 0; i < tensors.Length; i++)
        {
            Assert.Equal(SafeTensorsTestData.Bits(tensors[i].Span), SafeTensorsTestData.Bits(loaded[i].Span));
        }
    }

    [Fact]
    public void Header_layout_follows_the_format()
    {
        using var dir = new TempDirectory();
        string path = dir.File("layout.safetensors");
        ParameterTensor[] tensors = SafeTensorsTestData.MakeTensors();

        SafeTensors.Write(path, tensors, SafeTensorsTestData.Metadata);

        SafeTensorsTestData.AssertLayout(path, tensors, SafeTensorsTestData.Metadata);
    }

    [Fact]
    public void Same_input_gives_identical_bytes()
    {
        using var dir = new TempDirectory();
        ParameterTensor[] tensors = SafeTensorsTestData.MakeTensors();
        var reversed = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new List<string>(SafeTensorsTestData.Metadata.Keys);
        keys.Reverse();
        foreach (string key in keys)
        {
            reversed[key] = SafeTensorsTestData.Metadata[key];
        }

        SafeTensors.Write(dir.File("a.safetensors"), tensors, SafeTensorsTestData.Metadata);
        SafeTensors.Write(dir.File("b.safetensors"), tensors, reversed);

        Assert.Equal(File.ReadAllBytes(dir.File("a.safetensors")), File.ReadAllBytes(dir.File("b.safetensors")));
    }

    [Fact]
    public void Writing_replaces_an_existing_file_and_leaves_no_temp_files()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.safetensors");
        File.WriteAllText(path, "an older, unrelated file");
        ParameterTensor[] first = SafeTensorsTestData.MakeTensors(seed: 1f);
        ParameterTensor[] second = SafeTensorsTestData.MakeTensors(seed: 2f);

        SafeTensors.Write(path, first);
        SafeTensors.Write(path, second);

        IReadOnlyList<SafeTensorEntry> entries = SafeTensors.Read(path);
        Assert.Equal(SafeTensorsTestData.Bits(second[0].Span), SafeTensorsTestData.Bits(entries[0].Data));
        Assert.Empty(SafeTensors.ReadMetadata(path));
        Assert.Equal(["model.safetensors"], dir.Entries());
    }

    [Fact]
    public void Duplicate_names_are_rejected_and_the_old_file_survives()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.safetensors");
        SafeTensors.Write(path, SafeTensorsTestData.MakeTensors());
        byte[] before = File.ReadAllBytes(path);
        var storage = new float[4];
        ParameterTensor[] duplicated = [new("w", [2], storage, 0), new("w", [2], storage, 2)];

        var error = Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, duplicated));

        Assert.Contains("\"w\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], dir.Entries());
    }

    [Fact]
    public void A_failure_after_the_temp_file_was_written_deletes_it()
    {
        using var dir = new TempDirectory();

        // A directory cannot be replaced by a file, so the final move fails after all data went to the temp file.
        string path = dir.File("occupied");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => SafeTensors.Write(path, SafeTensorsTestData.MakeTensors()));

        Assert.Equal(["occupied"], dir.Entries());
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Fact]
    public void Reserved_and_null_metadata_are_rejected_before_touching_the_disk()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.safetensors");
        var storage = new float[2];

        Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [new ParameterTensor("__metadata__", [2], storage, 0)]));
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(
            path, [new ParameterTensor("w", [2], storage, 0)], new Dictionary<string, string> { ["k"] = null! }));

        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void Truncated_data_is_reported_and_leaves_the_destination_untouched()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.safetensors");
        ParameterTensor[] tensors = SafeTensorsTestData.MakeTensors();
        SafeTensors.Write(path, tensors);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 3).ToArray());
        ParameterTensor[] destination = SafeTensorsTestData.MakeTensors(seed: 5f);
        uint[] before = SafeTensorsTestData.Bits(destination[0].Span);

        var readError = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        var loadError = Assert.Throws<InvalidDataException>(() => SafeTensors.ReadInto(path, destination));

        foreach (InvalidDataException error in new[] { readError, loadError })
        {
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("Logits.bias", error.Message, StringComparison.Ordinal);
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, SafeTensorsTestData.Bits(destination[0].Span));
    }

    [Fact]
    public void A_file_shorter_than_the_length_prefix_is_reported()
    {
        using var dir = new TempDirectory();
        string path = dir.File("tiny.safetensors");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("5 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_length_beyond_the_file_is_reported()
    {
        using var dir = new TempDirectory();
        string path = dir.File("long-header.safetensors");
        var bytes = new byte[8 + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1_000_000);
        Encoding.ASCII.GetBytes("{}      ").CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("1000000", error.Message, StringComparison.Ordinal);
        Assert.Contains("only 8 bytes follow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_reported()
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad-json.safetensors");
        File.WriteAllBytes(path, SafeTensorsTestData.RawFile("{\"a\": {\"dtype\": ", []));

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", 4, "needs 8 bytes")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 8, "account for only 4")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "bytes [0, 4) of the data section belong to no tensor")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 4, "overlaps")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}""", 4, "0 <= begin <= end")]
    [InlineData("""{"a":{"dtype":"Q4","shape":[1],"data_offsets":[0,4]}}""", 4, "unknown dtype \"Q4\"")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4, "not a non-negative")]
    [InlineData("""{"a":{"shape":[1],"data_offsets":[0,4]}}""", 4, "no \"dtype\"")]
    [InlineData("""{"__metadata__":{"k":1}}""", 0, "metadata values must be strings")]
    [InlineData("""[1,2]""", 0, "not an object")]
    public void Inconsistent_headers_are_reported(string header, int dataBytes, string expected)
    {
        using var dir = new TempDirectory();
        string path = dir.File("inconsistent.safetensors");
        File.WriteAllBytes(path, SafeTensorsTestData.RawFile(header, new byte[dataBytes]));

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_mismatch_is_reported_and_leaves_the_destination_untouched()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.safetensors");
        SafeTensors.Write(path, SafeTensorsTestData.MakeTensors());
        var storage = new float[16 + 3 + 6 + 1];
        storage.AsSpan().Fill(42f);
        ParameterTensor[] destination =
        [
            new("Hidden1.weight", [4, 4], storage, 0),
            new("Hidden1.bias", [3], storage, 16),
            new("Logits.weight", [2, 3], storage, 19),
            new("Logits.bias", [1], storage, 25),
        ];

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.ReadInto(path, destination));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Hidden1.weight: file has [3, 4], model expects [4, 4]", error.Message, StringComparison.Ordinal);

        // The tensors whose shapes matched were not loaded either: a failed load changes nothing.
        Assert.All(storage, value => Assert.Equal(42f, value));
    }

    [Fact]
    public void Missing_and_unexpected_tensors_are_all_named()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.safetensors");
        SafeTensors.Write(path, SafeTensorsTestData.MakeTensors());
        var storage = new float[12 + 3 + 5];
        storage.AsSpan().Fill(7f);
        ParameterTensor[] destination =
        [
            new("Hidden1.weight", [3, 4], storage, 0),
            new("Hidden1.bias", [3], storage, 12),
            new("Hidden2.bias", [5], storage, 15),
        ];

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.ReadInto(path, destination));

        Assert.Contains("missing tensor \"Hidden2.bias\" [5]", error.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected tensor \"Logits.weight\" [2, 3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected tensor \"Logits.bias\" [1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 problems", error.Message, StringComparison.Ordinal);
        Assert.All(storage, value => Assert.Equal(7f, value));
    }

    [Fact]
    public void Wider_and_narrower_float_dtypes_are_converted()
    {
        using var dir = new TempDirectory();
        string path = dir.File("mixed.safetensors");
        var data = new byte[16 + 4 + 4];
        BinaryPrimitives.WriteDoubleLittleEndian(data, 0.1);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8), -2.5);
        BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(16), (Half)1.5f);
        BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(18), (Half)(-0.25f));
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(20), 0x3FC0); // bfloat16 1.5
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(22), 0xC2F7); // bfloat16 -123.5
        string header = """
            {"d":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},
             "h":{"dtype":"F16","shape":[2],"data_offsets":[16,20]},
             "b":{"dtype":"BF16","shape":[2],"data_offsets":[20,24]}}
            """;
        File.WriteAllBytes(path, SafeTensorsTestData.RawFile(header, data));

        IReadOnlyList<SafeTensorEntry> entries = SafeTensors.Read(path);

        Assert.Equal(["d", "h", "b"], [entries[0].Name, entries[1].Name, entries[2].Name]);
        Assert.Equal(["F64", "F16", "BF16"], [entries[0].Dtype, entries[1].Dtype, entries[2].Dtype]);
        Assert.Equal([0.1f, -2.5f], entries[0].Data);
        Assert.Equal([1.5f, -0.25f], entries[1].Data);
        Assert.Equal([1.5f, -123.5f], entries[2].Data);
    }

    [Fact]
    public void Small_integers_load_exactly_like_pytorch_counters()
    {
        using var dir = new TempDirectory();
        string path = dir.File("ints.safetensors");
        byte[] data = new byte[12];
        BitConverter.TryWriteBytes(data.AsSpan(0, 8), 16_777_216L); // 2^24, the largest exactly representable
        BitConverter.TryWriteBytes(data.AsSpan(8, 4), -7);
        File.WriteAllBytes(path, SafeTensorsTestData.RawFile(
            """{"steps":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"offset":{"dtype":"I32","shape":[1],"data_offsets":[8,12]}}""", data));
        var steps = new float[1];
        var offset = new float[1];

        SafeTensors.ReadInto(path, [new ParameterTensor("steps", [1], steps, 0), new ParameterTensor("offset", [1], offset, 0)]);

        Assert.Equal(16_777_216f, steps[0]);
        Assert.Equal(-7f, offset[0]);
    }

    [Fact]
    public void Integers_beyond_float_precision_and_other_integer_dtypes_are_refused_by_name()
    {
        using var dir = new TempDirectory();
        string large = dir.File("large.safetensors");
        byte[] data = new byte[8];
        BitConverter.TryWriteBytes(data, 16_777_217L);
        File.WriteAllBytes(large, SafeTensorsTestData.RawFile("""{"steps":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}""", data));
        string bytes = dir.File("bytes.safetensors");
        File.WriteAllBytes(bytes, SafeTensorsTestData.RawFile("""{"mask":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}""", new byte[1]));
        var storage = new float[1];

        var largeError = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(large));
        var readError = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(bytes));
        var loadError = Assert.Throws<InvalidDataException>(() => SafeTensors.ReadInto(bytes, [new ParameterTensor("mask", [1], storage, 0)]));

        Assert.Contains("\"steps\" holds an integer 16777217", largeError.Message, StringComparison.Ordinal);
        Assert.Contains("\"mask\" has dtype U8", readError.Message, StringComparison.Ordinal);
        Assert.Contains("mask: dtype U8 cannot be loaded", loadError.Message, StringComparison.Ordinal);
        Assert.Equal(0f, storage[0]);
    }

    [Fact]
    public void Empty_and_scalar_tensors_round_trip()
    {
        using var dir = new TempDirectory();
        string path = dir.File("edge.safetensors");
        float[] storage = [3.5f];
        ParameterTensor[] tensors = [new("empty", [0, 5], storage, 0), new("scalar", [], storage, 0)];

        SafeTensors.Write(path, tensors);
        IReadOnlyList<SafeTensorEntry> entries = SafeTensors.Read(path);

        Assert.Equal([0, 5], entries[0].Shape);
        Assert.Empty(entries[0].Data);
        Assert.Empty(entries[1].Shape);
        Assert.Equal([3.5f], entries[1].Data);
    }
}
