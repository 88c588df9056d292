using System.Globalization;
using BenchmarkDotNet.Parameters;
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
/// parameter implementing <see cref="IFlopCount"/> (a GEMM shape, a convolution, a model's training step).
/// </summary>
public sealed class GflopsColumn : ThroughputColumn
{
    /// <summary>The one instance a config needs.</summary>
    public static GflopsColumn Instance { get; } = new();

    private GflopsColumn()
    {
    }

    /// <inheritdoc />
    public override string Id => nameof(GflopsColumn);

    /// <inheritdoc />
    public override string ColumnName => "GFLOP/s";

    /// <inheritdoc />
    public override int PriorityInCategory => 0;

    /// <inheritdoc />
    public override string Legend => "Useful floating-point work per second: 2*M*N*K per GEMM, a direct convolution's work, or a step's GEMM and convolution work, over the mean time";

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

        return null;
    }

    /// <inheritdoc />
    protected override string Format(BenchmarkCase benchmarkCase, double gflops) => gflops.ToString("F1", CultureInfo.InvariantCulture);
}
