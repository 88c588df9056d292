using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Generated.IO;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// A checkpoint PyTorch wrote and what it computed on one batch (Fixtures/NAME_model.safetensors and
/// NAME_expected.safetensors, from the scripts in tests/fixtures/pytorch), and the tolerance we hold our model to.
/// </summary>
internal sealed class TorchFixture
{
    public TorchFixture(string name)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        ModelFile = Path.Combine(directory, name + "_model.safetensors");
        Expected = SafeTensors.Read(Path.Combine(directory, name + "_expected.safetensors")).ToDictionary(e => e.Name, e => e.Data);
    }

    public string ModelFile { get; }

    public Dictionary<string, float[]> Expected { get; }

    public float[] Inputs => Expected["inputs"];

    public int[] Labels => Expected["labels"].Select(label => (int)label).ToArray();

    /// <summary>
    /// Both sides compute in float32, in different orders, so values agree to about 1e-6 relative; the tolerance is
    /// |ours − torch| ≤ 2e-5 + 1e-4·|torch| for every element.
    /// </summary>
    public static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = 2e-5 + (1e-4 * Math.Abs(expected[i]));
            Assert.True(
                Math.Abs(actual[i] - expected[i]) <= tolerance,
                $"{what}[{i}]: ours {actual[i]:R}, PyTorch {expected[i]:R} (tolerance {tolerance:G3})");
        }
    }
}
