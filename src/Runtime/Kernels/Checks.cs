using System;
using System.ComponentModel;
using System.Globalization;

namespace Generated.Kernels;

/// <summary>Argument checks for generated entry points: wrong sizes fail loudly, naming the size expected.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Checks
{
    /// <summary>Number of samples in a flat input span, or an <see cref="ArgumentException"/> naming the expected size.</summary>
    public static int SampleCount(int length, int featuresPerSample, int maxSamples, string parameterName)
    {
        if (length == 0 || length % featuresPerSample != 0 || length / featuresPerSample > maxSamples)
        {
            string limit = maxSamples == int.MaxValue
                ? "any positive number of samples"
                : string.Create(CultureInfo.InvariantCulture, $"1 to {maxSamples} samples (MaxBatch), i.e. at most {(long)maxSamples * featuresPerSample} floats");
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"'{parameterName}' has {length} floats; expected a multiple of {featuresPerSample} (floats per sample) for {limit}."),
                parameterName);
        }

        return length / featuresPerSample;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public static void Length(int actual, int expected, string parameterName, string description)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{parameterName}' has {actual} elements; expected {expected} ({description})."),
                parameterName);
        }
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> when <paramref name="actual"/> is below <paramref name="minimum"/>: for
    /// spans a kernel reads through pointers, which may be longer than the batch uses but never shorter.
    /// </summary>
    public static void AtLeast(int actual, int minimum, string parameterName, string description)
    {
        if (actual < minimum)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{parameterName}' has {actual} elements; expected at least {minimum} ({description})."),
                parameterName);
        }
    }

    /// <summary>
    /// Batch normalisation in training mode needs two samples at least: one value per feature has no variance
    /// (PyTorch refuses it the same way). Generated code checks before the first layer runs, so a refused batch
    /// changes nothing.
    /// </summary>
    public static void BatchStatisticsSamples(int batch, string parameterName)
    {
        if (batch < 2)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"Batch normalisation in training mode needs more than 1 sample per batch (got {batch}): a single value per feature has no variance. Use a batch of 2 or more, or set Mode = ModelMode.Eval to use the running statistics."),
                parameterName);
        }
    }
}
