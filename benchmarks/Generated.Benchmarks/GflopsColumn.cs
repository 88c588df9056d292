using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Parameters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Generated.Benchmarks;

/// <summary>A benchmark whose operation performs a known number of floating-point operations.</summary>
public interface IFlopCount
{
    /// <summary>Floating-point operations of one benchmark invocation (a multiply-add counts as two).</summary>
    long Flops { get; }
}

/// <summary>
/// Shows <c>2·M·N·K / mean time</c> (or the step's useful work over its mean time) in GFLOP/s. The count comes from a
/// parameter implementing <see cref="IFlopCount"/> (a GEMM shape), or from <see cref="TrainStepBenchmarks.FlopsPerStep"/>.
/// </summary>
public sealed class GflopsColumn : IColumn
{
    /// <summary>The one instance a config needs.</summary>
    public static GflopsColumn Instance { get; } = new();

    private GflopsColumn()
    {
    }

    /// <inheritdoc />
    public string Id => nameof(GflopsColumn);

    /// <inheritdoc />
    public string ColumnName => "GFLOP/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Useful floating-point work per second: 2*M*N*K per GEMM, or the step's GEMM work, over the mean time";

    /// <summary>Floating-point operations of one invocation of <paramref name="benchmarkCase"/>, or null when unknown.</summary>
    public static long? FlopsOf(BenchmarkCase benchmarkCase)
    {
        System.ArgumentNullException.ThrowIfNull(benchmarkCase);
        foreach (ParameterInstance parameter in benchmarkCase.Parameters.Items)
        {
            if (parameter.Value is IFlopCount counted)
            {
                return counted.Flops;
            }
        }

        return benchmarkCase.Descriptor.Type == typeof(TrainStepBenchmarks) ? TrainStepBenchmarks.FlopsPerStep : null;
    }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        System.ArgumentNullException.ThrowIfNull(summary);
        long? flops = FlopsOf(benchmarkCase);
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (flops is not long count || meanNanoseconds is not double mean || !(mean > 0))
        {
            return "NA";
        }

        // FLOP per nanosecond is GFLOP per second.
        return (count / mean).ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}
