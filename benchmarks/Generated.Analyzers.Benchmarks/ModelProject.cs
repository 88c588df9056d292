using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Generated.Analyzers.Benchmarks;

/// <summary>
/// A synthetic user project: <c>count</c> model classes of varied depth and layer mix (dense, dropout, batch norm,
/// stand-alone activations, flatten), one file each, plus an ordinary non-model class per file, the way a real
/// project mixes models with other code.
/// </summary>
internal static class ModelProject
{
    public static CSharpCompilation Create(int count)
    {
        var trees = new List<SyntaxTree>();
        for (int i = 0; i < count; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(Source(i), new CSharpParseOptions(LanguageVersion.CSharp13), "Model" + i + ".cs", Encoding.UTF8));
        }

        return CSharpCompilation.Create(
            "FiftyModels",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string Source(int index)
    {
        var random = new Random(index);
        int depth = 2 + (index % 6);
        bool image = index % 3 == 0;
        var layers = new StringBuilder();
        if (image)
        {
            layers.AppendLine("    [Flatten] public partial Layer Flat { get; }");
        }

        for (int d = 0; d < depth; d++)
        {
            int units = 32 << random.Next(0, 4);
            string n = d.ToString(CultureInfo.InvariantCulture);
            if (index % 4 == 1)
            {
                layers.AppendLine("    [Dense(" + units + ", UseBias = false)] public partial Layer Hidden" + n + " { get; }");
                layers.AppendLine("    [BatchNorm] public partial Layer Norm" + n + " { get; }");
                layers.AppendLine("    [Activation(Activation.ReLU)] public partial Layer Relu" + n + " { get; }");
            }
            else
            {
                string activation = index % 5 == 2 ? "Activation.Tanh" : "Activation.ReLU";
                layers.AppendLine("    [Dense(" + units + ", " + activation + ", L2 = 1e-4)] public partial Layer Hidden" + n + " { get; }");
            }

            if (d % 2 == 1)
            {
                layers.AppendLine("    [Dropout(0.2)] public partial Layer Drop" + n + " { get; }");
            }
        }

        layers.AppendLine("    [Dense(10)] public partial Layer Logits { get; }");
        string input = image ? "1, 28, 28" : "784";
        return $$"""
            using Generated;

            namespace Project.Models;

            [Model({{input}}, MaxBatch = 128, Classes = 10)]
            [Loss(Loss.SoftmaxCrossEntropy)]
            [Optimizer(Optimizer.Adam, LearningRate = 1e-3)]
            public partial class Model{{index}}
            {
            {{layers}}}

            public static class Helper{{index}}
            {
                public static int Twice(int value) => value * 2 + {{index}};
            }
            """;
    }

    private static IEnumerable<MetadataReference> References()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        return trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(ModelAttribute).Assembly.Location)
            .Append(typeof(IModel).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
    }
}
