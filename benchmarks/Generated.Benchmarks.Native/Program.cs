namespace Generated.Benchmarks;

/// <summary>Entry point of the Native AOT build: the <see cref="Commands"/> without BenchmarkDotNet.</summary>
internal static class Program
{
    private static int Main(string[] args) => Commands.Run(args, Commands.Usage);
}
