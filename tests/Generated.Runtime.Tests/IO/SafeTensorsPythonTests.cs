using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using Generated.IO;
using Xunit;

namespace Generated.Runtime.Tests.IO;

/// <summary>Checks that a reader we did not write (Python's json module plus NumPy) understands our files.</summary>
public class SafeTensorsPythonTests
{
    // Parses the header with json and the data with np.frombuffer, and prints every value's float32 bits so the
    // comparison is exact (NaN payloads and -0 included). Without NumPy it falls back to struct, which still checks
    // the layout with an independent reader.
    private const string Script = """
        import json, struct, sys
        path = sys.argv[1]
        with open(path, "rb") as f:
            raw = f.read()
        (n,) = struct.unpack("<Q", raw[:8])
        header = json.loads(raw[8:8 + n].decode("utf-8"))
        data = raw[8 + n:]
        try:
            import numpy as np
            reader = "numpy"
        except ImportError:
            np = None
            reader = "struct"
        out = {"reader": reader, "metadata": header.pop("__metadata__", {}), "tensors": {}}
        for name, info in header.items():
            assert info["dtype"] == "F32", info
            begin, end = info["data_offsets"]
            if np is not None:
                values = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=begin).reshape(info["shape"])
                bits = values.view("<u4").ravel().tolist()
                shape = list(values.shape)
            else:
                bits = list(struct.unpack("<%dI" % ((end - begin) // 4), data[begin:end]))
                shape = info["shape"]
            out["tensors"][name] = {"shape": shape, "bits": bits}
        print(json.dumps(out))
        """;

    [Fact]
    public void Python_reads_back_the_same_values()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.safetensors");
        ParameterTensor[] tensors = SafeTensorsTestData.MakeTensors();
        SafeTensors.Write(path, tensors, SafeTensorsTestData.Metadata);

        // Our own byte-level check runs whether or not Python is installed.
        SafeTensorsTestData.AssertLayout(path, tensors, SafeTensorsTestData.Metadata);

        string scriptPath = dir.File("read.py");
        File.WriteAllText(scriptPath, Script);
        string? output = RunPython(scriptPath, path);
        if (output is null)
        {
            return; // No python3 on this machine; the layout check above is all we can do.
        }

        using JsonDocument document = JsonDocument.Parse(output);
        JsonElement root = document.RootElement;
        foreach (KeyValuePair<string, string> entry in SafeTensorsTestData.Metadata)
        {
            Assert.Equal(entry.Value, root.GetProperty("metadata").GetProperty(entry.Key).GetString());
        }

        JsonElement read = root.GetProperty("tensors");
        foreach (ParameterTensor tensor in tensors)
        {
            JsonElement info = read.GetProperty(tensor.Name);
            var shape = new List<int>();
            foreach (JsonElement d in info.GetProperty("shape").EnumerateArray())
            {
                shape.Add(d.GetInt32());
            }

            var bits = new List<uint>();
            foreach (JsonElement b in info.GetProperty("bits").EnumerateArray())
            {
                bits.Add(b.GetUInt32());
            }

            Assert.Equal(tensor.Shape, shape.ToArray());
            Assert.Equal(SafeTensorsTestData.Bits(tensor.Span), bits.ToArray());
        }
    }

    /// <summary>Runs the script and returns its standard output, or null when python3 cannot be started.</summary>
    private static string? RunPython(string scriptPath, string argument)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(scriptPath);
        start.ArgumentList.Add(argument);
        try
        {
            using Process process = Process.Start(start)!;
            System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"python3 failed ({process.ExitCode}): {stderr.Result}");
            return stdout;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
