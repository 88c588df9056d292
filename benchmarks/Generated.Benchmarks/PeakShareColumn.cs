using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Parameters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Generated.Benchmarks;

/// <summary>
/// The <see cref="GflopsColumn"/> figure as a share of what the cores it ran on can sustain: the per-core FMA peak that
/// <c>peak</c> measures (a register-only FMA loop, taken once in the process that prints the summary) times the
/// benchmark's worker threads (its <c>Threads</c> parameter, else 1).
/// </summary>
public sealed class PeakShareColumn : IColumn
{
    /// <summary>The one instance a config needs.</summary>
    public static PeakShareColumn Instance { get; } = new();

    private PeakShareColumn()
    {
    }

    /// <inheritdoc />
    public string Id => nameof(PeakShareColumn);

    /// <inheritdoc />
    public string ColumnName => "% of FMA peak";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 1;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "GFLOP/s over the sustained fp32 FMA throughput of the threads used (the 'peak' command's loop, measured once per summary)";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        System.ArgumentNullException.ThrowIfNull(summary);
        System.ArgumentNullException.ThrowIfNull(benchmarkCase);
        long? flops = GflopsColumn.FlopsOf(benchmarkCase);
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (flops is not long count || meanNanoseconds is not double mean || !(mean > 0))
        {
            return "NA";
        }

        int threads = 1;
        foreach (ParameterInstance parameter in benchmarkCase.Parameters.Items)
        {
            if (parameter.Name == "Threads" && parameter.Value is int value)
            {
                threads = value;
            }
        }

        double share = count / mean / (PeakCommand.PerThreadPeak * threads);
        return share.ToString("P0", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}
