using System;

namespace Generated.Training;

/// <summary>
/// Samples and their targets in two flat row-major arrays, the layout a model's spans expect, so a
/// contiguous range of samples can be handed to a model without copying.
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
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (sampleSize <= 0)
        {
            throw new ArgumentException($"Sample size must be positive, was {sampleSize}.", nameof(sampleSize));
        }

        if (targetSize <= 0)
        {
            throw new ArgumentException($"Target size must be positive, was {targetSize}.", nameof(targetSize));
        }

        if (features.Length % sampleSize != 0)
        {
            throw new ArgumentException(
                $"Features hold {features.Length} floats, which is not a multiple of the sample size {sampleSize}.",
                nameof(features));
        }

        int count = features.Length / sampleSize;
        if ((long)count * targetSize != targets.Length)
        {
            throw new ArgumentException(
                $"Features describe {count} samples, which need {(long)count * targetSize} targets " +
                $"({targetSize} per sample), but {targets.Length} were given.",
                nameof(targets));
        }

        Features = features;
        Targets = targets;
        Count = count;
        SampleSize = sampleSize;
        TargetSize = targetSize;
    }

    /// <summary>All samples, row-major, <see cref="SampleSize"/> floats each.</summary>
    public float[] Features { get; }

    /// <summary>All targets, row-major, <see cref="TargetSize"/> values each.</summary>
    public TTarget[] Targets { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Floats per sample.</summary>
    public int SampleSize { get; }

    /// <summary>Targets per sample.</summary>
    public int TargetSize { get; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> FeaturesOf(int index) => Features.AsSpan(checked(index * SampleSize), SampleSize);

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

    /// <summary>Copies the samples at <paramref name="indices"/>, in that order (repeats allowed), into a new set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Count"/>).</exception>
    public Dataset<TTarget> Subset(ReadOnlySpan<int> indices)
    {
        float[] features = new float[checked(indices.Length * SampleSize)];
        TTarget[] targets = new TTarget[checked(indices.Length * TargetSize)];
        for (int row = 0; row < indices.Length; row++)
        {
            int index = indices[row];
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), index, $"Index at position {row} is outside the {Count} samples.");
            }

            FeaturesOf(index).CopyTo(features.AsSpan(row * SampleSize, SampleSize));
            TargetsOf(index).CopyTo(targets.AsSpan(row * TargetSize, TargetSize));
        }

        return new Dataset<TTarget>(features, targets, SampleSize, TargetSize);
    }
}
