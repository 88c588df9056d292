using System;
using System.Collections.Generic;
using Xunit;

namespace Generated.Generators.Tests;

/// <summary>Which dropouts the generator draws in a dense layer's epilogue, and which stay passes of their own.</summary>
public sealed class DropoutFusionGenerationTests
{
    [Fact]
    public void A_dropout_read_from_a_dense_layer_alone_is_drawn_in_its_epilogue()
    {
        GeneratorRun run = GeneratorHarness.Run(ModelSources.FashionMlp);
        GeneratorHarness.AssertCompilesCleanly(run);
        string code = run.Generated("Samples.Fashion.FashionMlp.g.cs");

        // Training draws the mask in Hidden1's product; evaluation runs the plain product (dropout is the identity there).
        Assert.Matches(
            @"if \(training\)\s*\{\s*_engine\.DenseForwardWithDropout\(input, [^;]*_output0\.Slice\(0, batch \* 256\), [^;]*, _mask1\.Slice\(0, batch \* 256\), _output1\.Slice\(0, batch \* 256\), 0\.2f\);\s*\}\s*else\s*\{\s*_engine\.DenseForward\(input, ",
            code);
        Assert.Contains("// drawn in Hidden1's epilogue", code, StringComparison.Ordinal);
        Assert.Contains("// Drop1: the mask is applied in Hidden1's gradient sweep", code, StringComparison.Ordinal);
        Assert.Matches(@"// Hidden1\s+_engine\.DenseBackward\(input, [^;]*dropoutMask: _lastForwardTrained \? _mask1\.Slice\(0, batch \* 256\) : default\);", code);
        Assert.DoesNotContain("_engine.DropoutForward(", code, StringComparison.Ordinal);
        Assert.DoesNotContain("_engine.DropoutBackward(", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Dropouts_that_do_not_read_a_dense_layer_alone_stay_passes_of_their_own()
    {
        // Branch is read by Drop and by Joined, so its gradient collects two shares the mask must not touch; InputDrop
        // reads the model input; Drop2 reads a concat; Channels is spatial; DropA is declared two layers after A, with
        // DropB's key drawn in between.
        const string Source = """
            using Generated;

            namespace Samples.Fusion;

            [Model(8, MaxBatch = 16)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Shared
            {
                [Dropout(0.1)] public partial Layer InputDrop { get; }
                [Dense(16, Activation.ReLU)] public partial Layer Branch { get; }
                [Dropout(0.2)] public partial Layer Drop { get; }
                [Concat(nameof(Drop), nameof(Branch))] public partial Layer Joined { get; }
                [Dropout(0.3)] public partial Layer Drop2 { get; }
                [Dense(3)] public partial Layer Output { get; }
            }

            [Model(8, MaxBatch = 16)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Later
            {
                [Dense(16, Activation.ReLU)] public partial Layer A { get; }
                [Dense(16, Activation.ReLU, From = Graph.Input)] public partial Layer B { get; }
                [Dropout(0.2)] public partial Layer DropB { get; }
                [Dropout(0.2, From = nameof(A))] public partial Layer DropA { get; }
                [Concat(nameof(DropB), nameof(DropA))] public partial Layer Joined { get; }
                [Dense(3)] public partial Layer Output { get; }
            }

            [Model(2, 6, 6, MaxBatch = 4)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            public partial class Spatial
            {
                [Conv2D(4, 3, Activation.ReLU)] public partial Layer Conv { get; }
                [Dropout(0.2, Spatial = true)] public partial Layer Channels { get; }
                [Flatten] public partial Layer Flat { get; }
                [Dense(3)] public partial Layer Output { get; }
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(Source);
        GeneratorHarness.AssertCompilesCleanly(run);
        string shared = run.Generated("Samples.Fusion.Shared.g.cs");
        string spatial = run.Generated("Samples.Fusion.Spatial.g.cs");

        Assert.DoesNotContain("DenseForwardWithDropout", shared, StringComparison.Ordinal);
        Assert.DoesNotContain("dropoutMask:", shared, StringComparison.Ordinal);
        Assert.Equal(3, Occurrences(shared, "_engine.DropoutForward(").Count);
        Assert.Equal(2, Occurrences(shared, "_engine.DropoutBackward(").Count); // the input's dropout needs no gradient
        string later = run.Generated("Samples.Fusion.Later.g.cs");
        Assert.Single(Occurrences(later, "_engine.DenseForwardWithDropout("));
        Assert.Contains("// drawn in B's epilogue", later, StringComparison.Ordinal);
        Assert.Single(Occurrences(later, "_engine.DropoutForward("));
        Assert.Contains("_engine.SpatialDropoutForward(", spatial, StringComparison.Ordinal);
        Assert.DoesNotContain("DenseForwardWithDropout", spatial, StringComparison.Ordinal);
    }

    private static List<int> Occurrences(string text, string value)
    {
        var positions = new List<int>();
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            positions.Add(at);
        }

        return positions;
    }
}
