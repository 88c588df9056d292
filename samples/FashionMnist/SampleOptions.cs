using System;
using System.Globalization;

namespace FashionMnistSample;

/// <summary>Command-line options of the sample. <c>--model</c> picks the network: <c>mlp</c> (the default) or <c>cnn</c>.</summary>
internal sealed record SampleOptions(int Epochs, int Batch, int Threads, int? Limit, string? Out, string Model = "mlp")
{
    public const string Usage =
        "usage: FashionMnist [--model mlp|cnn] [--epochs E] [--batch B] [--threads N] [--limit SAMPLES] [--out weights.safetensors]";

    /// <summary>Where the weights go: <c>--out</c>, or fashion-mlp.safetensors / fashion-cnn.safetensors.</summary>
    public string OutputPath => Out ?? "fashion-" + Model + ".safetensors";

    public static SampleOptions Parse(string[] args)
    {
        var options = new SampleOptions(10, 128, 0, null, null);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option '{name}' needs a value.");
            }

            string value = args[++i];
            options = name switch
            {
                "--epochs" => options with { Epochs = Positive(name, value) },
                "--batch" => options with { Batch = Positive(name, value) },
                "--threads" => options with { Threads = Positive(name, value) },
                "--limit" => options with { Limit = Positive(name, value) },
                "--out" => options with { Out = value },
                "--model" => options with { Model = value is "mlp" or "cnn" ? value : throw new ArgumentException($"Option '--model' is mlp or cnn, got '{value}'.") },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"Option '{name}' needs a positive integer, got '{value}'.");
}
