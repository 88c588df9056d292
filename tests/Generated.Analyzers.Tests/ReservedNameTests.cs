using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Generated.Analyzers.Tests;

/// <summary>
/// GEN017 must know every member the generator adds: a layer named like one would otherwise turn into a compile
/// error inside generated code. The list is checked against what the generator really emits for a model that
/// uses every layer kind.
/// </summary>
public sealed class ReservedNameTests
{
    private const string EveryLayerKind =
        """
        using Generated;

        namespace Samples;

        [Model(1, 4, 4, MaxBatch = 8)]
        [Loss(Loss.SoftmaxCrossEntropy)]
        [Optimizer(Optimizer.Sgd, LearningRate = 0.01, Momentum = 0.9)]
        public partial class Everything
        {
            [Reshape(4, 4)] public partial Layer Grid { get; }
            [Flatten] public partial Layer Flat { get; }
            [Dense(8, UseBias = false, L1 = 1e-4)] public partial Layer Hidden { get; }
            [BatchNorm] public partial Layer Norm { get; }
            [LayerNorm] public partial Layer Sample { get; }
            [Activation(Activation.ReLU)] public partial Layer Relu { get; }
            [Dropout(0.1)] public partial Layer Drop { get; }
            [Dense(3)] public partial Layer Logits { get; }
        }
        """;

    [Fact]
    public async Task Every_generated_member_name_is_reported_when_used_as_a_layer_name()
    {
        string[] layers = { "Grid", "Flat", "Hidden", "Norm", "Sample", "Relu", "Drop", "Logits" };
        (Compilation output, GeneratorRunResult run, _) = AnalyzerHarness.Generate(AnalyzerHarness.CreateCompilation(EveryLayerKind));
        Assert.Null(run.Exception);
        INamedTypeSymbol type = output.GetTypeByMetadataName("Samples.Everything")!;
        string[] generated = type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.Kind != SymbolKind.Method || m is IMethodSymbol { MethodKind: MethodKind.Ordinary })
            .Select(m => m.Name)
            .Where(name => !layers.Contains(name) && !name.Contains('<', StringComparison.Ordinal) && !name.Contains('.', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(generated);

        var unreported = new List<string>();
        foreach (string name in generated)
        {
            string source = EveryLayerKind.Replace("public partial Layer Drop {", "public partial Layer " + name + " {", StringComparison.Ordinal);
            AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);
            if (!result.Model.Any(d => d.Id == "GEN017"))
            {
                unreported.Add(name);
            }
        }

        Assert.True(unreported.Count == 0, "generated members a layer may still be named: " + string.Join(", ", unreported));
    }
}
