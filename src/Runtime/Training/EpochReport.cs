using System;

namespace Generated.Training;

/// <summary>What one epoch of <see cref="Trainer{TTarget}.Fit"/> achieved.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean of the training steps' losses weighted by batch size (train mode, parameters moving).</param>
/// <param name="TrainAccuracy">Eval-mode training accuracy, only with <see cref="TrainerOptions.EvaluateTrainAccuracy"/> and a classification model.</param>
/// <param name="ValidationLoss">Eval-mode validation loss; null without a validation set.</param>
/// <param name="ValidationAccuracy">Eval-mode validation accuracy; null without a validation set or for regression.</param>
/// <param name="Duration">Wall time of the whole epoch, evaluation included.</param>
/// <param name="SamplesPerSecond">Training samples per second of the training phase alone.</param>
public sealed record EpochReport(
    int Epoch,
    double TrainLoss,
    double? TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    TimeSpan Duration,
    double SamplesPerSecond);
