using System;
using System.Globalization;
using System.IO;

namespace Generated.Training;

/// <summary>How <see cref="Trainer{TTarget}"/> runs a fit.</summary>
public sealed record TrainerOptions
{
    /// <summary>Passes over the training set; at least 1.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per training step; at least 1 and at most the model's <see cref="IModel.MaxBatch"/>.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seed of the per-epoch shuffles and of the automatic validation split.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// Share of the training set held out for validation, in [0, 1); 0 means none. Used only when
    /// <see cref="Trainer{TTarget}.Fit"/> is given no explicit validation set.
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>Whether each epoch visits the samples in a fresh random order; false keeps dataset order.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Also measures training-set accuracy after each epoch with an extra eval-mode pass over the training set
    /// (costs roughly one forward pass per epoch); off by default, leaving <see cref="EpochReport.TrainAccuracy"/> null.
    /// </summary>
    public bool EvaluateTrainAccuracy { get; init; }

    /// <summary>Where progress goes; null writes nothing.</summary>
    public TextWriter? Output { get; init; } = Console.Out;

    /// <summary>The style of progress output.</summary>
    public ProgressMode Progress { get; init; } = ProgressMode.Auto;

    /// <summary>
    /// The learning rate of each epoch (called with the 1-based epoch number before it starts and set on the model);
    /// null leaves the model's rate alone. See <see cref="LearningRateSchedules"/>.
    /// </summary>
    public Func<int, double>? LearningRateSchedule { get; init; }

    /// <summary>Random changes applied to every training sample as its batch is gathered (shuffled fits only); null: none.</summary>
    public ImageAugmentation? Augmentation { get; init; }

    /// <summary>Throws when a value is out of range, naming it.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentException($"Epochs must be at least 1, was {Epochs}.", nameof(Epochs));
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"BatchSize must be at least 1, was {BatchSize}.", nameof(BatchSize));
        }

        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentException(
                $"ValidationFraction must lie in [0, 1), was {ValidationFraction.ToString(CultureInfo.InvariantCulture)}.",
                nameof(ValidationFraction));
        }

        if (!Enum.IsDefined(Progress))
        {
            throw new ArgumentException($"Unknown progress mode {(int)Progress}.", nameof(Progress));
        }
    }
}
