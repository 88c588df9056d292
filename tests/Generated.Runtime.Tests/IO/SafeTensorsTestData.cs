using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Generated.Runtime.Tests.IO;

/// <summary>Tensors, raw-file builders and a byte-level header check shared by the safetensors tests.</summary>
internal static class SafeTensorsTestData
{
    public static readonly Dictionary<string, string> Metadata = new(StringComparer.Ordinal)
    {
        ["format"] = "pt",
        ["model"] = "FashionMlp",
        ["note"] = "ünïcode + <symbols> & \"quotes\"",
    };

    /// <summary>
    /// Three tensors over one arena, with values a lossy path would change: signed zero, a subnormal, infinities,
    /// the extremes, and a NaN with a payload.
    /// </summary>
    public static ParameterTensor[] MakeTensors(float seed = 0f)
    {
        var storage = new float[12 + 3 + 6 + 1];
        for (int i = 0; i < storage.Length; i++)
        {
            storage[i] = seed + (i * 0.37f) - 3.1f;
        }

        storage[0] = -0f;
        storage[1] = float.Epsilon;
        storage[2] = float.PositiveInfinity;
        storage[3] = float.NegativeInfinity;
        storage[4] = float.MaxValue;
        storage[5] = float.MinValue;
        storage[6] = BitConverter.Int32BitsToSingle(0x7FC0_1234);
        return
        [
            new ParameterTensor("Hidden1.weight", [3, 4], storage, 0),
            new ParameterTensor("Hidden1.bias", [3], storage, 12),
            new ParameterTensor("Logits.weight", [2, 3], storage, 15),
            new ParameterTensor("Logits.bias", [1], storage, 21),
        ];
    }

    /// <summary>Tensors with the same names and shapes as <paramref name="template"/>, all zero.</summary>
    public static ParameterTensor[] ZerosLike(IReadOnlyList<ParameterTensor> template)
    {
        int total = 0;
        foreach (ParameterTensor t in template)
        {
            total += t.Length;
        }

        var storage = new float[total];
        var result = new ParameterTensor[template.Count];
        int offset = 0;
        for (int i = 0; i < template.Count; i++)
        {
            result[i] = new ParameterTensor(template[i].Name, (int[])template[i].Shape.Clone(), storage, offset);
            offset += template[i].Length;
        }

        return result;
    }

    public static uint[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new uint[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToUInt32Bits(values[i]);
        }

        return bits;
    }

    /// <summary>A file with a hand-written header (padded to 8 bytes) followed by <paramref name="data"/>.</summary>
    public static byte[] RawFile(string headerJson, ReadOnlySpan<byte> data)
    {
        byte[] json = Encoding.UTF8.GetBytes(headerJson);
        int padded = (json.Length + 7) & ~7;
        var file = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        json.CopyTo(file, 8);
        file.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        data.CopyTo(file.AsSpan(8 + padded));
        return file;
    }

    /// <summary>Checks the file byte by byte against the format, independently of our reader.</summary>
    public static void AssertLayout(string path, IReadOnlyList<ParameterTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        byte[] file = File.ReadAllBytes(path);
        Assert.True(file.Length >= 8);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0UL, headerLength % 8);
        Assert.True(headerLength <= (ulong)file.Length - 8);

        ReadOnlySpan<byte> header = file.AsSpan(8, (int)headerLength);
        int lastBrace = header.LastIndexOf((byte)'}');
        Assert.True(lastBrace >= 0);
        foreach (byte padding in header.Slice(lastBrace + 1))
        {
            Assert.Equal((byte)' ', padding);
        }

        using JsonDocument document = JsonDocument.Parse(header.Slice(0, lastBrace + 1).ToArray());
        JsonElement root = document.RootElement;
        Assert.Equal(tensors.Count + 1, CountProperties(root));

        JsonElement meta = root.GetProperty("__metadata__");
        Assert.Equal(metadata.Count, CountProperties(meta));
        foreach (KeyValuePair<string, string> entry in metadata)
        {
            Assert.Equal(entry.Value, meta.GetProperty(entry.Key).GetString());
        }

        int dataStart = 8 + (int)headerLength;
        long expectedBegin = 0;
        foreach (ParameterTensor tensor in tensors)
        {
            JsonElement info = root.GetProperty(tensor.Name);
            Assert.Equal("F32", info.GetProperty("dtype").GetString());
            var shape = new List<int>();
            foreach (JsonElement d in info.GetProperty("shape").EnumerateArray())
            {
                shape.Add(d.GetInt32());
            }

            Assert.Equal(tensor.Shape, shape.ToArray());
            JsonElement offsets = info.GetProperty("data_offsets");
            long begin = offsets[0].GetInt64();
            long end = offsets[1].GetInt64();
            Assert.Equal(expectedBegin, begin);
            Assert.Equal(begin + (tensor.Length * 4L), end);

            var stored = new uint[tensor.Length];
            for (int i = 0; i < stored.Length; i++)
            {
                stored[i] = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(dataStart + (int)begin + (i * 4)));
            }

            Assert.Equal(Bits(tensor.Span), stored);
            expectedBegin = end;
        }

        Assert.Equal(dataStart + expectedBegin, file.Length);
    }

    private static int CountProperties(JsonElement element)
    {
        int count = 0;
        foreach (JsonProperty unused in element.EnumerateObject())
        {
            count++;
        }

        return count;
    }
}
