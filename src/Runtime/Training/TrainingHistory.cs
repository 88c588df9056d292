using System.Collections;
using System.Collections.Generic;

namespace Generated.Training;

/// <summary>The epochs of one <see cref="Trainer{TTarget}.Fit"/>, in order.</summary>
public sealed class TrainingHistory : IReadOnlyList<EpochReport>
{
    private readonly List<EpochReport> _epochs = [];

    /// <summary>Number of epochs run.</summary>
    public int Count => _epochs.Count;

    /// <summary>The report of the epoch at 0-based <paramref name="index"/>.</summary>
    public EpochReport this[int index] => _epochs[index];

    /// <summary>The last epoch's report, or null before any epoch finished.</summary>
    public EpochReport? Last => _epochs.Count == 0 ? null : _epochs[^1];

    /// <inheritdoc />
    public IEnumerator<EpochReport> GetEnumerator() => _epochs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(EpochReport report) => _epochs.Add(report);
}
