using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Generated.IO;

/// <summary>One tensor read from a safetensors file, converted to float32.</summary>
/// <param name="Name">The tensor's key in the header, e.g. <c>Hidden1.weight</c>.</param>
/// <param name="Dtype">The dtype stored in the file (<c>F32</c>, <c>F64</c>, <c>F16</c> or <c>BF16</c>).</param>
/// <param name="Shape">Dimensions, outermost first.</param>
/// <param name="Data">The values, row-major, converted to float32.</param>
public sealed record SafeTensorEntry(string Name, string Dtype, int[] Shape, float[] Data);

/// <summary>
/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
/// header length, a UTF-8 JSON header padded with spaces to a multiple of 8, then the raw little-endian tensor bytes.
/// The files load directly in PyTorch (<c>safetensors.torch.load_file</c>) and NumPy.
/// </summary>
public static class SafeTensors
{
    /// <summary>The header key under which free-form string metadata is stored.</summary>
    public const string MetadataKey = "__metadata__";

    // The reference implementation refuses headers above 100 MB; a corrupt length must not make us allocate gigabytes.
    private const long MaxHeaderBytes = 100_000_000;

    // Large enough to amortise system calls, small enough to stay off the large-object heap.
    private const int ChunkBytes = 64 * 1024;

    private static readonly JsonWriterOptions HeaderWriterOptions = new()
    {
        // The header is never embedded in HTML, so escaping '+', '<' or non-ASCII names only hurts readability.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes <paramref name="tensors"/> as float32 to <paramref name="path"/>, atomically: the data goes to a temporary
    /// file in the same directory, is flushed to disk, and only then replaces <paramref name="path"/>. A crash or an
    /// error midway therefore never leaves a half-written checkpoint behind.
    /// </summary>
    /// <exception cref="ArgumentException">Two tensors share a name, a name is empty or reserved, or metadata holds a null value.</exception>
    public static void Write(string path, IReadOnlyList<ParameterTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);

        // Everything that can be rejected is rejected before the file system is touched.
        byte[] header = BuildHeader(tensors, metadata);

        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        Directory.CreateDirectory(directory);

        // Same directory as the target, so the final move is a rename within one file system (atomic on POSIX and NTFS).
        string tempPath = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        bool moved = false;
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, ChunkBytes))
            {
                Span<byte> lengthPrefix = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(lengthPrefix, (ulong)header.Length);
                stream.Write(lengthPrefix);
                stream.Write(header);
                for (int i = 0; i < tensors.Count; i++)
                {
                    WriteFloat32LittleEndian(stream, tensors[i].Span);
                }

                // Without this the rename could reach the disk before the data does, and a power cut would leave an
                // intact-looking file full of zeros.
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, fullPath, overwrite: true);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                TryDelete(tempPath);
            }
        }
    }

    /// <summary>Reads every tensor of the file, converted to float32, in the order of their data.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or uses a dtype that cannot become float32.</exception>
    public static IReadOnlyList<SafeTensorEntry> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = OpenRead(path);
        Header header = ReadHeader(stream, path);
        var entries = new List<SafeTensorEntry>(header.Tensors.Count);
        foreach (TensorInfo tensor in header.Tensors)
        {
            if (!IsConvertibleToFloat(tensor.Dtype))
            {
                throw Invalid(path, $"tensor \"{tensor.Name}\" has dtype {tensor.Dtype}; only {ConvertibleDtypes} can be read as float32.");
            }

            var data = new float[tensor.ElementCount];
            ReadTensor(stream, path, header, tensor, data);
            entries.Add(new SafeTensorEntry(tensor.Name, tensor.Dtype, tensor.Shape, data));
        }

        return entries;
    }

    /// <summary>Reads only the header's <c>__metadata__</c> (empty when the file has none).</summary>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = OpenRead(path);
        return ReadHeader(stream, path).Metadata;
    }

    /// <summary>
    /// Loads the file into <paramref name="destination"/> by name. The file must hold exactly the destination's tensors
    /// with identical shapes; every check (and every read) happens before the first value is written, so a failed
    /// load leaves the destination untouched.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed or does not match; the message lists every problem.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> names a tensor twice.</exception>
    public static void ReadInto(string path, IReadOnlyList<ParameterTensor> destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(destination);

        var wanted = new Dictionary<string, ParameterTensor>(destination.Count, StringComparer.Ordinal);
        foreach (ParameterTensor tensor in destination)
        {
            if (!wanted.TryAdd(tensor.Name, tensor))
            {
                throw new ArgumentException($"The destination names tensor \"{tensor.Name}\" twice.", nameof(destination));
            }
        }

        using FileStream stream = OpenRead(path);
        Header header = ReadHeader(stream, path);
        var inFile = new Dictionary<string, TensorInfo>(header.Tensors.Count, StringComparer.Ordinal);
        foreach (TensorInfo info in header.Tensors)
        {
            inFile.Add(info.Name, info);
        }

        // Collect every problem rather than stopping at the first: a user renaming a layer wants the whole list at once.
        var problems = new List<string>();
        foreach (ParameterTensor tensor in destination)
        {
            if (!inFile.TryGetValue(tensor.Name, out TensorInfo? info))
            {
                problems.Add($"missing tensor \"{tensor.Name}\" {FormatShape(tensor.Shape)}");
            }
            else if (!tensor.Shape.AsSpan().SequenceEqual(info.Shape))
            {
                problems.Add($"{tensor.Name}: file has {FormatShape(info.Shape)}, model expects {FormatShape(tensor.Shape)}");
            }
            else if (!IsConvertibleToFloat(info.Dtype))
            {
                problems.Add($"{tensor.Name}: dtype {info.Dtype} cannot be loaded as float32 (supported: {ConvertibleDtypes})");
            }
        }

        foreach (TensorInfo info in header.Tensors)
        {
            if (!wanted.ContainsKey(info.Name))
            {
                problems.Add($"unexpected tensor \"{info.Name}\" {FormatShape(info.Shape)} (the model has no parameter of that name)");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException(
                $"Safetensors file '{path}' does not match the model ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}): {string.Join("; ", problems)}.");
        }

        // Stage everything first: an I/O error halfway (the file replaced under us, a failing disk) must not leave the
        // model half old, half new. The extra copy is one model's worth of memory, briefly.
        var staged = new float[destination.Count][];
        for (int i = 0; i < destination.Count; i++)
        {
            staged[i] = new float[destination[i].Length];
            ReadTensor(stream, path, header, inFile[destination[i].Name], staged[i]);
        }

        for (int i = 0; i < destination.Count; i++)
        {
            staged[i].AsSpan().CopyTo(destination[i].Span);
        }
    }

    private static byte[] BuildHeader(IReadOnlyList<ParameterTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json, HeaderWriterOptions))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                // Sorted, so the same checkpoint always produces the same bytes whatever dictionary type the caller used.
                var keys = new List<string>(metadata.Keys);
                keys.Sort(StringComparer.Ordinal);
                writer.WriteStartObject(MetadataKey);
                foreach (string key in keys)
                {
                    string? value = metadata[key];
                    if (value is null)
                    {
                        throw new ArgumentException($"Metadata entry \"{key}\" is null; safetensors metadata values must be strings.", nameof(metadata));
                    }

                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            for (int i = 0; i < tensors.Count; i++)
            {
                ParameterTensor tensor = tensors[i] ?? throw new ArgumentException($"Tensor {i} is null.", nameof(tensors));
                if (tensor.Name.Length == 0 || tensor.Name == MetadataKey)
                {
                    throw new ArgumentException($"Tensor {i} has the name \"{tensor.Name}\", which safetensors does not allow.", nameof(tensors));
                }

                if (!names.Add(tensor.Name))
                {
                    throw new ArgumentException($"Two tensors are named \"{tensor.Name}\"; safetensors keys must be unique.", nameof(tensors));
                }

                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", "F32");
                writer.WriteStartArray("shape");
                foreach (int dimension in tensor.Shape)
                {
                    writer.WriteNumberValue(dimension);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                offset += (long)tensor.Length * sizeof(float);
                writer.WriteNumberValue(offset);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        // The data section must start 8-byte aligned so readers can map it and view it in place.
        int padded = (json.WrittenCount + 7) & ~7;
        var header = new byte[padded];
        json.WrittenSpan.CopyTo(header);
        header.AsSpan(json.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteFloat32LittleEndian(FileStream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int perChunk = ChunkBytes / sizeof(float);
            for (int start = 0; start < values.Length; start += perChunk)
            {
                int count = Math.Min(perChunk, values.Length - start);
                for (int i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * sizeof(float)), values[start + i]);
                }

                stream.Write(buffer, 0, count * sizeof(float));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes);

    private static Header ReadHeader(FileStream stream, string path)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw Invalid(path, $"the file is {fileLength} bytes long, shorter than the 8-byte header length that starts every safetensors file.");
        }

        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > (ulong)(fileLength - 8))
        {
            throw Invalid(path, $"the header length is {headerLength} bytes but only {fileLength - 8} bytes follow it (truncated, or not a safetensors file).");
        }

        if (headerLength > MaxHeaderBytes)
        {
            throw Invalid(path, $"the header length is {headerLength} bytes, above the {MaxHeaderBytes}-byte limit of the format.");
        }

        var headerBytes = new byte[(int)headerLength];
        stream.ReadExactly(headerBytes);
        long dataStart = 8 + (long)headerLength;
        long dataLength = fileLength - dataStart;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(headerBytes);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Invalid safetensors file '{path}': the header is not valid JSON ({e.Message}).", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"the header is a JSON {document.RootElement.ValueKind}, not an object.");
            }

            var tensors = new List<TensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw Invalid(path, $"the header names \"{property.Name}\" twice.");
                }

                if (property.Name == MetadataKey)
                {
                    ParseMetadata(path, property.Value, metadata);
                }
                else
                {
                    tensors.Add(ParseTensor(path, property, dataLength));
                }
            }

            CheckDataCoverage(path, tensors, dataLength);
            return new Header(tensors, metadata, dataStart);
        }
    }

    private static void ParseMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"\"{MetadataKey}\" is a JSON {value.ValueKind}, not an object of strings.");
        }

        foreach (JsonProperty entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(path, $"metadata entry \"{entry.Name}\" is a JSON {entry.Value.ValueKind}; metadata values must be strings.");
            }

            metadata[entry.Name] = entry.Value.GetString()!;
        }
    }

    private static TensorInfo ParseTensor(string path, JsonProperty property, long dataLength)
    {
        string name = property.Name;
        JsonElement value = property.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"tensor \"{name}\" is described by a JSON {value.ValueKind}, not an object.");
        }

        if (!value.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, $"tensor \"{name}\" has no \"dtype\" string.");
        }

        string dtype = dtypeElement.GetString()!;
        int elementSize = DtypeSize(dtype);
        if (elementSize == 0)
        {
            throw Invalid(path, $"tensor \"{name}\" has unknown dtype \"{dtype}\".");
        }

        if (!value.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, $"tensor \"{name}\" has no \"shape\" array.");
        }

        var shape = new int[shapeElement.GetArrayLength()];
        long elementCount = 1;
        int d = 0;
        foreach (JsonElement dimension in shapeElement.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt32(out int size) || size < 0)
            {
                throw Invalid(path, $"tensor \"{name}\" has shape entry {dimension.GetRawText()}, not a non-negative 32-bit integer.");
            }

            shape[d++] = size;
            elementCount *= size;

            // Checked per dimension so the product cannot wrap around before we notice.
            if (elementCount > Array.MaxLength)
            {
                throw Invalid(path, $"tensor \"{name}\" has shape {FormatShape(shape)}, more elements than one array can hold.");
            }
        }

        if (!value.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2
            || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
        {
            string shown = value.TryGetProperty("data_offsets", out JsonElement raw) ? raw.GetRawText() : "nothing";
            throw Invalid(path, $"tensor \"{name}\" has data_offsets {shown}; expected [begin, end] with 0 <= begin <= end.");
        }

        if (end > dataLength)
        {
            throw Invalid(path, $"tensor \"{name}\" has data_offsets [{begin}, {end}] but the data section holds only {dataLength} bytes (truncated file?).");
        }

        long expectedBytes = elementCount * elementSize;
        if (end - begin != expectedBytes)
        {
            throw Invalid(path, $"tensor \"{name}\" has data_offsets [{begin}, {end}] ({end - begin} bytes) but {dtype} shape {FormatShape(shape)} needs {expectedBytes} bytes.");
        }

        return new TensorInfo(name, dtype, shape, begin, end, (int)elementCount);
    }

    // The format requires tensors to tile the data section exactly; holes, overlaps or trailing bytes mean corruption.
    private static void CheckDataCoverage(string path, List<TensorInfo> tensors, long dataLength)
    {
        tensors.Sort(static (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        foreach (TensorInfo tensor in tensors)
        {
            if (tensor.Begin < expected)
            {
                throw Invalid(path, $"tensor \"{tensor.Name}\" (data_offsets [{tensor.Begin}, {tensor.End}]) overlaps the tensor before it.");
            }

            if (tensor.Begin > expected)
            {
                throw Invalid(path, $"bytes [{expected}, {tensor.Begin}) of the data section belong to no tensor.");
            }

            expected = tensor.End;
        }

        if (expected != dataLength)
        {
            throw Invalid(path, $"the data section holds {dataLength} bytes but the tensors account for only {expected}.");
        }
    }

    private static void ReadTensor(FileStream stream, string path, Header header, TensorInfo tensor, Span<float> destination)
    {
        stream.Seek(header.DataStart + tensor.Begin, SeekOrigin.Begin);
        try
        {
            if (tensor.Dtype == "F32" && BitConverter.IsLittleEndian)
            {
                // Bytes on disk are the in-memory representation: read straight into the floats.
                stream.ReadExactly(MemoryMarshal.AsBytes(destination));
                return;
            }

            int elementSize = DtypeSize(tensor.Dtype);
            int perChunk = ChunkBytes / elementSize;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            try
            {
                for (int start = 0; start < destination.Length; start += perChunk)
                {
                    int count = Math.Min(perChunk, destination.Length - start);
                    Span<byte> bytes = buffer.AsSpan(0, count * elementSize);
                    stream.ReadExactly(bytes);
                    ConvertToFloat(tensor.Dtype, bytes, destination.Slice(start, count));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (OverflowException e)
        {
            throw new InvalidDataException($"Invalid safetensors file '{path}': tensor \"{tensor.Name}\" holds an {e.Message}.", e);
        }
        catch (EndOfStreamException e)
        {
            // Lengths were validated against the file size, so this means the file shrank while we read it.
            throw new InvalidDataException($"Invalid safetensors file '{path}': data of tensor \"{tensor.Name}\" ends early (was the file truncated while reading?).", e);
        }
    }

    private static void ConvertToFloat(string dtype, ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        switch (dtype)
        {
            case "F32":
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * 4));
                }

                break;
            case "F64":
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i * 8));
                }

                break;
            case "F16":
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.Slice(i * 2));
                }

                break;
            case "BF16":
                // bfloat16 is the upper half of a float32, so widening is exact.
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(i * 2)) << 16);
                }

                break;
            case "I64":
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = ExactInteger(BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(i * 8)));
                }

                break;
            case "I32":
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = ExactInteger(BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * 4)));
                }

                break;
            default:
                throw new InvalidOperationException($"dtype {dtype} should have been rejected before reading.");
        }
    }

    // PyTorch stores counters such as BatchNorm's num_batches_tracked as int64. float32 holds every integer up to
    // 2^24 exactly; a larger one would silently change, so it is refused instead.
    private const long LargestExactInteger = 1L << 24;

    private const string ConvertibleDtypes = "F32, F64, F16, BF16, and I64/I32 integers up to 2^24";

    private static float ExactInteger(long value) =>
        Math.Abs(value) <= LargestExactInteger ? value
        : throw new OverflowException($"integer {value}, beyond 2^24, with no exact float32 value");

    private static bool IsConvertibleToFloat(string dtype) => dtype is "F32" or "F64" or "F16" or "BF16" or "I64" or "I32";

    // Every dtype of the format is known, so files holding integer tensors are still validated before being refused.
    private static int DtypeSize(string dtype) => dtype switch
    {
        "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" => 1,
        "I16" or "U16" or "F16" or "BF16" => 2,
        "I32" or "U32" or "F32" => 4,
        "I64" or "U64" or "F64" => 8,
        _ => 0,
    };

    private static string FormatShape(ReadOnlySpan<int> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    private static InvalidDataException Invalid(string path, string problem) =>
        new($"Invalid safetensors file '{path}': {problem}");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error matters more than a leftover temp file.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    private sealed record TensorInfo(string Name, string Dtype, int[] Shape, long Begin, long End, int ElementCount);

    private sealed record Header(List<TensorInfo> Tensors, Dictionary<string, string> Metadata, long DataStart);
}
