using System;

namespace Generated;

/// <summary>
/// A named view into a model's parameter arena (weights, biases or their gradients), in PyTorch layout:
/// a dense weight is <c>[out, in]</c> row-major. Writing through <see cref="Span"/> changes the model.
/// </summary>
public sealed class ParameterTensor
{
    private readonly float[] _storage;

    /// <summary>Creates a view of <paramref name="storage"/>[offset, offset + product(shape)).</summary>
    public ParameterTensor(string name, int[] shape, float[] storage, int offset)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(storage);
        long length = 1;
        foreach (int dimension in shape)
        {
            length *= dimension;
        }

        if (offset < 0 || offset + length > storage.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"Tensor '{name}' does not fit its storage.");
        }

        Name = name;
        Shape = shape;
        Length = (int)length;
        Offset = offset;
        _storage = storage;
    }

    /// <summary>The parameter's name, e.g. <c>Hidden1.weight</c>.</summary>
    public string Name { get; }

    /// <summary>Dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>Position of the first element inside the storage array (a generated model's arena starts a few floats in, on a cache line).</summary>
    public int Offset { get; }

    /// <summary>The live values.</summary>
    public Span<float> Span => _storage.AsSpan(Offset, Length);

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{string.Join(", ", Shape)}]";
}
