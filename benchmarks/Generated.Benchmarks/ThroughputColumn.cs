using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Generated.Benchmarks;

/// <summary>
/// A custom column computed from a benchmark's floating-point work (<see cref="GflopsColumn.FlopsOf"/>) and its mean
/// time; "NA" where either is unknown. Subclasses only say how to show the rate.
/// </summary>
public abstract class ThroughputColumn : IColumn
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract string ColumnName { get; }

    /// <inheritdoc />
    public abstract string Legend { get; }

    /// <inheritdoc />
    public abstract int PriorityInCategory { get; }

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

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

        // FLOP per nanosecond is GFLOP per second.
        return Format(benchmarkCase, count / mean);
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public override string ToString() => ColumnName;

    /// <summary>The cell for a benchmark that ran at <paramref name="gflops"/> GFLOP/s.</summary>
    protected abstract string Format(BenchmarkCase benchmarkCase, double gflops);
}
