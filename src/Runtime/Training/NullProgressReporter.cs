namespace Generated.Training;

/// <summary>Reports nothing (<see cref="ProgressMode.None"/>).</summary>
public sealed class NullProgressReporter : IProgressReporter
{
    /// <summary>The shared instance; it has no state.</summary>
    public static NullProgressReporter Instance { get; } = new();

    private NullProgressReporter()
    {
    }

    /// <inheritdoc />
    public void OnBatchEnd(in BatchProgress progress)
    {
    }

    /// <inheritdoc />
    public void OnEpochEnd(EpochReport report, int epochs)
    {
    }

    /// <inheritdoc />
    public void OnTrainingEnd()
    {
    }
}
