using System;

namespace Generated.Training;

/// <summary>Datasets built from other storage than floats.</summary>
public static class Dataset
{
    /// <summary>
    /// Wraps (does not copy) 8-bit features, each of which a model sees as <c>value / divisor</c> (exactly the float
    /// division: 255 gives what <c>FashionMnist.Load</c>, torchvision and NumPy give). The trainer decodes the rows of
    /// each batch as it gathers them, which reads a quarter of the memory that float features need.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="divisor"/> is not a positive finite number.</exception>
    /// <exception cref="ArgumentException">The arrays do not describe a whole number of matching samples.</exception>
    public static Dataset<TTarget> FromBytes<TTarget>(byte[] features, float divisor, TTarget[] targets, int sampleSize, int targetSize = 1)
        where TTarget : unmanaged
    {
        ArgumentNullException.ThrowIfNull(features);
        return new Dataset<TTarget>(null, features, ByteScale.Create(divisor, nameof(divisor)), targets, sampleSize, targetSize);
    }
}
