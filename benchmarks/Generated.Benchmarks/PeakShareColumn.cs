using System.Globalization;
using BenchmarkDotNet.Parameters;
using BenchmarkDotNet.Running;

namespace Generated.Benchmarks;

/// <summary>
/// The <see cref="GflopsColumn"/> figure as a share of what the cores it ran on can sustain: the per-core FMA peak that
/// <c>peak</c> measures (a register-only FMA loop, taken once in the process that prints the summary) times the
/// benchmark's worker threads (its <c>Threads</c> parameter, else 1).
/// </summary>
public sealed class PeakShareColumn : ThroughputColumn
{
    /// <summary>The one instance a config needs.</summary>
    public static PeakShareColumn Instance { get; } = new();

    private PeakShareColumn()
    {
    }

    /// <inheritdoc />
    public override string Id => nameof(PeakShareColumn);

    /// <inheritdoc />
    public override string ColumnName => "% of FMA peak";

    /// <inheritdoc />
    public override int PriorityInCategory => 1;

    /// <inheritdoc />
    public override string Legend => "GFLOP/s over the fp32 FMA throughput of the threads used (the 'peak' command's loop, best of five runs, measured once per summary)";

    /// <inheritdoc />
    protected override string Format(BenchmarkCase benchmarkCase, double gflops)
    {
        int threads = 1;
        foreach (ParameterInstance parameter in benchmarkCase.Parameters.Items)
        {
            if (parameter.Name == "Threads" && parameter.Value is int value)
            {
                threads = value;
            }
        }

        return (gflops / (PeakCommand.PerThreadPeak * threads)).ToString("P0", CultureInfo.InvariantCulture);
    }
}
