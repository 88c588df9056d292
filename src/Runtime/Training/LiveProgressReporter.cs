using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace Generated.Training;

/// <summary>
/// A single status line redrawn in place with <c>'\r'</c> (epoch, bar, batch, running loss, speed, ETA), replaced at
/// the end of each epoch by the epoch summary and a newline. Meant for an interactive terminal.
/// </summary>
public sealed class LiveProgressReporter : IProgressReporter
{
    private const int BarWidth = 20;

    // Ten redraws a second look continuous; more would cost terminal time for nothing on fast models.
    private static readonly long RedrawInterval = Stopwatch.Frequency / 10;

    private readonly TextWriter _output;
    private readonly StringBuilder _line = new();
    private long _lastDraw;
    private int _lastLength;
    private bool _lineOpen;

    /// <summary>Writes to <paramref name="output"/>, normally the console.</summary>
    public LiveProgressReporter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <inheritdoc />
    public void OnBatchEnd(in BatchProgress progress)
    {
        long now = Stopwatch.GetTimestamp();
        bool edge = progress.Batch == 1 || progress.Batch == progress.Batches;
        if (!edge && now - _lastDraw < RedrawInterval)
        {
            return;
        }

        _lastDraw = now;
        CultureInfo invariant = CultureInfo.InvariantCulture;
        _line.Clear();
        int filled = (int)((long)BarWidth * progress.Batch / Math.Max(progress.Batches, 1));
        _line.Append(invariant, $"epoch {progress.Epoch}/{progress.Epochs} [");
        _line.Append('#', filled).Append('.', BarWidth - filled);
        _line.Append(invariant, $"] {progress.Batch}/{progress.Batches}  loss={progress.MeanLoss:F4}");

        double seconds = progress.Elapsed.TotalSeconds;
        if (seconds > 0 && progress.SamplesSeen > 0)
        {
            double rate = progress.SamplesSeen / seconds;
            double remaining = (progress.SamplesPerEpoch - progress.SamplesSeen) / rate;
            _line.Append(invariant, $"  {rate:F0} samples/s  ETA ");
            AppendDuration(_line, remaining);
        }

        Draw();
        _lineOpen = true;
    }

    /// <inheritdoc />
    public void OnEpochEnd(EpochReport report, int epochs)
    {
        ArgumentNullException.ThrowIfNull(report);
        _line.Clear();
        EpochSummary.Append(_line, report, epochs);
        Draw();
        _output.WriteLine();
        _output.Flush();
        _lastLength = 0;
        _lineOpen = false;
    }

    /// <inheritdoc />
    public void OnTrainingEnd()
    {
        // An exception mid-epoch leaves the status line open; end it so the error starts on a fresh line.
        if (_lineOpen)
        {
            _output.WriteLine();
            _lineOpen = false;
            _lastLength = 0;
        }

        _output.Flush();
    }

    /// <summary>Returns to the line start and overwrites it, blanking what a longer previous line left behind.</summary>
    private void Draw()
    {
        int length = _line.Length;
        if (length < _lastLength)
        {
            _line.Append(' ', _lastLength - length);
        }

        _lastLength = length;
        _output.Write('\r');
        _output.Write(_line);
        _output.Flush();
    }

    private static void AppendDuration(StringBuilder line, double seconds)
    {
        long total = (long)Math.Ceiling(Math.Max(seconds, 0));
        CultureInfo invariant = CultureInfo.InvariantCulture;
        if (total >= 3600)
        {
            line.Append(invariant, $"{total / 3600}:{total / 60 % 60:D2}:{total % 60:D2}");
        }
        else
        {
            line.Append(invariant, $"{total / 60}:{total % 60:D2}");
        }
    }
}
