using System;
using System.IO;

namespace Generated.Training;

/// <summary>Chooses the reporter that <see cref="TrainerOptions.Progress"/> and <see cref="TrainerOptions.Output"/> ask for.</summary>
public static class ProgressReporters
{
    /// <summary>A fresh reporter for one fit (live reporters keep per-fit state).</summary>
    public static IProgressReporter Create(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TextWriter? output = options.Output;
        ProgressMode mode = output is null ? ProgressMode.None : options.Progress;
        if (mode == ProgressMode.Auto)
        {
            mode = IsInteractiveConsole(output!) ? ProgressMode.Live : ProgressMode.Plain;
        }

        return mode switch
        {
            ProgressMode.Live => new LiveProgressReporter(output!),
            ProgressMode.Plain => new PlainProgressReporter(output!),
            _ => NullProgressReporter.Instance,
        };
    }

    /// <summary>
    /// True when <paramref name="output"/> is the console's own writer and the console is a terminal; carriage
    /// returns written to a file or pipe would pile up instead of redrawing.
    /// </summary>
    public static bool IsInteractiveConsole(TextWriter output)
    {
        if (ReferenceEquals(output, Console.Out))
        {
            return !Console.IsOutputRedirected;
        }

        if (ReferenceEquals(output, Console.Error))
        {
            return !Console.IsErrorRedirected;
        }

        return false;
    }
}
