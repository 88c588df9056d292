namespace Generated.Training;

/// <summary>Receives the trainer's progress; implementations decide what, if anything, to show.</summary>
public interface IProgressReporter
{
    /// <summary>Called after every training step. Runs on the hot path: must not allocate on most calls.</summary>
    void OnBatchEnd(in BatchProgress progress);

    /// <summary>Called once an epoch, evaluation included, is complete.</summary>
    void OnEpochEnd(EpochReport report, int epochs);

    /// <summary>Called once when training stops, normally or by an exception, so open output can be closed.</summary>
    void OnTrainingEnd();
}
