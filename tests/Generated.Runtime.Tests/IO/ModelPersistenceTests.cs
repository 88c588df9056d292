using System;
using System.Collections.Generic;
using System.IO;
using Generated.IO;
using Xunit;

namespace Generated.Runtime.Tests.IO;

public class ModelPersistenceTests
{
    [Fact]
    public void Save_then_load_restores_every_parameter_and_records_the_model()
    {
        using var dir = new TempDirectory();
        string path = dir.File("checkpoints", "mlp.safetensors");
        using var trained = new ParameterOnlyModel("FashionMlp", hidden: 4, seed: 1f);
        using var fresh = new ParameterOnlyModel("FashionMlp", hidden: 4, seed: 0f);

        trained.Save(path);
        fresh.Load(path);

        for (int i = 0; i < trained.Parameters.Count; i++)
        {
            Assert.Equal(trained.Parameters[i].Span.ToArray(), fresh.Parameters[i].Span.ToArray());
        }

        IReadOnlyDictionary<string, string> metadata = SafeTensors.ReadMetadata(path);
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal("FashionMlp", metadata["model"]);
    }

    [Fact]
    public void Loading_a_checkpoint_of_another_architecture_changes_nothing()
    {
        using var dir = new TempDirectory();
        string path = dir.File("mlp.safetensors");
        using var wide = new ParameterOnlyModel("FashionMlp", hidden: 6, seed: 1f);
        using var narrow = new ParameterOnlyModel("FashionMlp", hidden: 4, seed: 2f);
        wide.Save(path);
        float[] before = narrow.Parameters[0].Span.ToArray();

        var error = Assert.Throws<InvalidDataException>(() => narrow.Load(path));

        Assert.Contains("Hidden1.weight: file has [6, 3], model expects [4, 3]", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, narrow.Parameters[0].Span.ToArray());
    }

    /// <summary>Just enough of a model to own parameters: a 3 → hidden → 2 perceptron that is never run.</summary>
    private sealed class ParameterOnlyModel : IModel
    {
        public ParameterOnlyModel(string name, int hidden, float seed)
        {
            Name = name;
            var storage = new float[(hidden * 3) + hidden + (2 * hidden) + 2];
            for (int i = 0; i < storage.Length; i++)
            {
                storage[i] = seed * (i + 1) * 0.25f;
            }

            Parameters =
            [
                new ParameterTensor("Hidden1.weight", [hidden, 3], storage, 0),
                new ParameterTensor("Hidden1.bias", [hidden], storage, hidden * 3),
                new ParameterTensor("Logits.weight", [2, hidden], storage, hidden * 4),
                new ParameterTensor("Logits.bias", [2], storage, hidden * 6),
            ];
        }

        public string Name { get; }

        public int InputSize => 3;

        public int OutputSize => 2;

        public int MaxBatch => 1;

        public long ParameterCount => 0;

        public ModelMode Mode { get; set; }

        public double LearningRate { get; set; }

        public IReadOnlyList<Layer> Layers => [];

        public IReadOnlyList<ParameterTensor> Parameters { get; }

        public IReadOnlyList<ParameterTensor> Gradients => [];

        public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();

        public void ReseedDropout(long seed)
        {
        }

        public string Summary() => Name;

        public void Dispose()
        {
        }
    }
}
