using System;
using System.Threading;

namespace Generated.Training;

/// <summary>
/// Samples and their targets in two flat row-major arrays, the layout a model's spans expect, so a
/// contiguous range of samples can be handed to a model without copying. Features are floats, or bytes
/// (<see cref="Dataset.FromBytes"/>: 8-bit images at a quarter of the memory, decoded as each batch is gathered).
/// </summary>
/// <typeparam name="TTarget"><see cref="int"/> class labels or <see cref="float"/> values.</typeparam>
public sealed class Dataset<TTarget>
    where TTarget : unmanaged
{
    /// <summary>
    /// Wraps (does not copy) <paramref name="features"/> and <paramref name="targets"/>; the sample count is
    /// <c>features.Length / sampleSize</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays do not describe a whole number of matching samples.</exception>
    public Dataset(float[] features, TTarget[] targets, int sampleSize, int targetSize = 1)
        : this(features ?? throw new ArgumentNullException(nameof(features)), null, default, targets, sampleSize, targetSize)
    {
    }

    /// <summary>Exactly one of <paramref name="features"/> and <paramref name="bytes"/> is not null.</summary>
    internal Dataset(float[]? features, byte[]? bytes, ByteScale scale, TTarget[] targets, int sampleSize, int targetSize)
    {
        ArgumentNullException.ThrowIfNull(targets);
        int length = features?.Length ?? bytes!.Length;
        string unit = features is null ? "bytes" : "floats";
        if (sampleSize <= 0)
        {
            throw new ArgumentException($"Sample size must be positive, was {sampleSize}.", nameof(sampleSize));
        }

        if (targetSize <= 0)
        {
            throw new ArgumentException($"Target size must be positive, was {targetSize}.", nameof(targetSize));
        }

        if (length % sampleSize != 0)
        {
            throw new ArgumentException(
                $"Features hold {length} {unit}, which is not a multiple of the sample size {sampleSize}.",
                nameof(features));
        }

        int count = length / sampleSize;
        if ((long)count * targetSize != targets.Length)
        {
            throw new ArgumentException(
                $"Features describe {count} samples, which need {(long)count * targetSize} targets " +
                $"({targetSize} per sample), but {targets.Length} were given.",
                nameof(targets));
        }

        _features = features;
        _bytes = bytes;
        _scale = scale;
        Targets = targets;
        Count = count;
        SampleSize = sampleSize;
        TargetSize = targetSize;
    }

    private readonly float[]? _features;
    private readonly byte[]? _bytes;
    private readonly ByteScale _scale;
    private float[]? _decoded;

    /// <summary>
    /// All samples, row-major, <see cref="SampleSize"/> floats each. For a byte dataset the floats are decoded on first
    /// use and kept (four times the memory of the bytes); training and evaluation never ask for them, and read the
    /// bytes, so writing to this copy changes nothing they see.
    /// </summary>
    public float[] Features => _features ?? LazyInitializer.EnsureInitialized(ref _decoded, DecodeAll);

    /// <summary>Whether the features are held as bytes (<see cref="Dataset.FromBytes"/>).</summary>
    public bool HoldsBytes => _bytes is not null;

    /// <summary>Copies samples [<paramref name="start"/>, start + <paramref name="count"/>) as floats into <paramref name="destination"/>.</summary>
    public void CopyFeatures(int start, int count, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)start + count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Samples [{start}, {(long)start + count}) are outside the {Count} samples.");
        }

        int length = count * SampleSize;
        if (destination.Length < length)
        {
            throw new ArgumentException($"{count} samples need {length} floats; the destination holds {destination.Length}.", nameof(destination));
        }

        if (_bytes is null)
        {
            _features.AsSpan(start * SampleSize, length).CopyTo(destination);
            return;
        }

        Decode(_bytes.AsSpan(start * SampleSize, length), destination);
    }

    /// <summary>
    /// Samples [<paramref name="start"/>, start + <paramref name="count"/>) as floats: a slice of the features themselves,
    /// or, for a byte dataset, decoded into <paramref name="scratch"/> (at least count × SampleSize floats).
    /// </summary>
    internal ReadOnlySpan<float> Rows(int start, int count, Span<float> scratch)
    {
        if (_bytes is null)
        {
            return _features.AsSpan(start * SampleSize, count * SampleSize);
        }

        Span<float> decoded = scratch.Slice(0, count * SampleSize);
        CopyFeatures(start, count, decoded);
        return decoded;
    }

    /// <summary>
    /// The features of the samples at <paramref name="rows"/>, in that order, into <paramref name="destination"/>, through the
    /// model's own gather (split over its threads; bytes decoded on the way).
    /// </summary>
    internal void GatherFeatures(IModel model, ReadOnlySpan<int> rows, Span<float> destination)
    {
        if (_bytes is null)
        {
            model.GatherRows(_features, SampleSize, rows, destination);
        }
        else
        {
            model.GatherRows(_bytes, _scale.Divisor, SampleSize, rows, destination);
        }
    }

    /// <summary>
    /// Asks the memory system for the samples at <paramref name="rows"/> (the next shuffled batch) without waiting for them:
    /// they arrive in the calling thread's L2 while the current step computes, and the next <see cref="GatherFeatures"/>
    /// finds them in a cache (another core's gather workers in the shared L3 or that L2) instead of starting with a miss
    /// to memory on every row. Indices outside the set are skipped (a prefetch must not fault, and the gather checks them
    /// when it reads).
    /// </summary>
    internal void Prefetch(ReadOnlySpan<int> rows)
    {
        if (_bytes is null)
        {
            RowGather.Prefetch<float>(_features, SampleSize, rows);
        }
        else
        {
            RowGather.Prefetch<byte>(_bytes, SampleSize, rows);
        }
    }

    private float[] DecodeAll()
    {
        var all = new float[_bytes!.Length];
        Decode(_bytes, all);
        return all;
    }

    private unsafe void Decode(ReadOnlySpan<byte> source, Span<float> destination)
    {
        fixed (byte* from = source)
        fixed (float* to = destination)
        {
            _scale.Decode(from, to, source.Length);
        }
    }

    /// <summary>All targets, row-major, <see cref="TargetSize"/> values each.</summary>
    public TTarget[] Targets { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Values (floats or bytes) per sample.</summary>
    public int SampleSize { get; }

    /// <summary>Targets per sample.</summary>
    public int TargetSize { get; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    /// <remarks>For a byte dataset this is a fresh decoded copy of the one sample (the whole set is never decoded for it).</remarks>
    public ReadOnlySpan<float> FeaturesOf(int index)
    {
        if (_bytes is null)
        {
            return _features.AsSpan(checked(index * SampleSize), SampleSize);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var row = new float[SampleSize];
        CopyFeatures(index, 1, row);
        return row;
    }

    /// <summary>The targets of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<TTarget> TargetsOf(int index) => Targets.AsSpan(checked(index * TargetSize), TargetSize);

    /// <summary>
    /// Splits the samples at random into a training and a validation set (copies). The permutation depends only
    /// on <paramref name="seed"/> and <see cref="Count"/>; each part keeps the original relative order of its rows.
    /// A positive fraction always yields at least one validation sample (when there is any sample).
    /// </summary>
    /// <param name="validationFraction">Share of samples for validation, in [0, 1).</param>
    /// <param name="seed">Seed of the shuffle (stream 0 of <see cref="Rng"/>).</param>
    public (Dataset<TTarget> Train, Dataset<TTarget> Validation) Split(double validationFraction, long seed)
    {
        if (!(validationFraction >= 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(validationFraction), validationFraction, "The validation fraction must lie in [0, 1).");
        }

        int validationCount = (int)Math.Round(Count * validationFraction, MidpointRounding.AwayFromZero);
        if (validationFraction > 0 && Count > 0)
        {
            validationCount = Math.Max(validationCount, 1);
        }

        int[] order = new int[Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new Rng(seed).Shuffle<int>(order);

        // Sorting each part keeps rows in file order, which matters to callers who train without shuffling.
        Span<int> validation = order.AsSpan(0, validationCount);
        Span<int> train = order.AsSpan(validationCount);
        validation.Sort();
        train.Sort();
        return (Subset(train), Subset(validation));
    }

    /// <summary>
    /// Copies the samples at <paramref name="indices"/>, in that order (repeats allowed), into a new set, which holds
    /// bytes when this one does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Count"/>).</exception>
    public Dataset<TTarget> Subset(ReadOnlySpan<int> indices)
    {
        float[]? features = _bytes is null ? new float[checked(indices.Length * SampleSize)] : null;
        byte[]? bytes = _bytes is null ? null : new byte[checked(indices.Length * SampleSize)];
        TTarget[] targets = new TTarget[checked(indices.Length * TargetSize)];
        for (int row = 0; row < indices.Length; row++)
        {
            int index = indices[row];
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), index, $"Index at position {row} is outside the {Count} samples.");
            }

            if (bytes is null)
            {
                FeaturesOf(index).CopyTo(features.AsSpan(row * SampleSize, SampleSize));
            }
            else
            {
                _bytes.AsSpan(index * SampleSize, SampleSize).CopyTo(bytes.AsSpan(row * SampleSize, SampleSize));
            }

            TargetsOf(index).CopyTo(targets.AsSpan(row * TargetSize, TargetSize));
        }

        return new Dataset<TTarget>(features, bytes, _scale, targets, SampleSize, TargetSize);
    }
}
