using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Generated.Analyzers.Tests;

/// <summary>The models we ship (samples and benchmarks) are the ones users copy: they must draw no diagnostic at all.</summary>
public sealed class RepositoryModelTests
{
    public static TheoryData<string> ModelFiles()
    {
        var files = new TheoryData<string>();
        string root = RepositoryRoot();
        foreach (string folder in new[] { "samples", "benchmarks" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                // The analysis-cost benchmark writes models as text templates; they are not declarations in the file.
                .Where(f => !f.Contains("Generated.Analyzers.Benchmarks", StringComparison.Ordinal))
                .Where(f => File.ReadAllText(f).Contains("[Model(", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal))
            {
                files.Add(Path.GetRelativePath(root, file));
            }
        }

        return files;
    }

    [Fact]
    public void The_repository_has_sample_and_benchmark_models() => Assert.True(ModelFiles().Count >= 2);

    [Theory]
    [MemberData(nameof(ModelFiles))]
    public async Task Shipped_model_draws_no_diagnostic(string relativePath)
    {
        string source = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), relativePath));

        AnalysisResult result = await AnalyzerHarness.AnalyzeAsync(source);

        Assert.Empty(result.Exceptions);
        Assert.True(result.Model.IsEmpty, AnalyzerHarness.Describe(result.Model));
        (Compilation output, GeneratorRunResult run, _) = AnalyzerHarness.Generate(AnalyzerHarness.CreateCompilation(source));
        Assert.Contains("ISupervisedModel", Assert.Single(run.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    private static string RepositoryRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Generated.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("Generated.sln not found above " + AppContext.BaseDirectory);
    }
}
