namespace Generated.Training;

/// <summary>How the trainer reports progress on <see cref="TrainerOptions.Output"/>.</summary>
public enum ProgressMode
{
    /// <summary><see cref="Live"/> on an interactive console, <see cref="Plain"/> anywhere else (files, pipes, CI logs).</summary>
    Auto = 0,

    /// <summary>One line per epoch redrawn in place with <c>'\r'</c> (bar, batch, running loss, speed, ETA), then a summary.</summary>
    Live = 1,

    /// <summary>One summary line per epoch; suits logs, where carriage returns would pile up.</summary>
    Plain = 2,

    /// <summary>Nothing is written.</summary>
    None = 3,
}
