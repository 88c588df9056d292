using System;
using System.Text.RegularExpressions;
using Xunit;

namespace Generated.Generators.Tests;

/// <summary>
/// What the generator emits for graph models: as many gradient buffers as gradients are alive at once (two for any
/// chain), the share of each reader added where a value is read several times, and a summary that names the inputs.
/// </summary>
public sealed class GraphGenerationTests
{
    private const string Residual = """
        using Generated;

        namespace Samples.Graph;

        [Model(6, MaxBatch = 8)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class Residual
        {
            [Dense(8, Activation.Tanh)] public partial Layer Stem { get; }
            [Dense(8, Activation.Tanh)] public partial Layer A { get; }
            [Dense(8)] public partial Layer B { get; }
            [Add(nameof(B), nameof(Stem))] public partial Layer Sum { get; }
            [Dense(3)] public partial Layer Output { get; }
        }
        """;

    private const string Chain = """
        using Generated;

        namespace Samples.Graph;

        [Model(6, MaxBatch = 8)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        public partial class Chain
        {
            [Dense(8, Activation.Tanh)] public partial Layer Stem { get; }
            [Dense(8, Activation.Tanh)] public partial Layer A { get; }
            [Dropout(0.1)] public partial Layer Drop { get; }
            [Dense(8)] public partial Layer B { get; }
            [Dense(3)] public partial Layer Output { get; }
        }
        """;

    [Fact]
    public void A_chain_needs_two_gradient_buffers()
    {
        GeneratorRun run = GeneratorHarness.Run(Chain);
        GeneratorHarness.AssertCompilesCleanly(run);
        string code = run.Generated("Samples.Graph.Chain.g.cs");
        Assert.Equal(2, GradientBuffers(code));
        Assert.DoesNotContain("Merges.Accumulate", code, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skip_collects_the_gradient_of_both_readers()
    {
        GeneratorRun run = GeneratorHarness.Run(Residual);
        GeneratorHarness.AssertCompilesCleanly(run);
        string code = run.Generated("Samples.Graph.Residual.g.cs");

        // Output's dL/dx lands in one buffer; the Add hands it to the skip and copies it for the main path; A's dL/dx
        // (into scratch) is then added to the skip's share before Stem runs backward.
        Assert.Equal(3, GradientBuffers(code));
        Assert.Contains("global::Generated.Kernels.Merges.Add(OutputOfLayer2(batch), OutputOfLayer0(batch), _output3.Slice(0, batch * 8));", code, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(code, @"Merges\.Accumulate\("));
        Assert.Matches(@"// Stem\s+_engine\.DenseBackward\(input", code);
        Assert.Contains("Sum (Add) <- B, Stem", code, StringComparison.Ordinal);
    }

    private static int GradientBuffers(string code) => Regex.Count(code, @"private readonly global::Generated\.Kernels\.AlignedBuffer _gradient\d+;");
}
