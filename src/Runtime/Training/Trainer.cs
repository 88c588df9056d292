using System;
using System.Diagnostics;
using Generated.Kernels;

namespace Generated.Training;

/// <summary>
/// Mini-batch training of a generated model: seeded per-epoch shuffles, an eval pass over the validation set after
/// each epoch, and progress reporting. Buffers are allocated once per <see cref="Fit"/>, so the steps themselves
/// allocate nothing and a model's zero-allocation training step stays zero-allocation in the loop.
/// </summary>
/// <typeparam name="TTarget"><see cref="int"/> class labels or <see cref="float"/> values.</typeparam>
public sealed class Trainer<TTarget>
    where TTarget : unmanaged
{
    private readonly IProgressReporter? _reporter;

    /// <summary>A trainer with <paramref name="options"/> (defaults when null) reporting as they ask.</summary>
    public Trainer(TrainerOptions? options = null)
    {
        Options = options ?? new TrainerOptions();
        Options.Validate();
    }

    /// <summary>A trainer that reports to <paramref name="reporter"/>, ignoring <see cref="TrainerOptions.Progress"/>.</summary>
    public Trainer(TrainerOptions options, IProgressReporter reporter)
        : this(options)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        _reporter = reporter;
    }

    /// <summary>The settings every fit uses.</summary>
    public TrainerOptions Options { get; }

    /// <summary>
    /// Trains <paramref name="model"/> for <see cref="TrainerOptions.Epochs"/> epochs. Without
    /// <paramref name="validation"/>, <see cref="TrainerOptions.ValidationFraction"/> of <paramref name="train"/> is
    /// held out (seeded by <see cref="TrainerOptions.Seed"/>). Epoch <c>e</c> (1-based) is shuffled by
    /// <c>new Rng(Seed, stream: e)</c>, so a run is reproducible and any epoch's order can be recomputed alone.
    /// The model is left in <see cref="ModelMode.Eval"/>, also when training fails.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes do not match the model, a set is empty, or the batch exceeds MaxBatch.</exception>
    /// <exception cref="TrainingDivergedException">A step returned a NaN or infinite loss.</exception>
    public TrainingHistory Fit(ISupervisedModel<TTarget> model, Dataset<TTarget> train, Dataset<TTarget>? validation = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        TrainerOptions options = Options;
        int batchSize = options.BatchSize;
        if (batchSize > model.MaxBatch)
        {
            throw new ArgumentException(
                $"BatchSize {batchSize} exceeds MaxBatch {model.MaxBatch} of model '{model.Name}'; " +
                "lower TrainerOptions.BatchSize or construct the model with a larger MaxBatch.",
                nameof(model));
        }

        CheckShape(model, train, nameof(train));
        TargetCheck.Check(model, train, nameof(train));
        if (validation is not null)
        {
            CheckShape(model, validation, nameof(validation));
            TargetCheck.Check(model, validation, nameof(validation));
            CheckNotEmpty(validation, nameof(validation));
        }
        else if (options.ValidationFraction > 0)
        {
            (train, validation) = train.Split(options.ValidationFraction, options.Seed);
        }

        CheckNotEmpty(train, nameof(train));
        if (NeedsTwoSamplesPerBatch(model) && (batchSize < 2 || train.Count < 2))
        {
            throw new ArgumentException(
                $"Model '{model.Name}' has batch normalisation, which cannot train on one sample (its batch variance is 0); " +
                $"use a BatchSize of at least 2 and at least 2 training samples (BatchSize {batchSize}, {train.Count} samples).",
                nameof(model));
        }

        return Run(model, train, validation);
    }

    /// <summary>Loss and accuracy (null for regression) of <paramref name="model"/> on <paramref name="data"/> in eval mode; the model's mode is restored afterwards.</summary>
    public (double Loss, double? Accuracy) Evaluate(ISupervisedModel<TTarget> model, Dataset<TTarget> data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        CheckShape(model, data, nameof(data));
        TargetCheck.Check(model, data, nameof(data));
        CheckNotEmpty(data, nameof(data));
        ModelMode previous = model.Mode;
        model.Mode = ModelMode.Eval;
        try
        {
            return Evaluation.Run(model, data, AllocateOutputs(model), AllocateDecoded(model, data, null), computeLoss: true);
        }
        finally
        {
            model.Mode = previous;
        }
    }

    private TrainingHistory Run(ISupervisedModel<TTarget> model, Dataset<TTarget> train, Dataset<TTarget>? validation)
    {
        TrainerOptions options = Options;
        int epochs = options.Epochs;
        int batchSize = options.BatchSize;
        int count = train.Count;
        int sampleSize = train.SampleSize;
        int targetSize = train.TargetSize;
        int batches = (count + batchSize - 1) / batchSize;
        if (NeedsTwoSamplesPerBatch(model) && count % batchSize == 1)
        {
            // Like PyTorch's drop_last, but only for the one case that cannot train: the single sample a shuffled
            // epoch leaves over (a different one each epoch) is skipped instead of failing the epoch.
            batches--;
        }

        // Everything the loop touches is allocated here, once.
        int[] order = new int[count];
        // Aligned and pinned, like the model's own buffers: the first layer's products stream it with full-line loads.
        var batchInputs = new AlignedBuffer(batchSize * sampleSize);
        TTarget[] batchTargets = new TTarget[batchSize * targetSize];
        float[] outputs = AllocateOutputs(model);
        float[] decoded = AllocateDecoded(model, train, validation);
        var history = new TrainingHistory();
        IProgressReporter reporter = _reporter ?? ProgressReporters.Create(options);
        try
        {
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                long epochStart = Stopwatch.GetTimestamp();
                model.Mode = ModelMode.Train;
                if (options.LearningRateSchedule is { } schedule)
                {
                    model.LearningRate = schedule(epoch);
                }

                var augmentationRng = new Rng(options.Seed, 0xA0000000UL + (ulong)epoch);
                for (int i = 0; i < order.Length; i++)
                {
                    order[i] = i;
                }

                if (options.Shuffle)
                {
                    new Rng(options.Seed, (ulong)epoch).Shuffle<int>(order);
                }

                double lossSum = 0;
                int seen = 0;
                for (int batch = 0; batch < batches; batch++)
                {
                    int start = batch * batchSize;
                    int size = Math.Min(batchSize, count - start);
                    float loss;
                    if (options.Shuffle)
                    {
                        Gather(model, train, order.AsSpan(start, size), batchInputs, batchTargets);
                        if (batch + 1 < batches)
                        {
                            int next = start + batchSize;
                            train.Prefetch(order.AsSpan(next, Math.Min(batchSize, count - next)));
                        }

                        options.Augmentation?.Apply(batchInputs.Slice(0, size * sampleSize), ref augmentationRng);
                        loss = model.TrainStep(
                            batchInputs.Slice(0, size * sampleSize), batchTargets.AsSpan(0, size * targetSize));
                    }
                    else
                    {
                        // In dataset order a batch is already contiguous: hand the model a slice of float features
                        // (nothing copied), or the batch buffer with the rows of a byte dataset decoded into it.
                        loss = model.TrainStep(
                            train.Rows(start, size, batchInputs), train.Targets.AsSpan(start * targetSize, size * targetSize));
                    }

                    if (!float.IsFinite(loss))
                    {
                        throw new TrainingDivergedException(epoch, batch + 1, loss);
                    }

                    lossSum += (double)loss * size;
                    seen += size;
                    reporter.OnBatchEnd(new BatchProgress(
                        epoch, epochs, batch + 1, batches, seen, count, lossSum / seen, Stopwatch.GetElapsedTime(epochStart)));
                }

                TimeSpan trainTime = Stopwatch.GetElapsedTime(epochStart);
                model.Mode = ModelMode.Eval;
                double? trainAccuracy = null;
                if (options.EvaluateTrainAccuracy)
                {
                    trainAccuracy = Evaluation.Run(model, train, outputs, decoded, computeLoss: false).Accuracy;
                }

                double? validationLoss = null;
                double? validationAccuracy = null;
                if (validation is not null)
                {
                    (double loss, double? accuracy) = Evaluation.Run(model, validation, outputs, decoded, computeLoss: true);
                    validationLoss = loss;
                    validationAccuracy = accuracy;
                }

                var report = new EpochReport(
                    epoch,
                    lossSum / seen,
                    trainAccuracy,
                    validationLoss,
                    validationAccuracy,
                    Stopwatch.GetElapsedTime(epochStart),
                    seen / Math.Max(trainTime.TotalSeconds, 1e-9));
                history.Add(report);
                reporter.OnEpochEnd(report, epochs);
            }
        }
        finally
        {
            model.Mode = ModelMode.Eval;
            reporter.OnTrainingEnd();
        }

        return history;
    }

    /// <summary>Batch-norm layers keep running statistics (the model's buffers) and refuse a batch of one sample.</summary>
    private static bool NeedsTwoSamplesPerBatch(IModel model) => model.Buffers.Count > 0;

    /// <summary>Copies the rows at <paramref name="rows"/> to the front of the batch buffers.</summary>
    private static void Gather(IModel model, Dataset<TTarget> data, ReadOnlySpan<int> rows, Span<float> inputs, TTarget[] targets)
    {
        int targetSize = data.TargetSize;
        data.GatherFeatures(model, rows, inputs);
        for (int k = 0; k < rows.Length; k++)
        {
            data.Targets.AsSpan(rows[k] * targetSize, targetSize).CopyTo(targets.AsSpan(k * targetSize, targetSize));
        }
    }

    private static float[] AllocateOutputs(ISupervisedModel<TTarget> model) =>
        Evaluation.HasAccuracy(model) ? new float[checked(model.MaxBatch * model.OutputSize)] : [];

    /// <summary>Room to decode one evaluation chunk of a byte dataset (none when every dataset holds floats).</summary>
    private static float[] AllocateDecoded(ISupervisedModel<TTarget> model, Dataset<TTarget> data, Dataset<TTarget>? other) =>
        data.HoldsBytes || other is { HoldsBytes: true } ? new float[checked(model.MaxBatch * model.InputSize)] : [];

    private static void CheckShape(ISupervisedModel<TTarget> model, Dataset<TTarget> data, string parameterName)
    {
        if (data.SampleSize != model.InputSize)
        {
            throw new ArgumentException(
                $"Samples have {data.SampleSize} features but model '{model.Name}' takes {model.InputSize}.", parameterName);
        }

        if (data.TargetSize != model.TargetSize)
        {
            throw new ArgumentException(
                $"Samples have {data.TargetSize} targets each but model '{model.Name}' expects {model.TargetSize}.", parameterName);
        }
    }

    private static void CheckNotEmpty(Dataset<TTarget> data, string parameterName)
    {
        if (data.Count == 0)
        {
            throw new ArgumentException("The dataset holds no samples.", parameterName);
        }
    }
}
