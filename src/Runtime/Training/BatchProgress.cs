using System;

namespace Generated.Training;

/// <summary>Where training stands after a step; a value type so reporting it allocates nothing.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Batch">1-based number of the step just finished within the epoch.</param>
/// <param name="Batches">Steps per epoch.</param>
/// <param name="SamplesSeen">Training samples processed so far in this epoch.</param>
/// <param name="SamplesPerEpoch">Training samples per epoch.</param>
/// <param name="MeanLoss">Mean loss of this epoch's steps so far, weighted by batch size.</param>
/// <param name="Elapsed">Time since the epoch started.</param>
public readonly record struct BatchProgress(
    int Epoch,
    int Epochs,
    int Batch,
    int Batches,
    int SamplesSeen,
    int SamplesPerEpoch,
    double MeanLoss,
    TimeSpan Elapsed);
