using System.Collections.Generic;

namespace Generated;

/// <summary>Describes one layer of a generated model: its name, kind, output shape and parameters.</summary>
public sealed class Layer
{
    /// <summary>Creates a layer description; generated code calls this once per layer at construction.</summary>
    public Layer(string name, string kind, int[] outputShape, IReadOnlyList<ParameterTensor> parameters)
        : this(name, kind, outputShape, parameters, [])
    {
    }

    /// <summary>Creates a layer description that also owns non-trainable state (batch normalisation's running statistics).</summary>
    public Layer(string name, string kind, int[] outputShape, IReadOnlyList<ParameterTensor> parameters, IReadOnlyList<ParameterTensor> buffers)
    {
        Name = name;
        Kind = kind;
        OutputShape = outputShape;
        Parameters = parameters;
        Buffers = buffers;
    }

    /// <summary>The member name the user declared (e.g. <c>Hidden1</c>).</summary>
    public string Name { get; }

    /// <summary>The layer type as shown by <c>Summary()</c> (e.g. <c>Dense</c>).</summary>
    public string Kind { get; }

    /// <summary>Output shape of one sample (no batch dimension).</summary>
    public int[] OutputShape { get; }

    /// <summary>The layer's parameters (weight then bias), empty for parameter-free layers.</summary>
    public IReadOnlyList<ParameterTensor> Parameters { get; }

    /// <summary>The layer's saved but untrained state (e.g. running mean and variance), usually empty.</summary>
    public IReadOnlyList<ParameterTensor> Buffers { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Kind})";
}
