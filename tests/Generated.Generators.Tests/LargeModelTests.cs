using System;
using System.Diagnostics;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Generated.Generators.Tests;

/// <summary>Deep models generate and compile; the generation time is printed (timings are measured, never asserted).</summary>
public sealed class LargeModelTests
{
    private readonly ITestOutputHelper _output;

    public LargeModelTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Fifty_layer_dense_model_generates_compiles_and_runs()
    {
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = GeneratorHarness.CreateCompilation(ModelSources.DeepModel(50));
        _ = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(ModelSources.DeepModel(3))); // JIT warm-up

        var clock = Stopwatch.StartNew();
        GeneratorRun run = GeneratorHarness.Run(compilation);
        clock.Stop();
        _output.WriteLine("50-layer model: generation took " + clock.Elapsed.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " ms");
        foreach ((string step, TimeSpan elapsed) in run.Result.TrackedSteps
            .Select(s => (s.Key, new TimeSpan(s.Value.Sum(r => r.ElapsedTime.Ticks)))))
        {
            _output.WriteLine("  step " + step + ": " + elapsed.TotalMilliseconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + " ms");
        }

        GeneratorHarness.AssertCompilesCleanly(run);
        string text = run.Generated("Samples.Deep.DeepModel.g.cs");
        _output.WriteLine("generated " + text.Length + " characters");

        using var assembly = new GeneratedAssembly(run.Output);
        using IModel created = assembly.CreateModel("Samples.Deep.DeepModel");
        var model = Assert.IsAssignableFrom<ISupervisedModel<int>>(created);
        Assert.Equal(50, model.Layers.Count);
        Assert.Equal(100, model.Parameters.Count);
        Assert.Equal((64L * 32) + 32 + (48L * ((32 * 32) + 32)) + (32 * 10) + 10, model.ParameterCount);
        Assert.Equal("Dense49.weight", model.Parameters[96].Name);
        Assert.Equal(new[] { 10, 32 }, model.Parameters[98].Shape);

        var inputs = new float[4 * 64];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = MathF.Sin(i);
        }

        float loss = model.TrainStep(inputs, new[] { 0, 1, 2, 3 });
        Assert.True(float.IsFinite(loss), "loss " + loss);
    }
}
