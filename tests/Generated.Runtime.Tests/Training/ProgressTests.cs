using System;
using System.IO;
using System.Linq;
using Generated.Training;
using Xunit;

namespace Generated.Runtime.Tests.Training;

public class ProgressTests
{
    [Fact]
    public void Plain_mode_prints_one_invariant_line_per_epoch()
    {
        var output = new StringWriter();
        using var model = new RecordingModel(maxBatch: 8) { Loss = 0.35214f };
        var options = new TrainerOptions { Epochs = 3, BatchSize = 8, Output = output, Progress = ProgressMode.Plain };
        new Trainer<int>(options).Fit(model, RecordingModel.IdDataset(20), RecordingModel.IdDataset(10));

        string text = output.ToString();
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        string[] lines = text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        for (int i = 0; i < 3; i++)
        {
            Assert.Matches(
                $@"^epoch {i + 1}/3  loss=0\.3521  val_loss=0\.3521  val_acc=0\.\d{{4}}  time=\d+\.\ds  samples/s=\d+$",
                lines[i]);
        }
    }

    [Fact]
    public void Plain_mode_shows_train_accuracy_when_asked_and_omits_validation_without_a_validation_set()
    {
        var output = new StringWriter();
        using var model = new RecordingModel(maxBatch: 8);
        var options = new TrainerOptions
        {
            Epochs = 1,
            BatchSize = 8,
            Output = output,
            Progress = ProgressMode.Plain,
            EvaluateTrainAccuracy = true,
        };
        new Trainer<int>(options).Fit(model, RecordingModel.IdDataset(20));

        string line = output.ToString().TrimEnd();
        Assert.Matches(@"^epoch 1/1  loss=1\.0000  acc=0\.0500  time=", line);
        Assert.DoesNotContain("val_", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_mode_redraws_with_carriage_returns_and_ends_each_epoch_with_a_summary_line()
    {
        var output = new StringWriter();
        using var model = new RecordingModel(maxBatch: 4);
        var options = new TrainerOptions { Epochs = 2, BatchSize = 4, Output = output, Progress = ProgressMode.Live };
        new Trainer<int>(options).Fit(model, RecordingModel.IdDataset(40));

        string text = output.ToString();
        Assert.Contains('\r', text);
        Assert.Contains("epoch 1/2 [##", text, StringComparison.Ordinal);
        Assert.Contains("[####################] 10/10", text, StringComparison.Ordinal);
        Assert.Contains("samples/s  ETA ", text, StringComparison.Ordinal);
        string[] lines = text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        for (int i = 0; i < 2; i++)
        {
            // What remains visible of a line is what follows its last carriage return: the summary.
            string visible = lines[i][(lines[i].LastIndexOf('\r') + 1)..].TrimEnd();
            Assert.Matches($@"^epoch {i + 1}/2  loss=1\.0000  time=\d+\.\ds  samples/s=\d+$", visible);
        }
    }

    [Fact]
    public void Live_mode_throttles_redraws()
    {
        var output = new StringWriter();
        using var model = new RecordingModel(maxBatch: 1);
        var options = new TrainerOptions { Epochs = 1, BatchSize = 1, Output = output, Progress = ProgressMode.Live };
        new Trainer<int>(options).Fit(model, RecordingModel.IdDataset(2000));

        // 2000 fast steps: the first, the last, one per 100 ms in between, and the summary.
        int redraws = output.ToString().Count(c => c == '\r');
        Assert.InRange(redraws, 3, 50);
    }

    [Fact]
    public void Live_mode_closes_its_line_when_training_fails()
    {
        var output = new StringWriter();
        using var model = new RecordingModel(maxBatch: 4) { NaNAtStep = 2 };
        var options = new TrainerOptions { Epochs = 1, BatchSize = 4, Output = output, Progress = ProgressMode.Live };
        Assert.Throws<TrainingDivergedException>(() => new Trainer<int>(options).Fit(model, RecordingModel.IdDataset(20)));

        Assert.EndsWith(Environment.NewLine, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void None_mode_and_a_null_writer_print_nothing()
    {
        var output = new StringWriter();
        using var model = new RecordingModel();
        new Trainer<int>(new TrainerOptions { Epochs = 2, BatchSize = 4, Output = output, Progress = ProgressMode.None })
            .Fit(model, RecordingModel.IdDataset(10));
        Assert.Empty(output.ToString());

        Assert.IsType<NullProgressReporter>(ProgressReporters.Create(new TrainerOptions { Output = null, Progress = ProgressMode.Live }));
    }

    [Fact]
    public void Auto_mode_is_plain_for_anything_but_an_interactive_console()
    {
        var output = new StringWriter();
        Assert.IsType<PlainProgressReporter>(ProgressReporters.Create(new TrainerOptions { Output = output }));
        Assert.False(ProgressReporters.IsInteractiveConsole(output));
        Assert.IsType<LiveProgressReporter>(
            ProgressReporters.Create(new TrainerOptions { Output = output, Progress = ProgressMode.Live }));
    }

    [Fact]
    public void A_custom_reporter_receives_every_step_and_epoch()
    {
        var reporter = new CountingReporter();
        using var model = new RecordingModel(maxBatch: 4);
        new Trainer<int>(new TrainerOptions { Epochs = 2, BatchSize = 4 }, reporter).Fit(model, RecordingModel.IdDataset(10));

        Assert.Equal(6, reporter.Steps);
        Assert.Equal(2, reporter.Epochs);
        Assert.Equal(1, reporter.Ends);
        Assert.Equal(new BatchProgress(2, 2, 3, 3, 10, 10, 1.0, reporter.Last.Elapsed), reporter.Last);
    }

    private sealed class CountingReporter : IProgressReporter
    {
        public int Steps { get; private set; }

        public int Epochs { get; private set; }

        public int Ends { get; private set; }

        public BatchProgress Last { get; private set; }

        public void OnBatchEnd(in BatchProgress progress)
        {
            Steps++;
            Last = progress;
        }

        public void OnEpochEnd(EpochReport report, int epochs) => Epochs++;

        public void OnTrainingEnd() => Ends++;
    }
}
