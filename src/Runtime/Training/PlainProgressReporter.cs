using System;
using System.IO;
using System.Text;

namespace Generated.Training;

/// <summary>One summary line per epoch and nothing in between: readable in log files and CI output.</summary>
public sealed class PlainProgressReporter : IProgressReporter
{
    private readonly TextWriter _output;
    private readonly StringBuilder _line = new();

    /// <summary>Writes to <paramref name="output"/>.</summary>
    public PlainProgressReporter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <inheritdoc />
    public void OnBatchEnd(in BatchProgress progress)
    {
    }

    /// <inheritdoc />
    public void OnEpochEnd(EpochReport report, int epochs)
    {
        ArgumentNullException.ThrowIfNull(report);
        _line.Clear();
        EpochSummary.Append(_line, report, epochs);
        _output.Write(_line);
        _output.WriteLine();
        _output.Flush();
    }

    /// <inheritdoc />
    public void OnTrainingEnd() => _output.Flush();
}
