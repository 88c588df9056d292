using System;
using System.Collections.Generic;
using System.Linq;
using Generated.IO;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Our generated model against PyTorch itself, on a checkpoint PyTorch wrote (Fixtures/, produced by
/// tests/fixtures/pytorch/make_reference.py with torch 1.13): same layouts and names (the state dict loads as is,
/// including BatchNorm's int64 num_batches_tracked), same eval and train outputs, loss, gradients, running
/// statistics and parameters after one Adam step. Both sides compute in float32, in different orders, so values
/// agree to about 1e-6 relative; the tolerance is |ours − torch| ≤ 2e-5 + 1e-4·|torch|.
/// </summary>
public sealed class PyTorchEquivalenceTests
{
    private static readonly TorchFixture Fixture = new("torch_reference");
    private static readonly string ModelFile = Fixture.ModelFile;
    private static readonly Dictionary<string, float[]> Expected = Fixture.Expected;

    private static float[] Inputs => Fixture.Inputs;

    private static int[] Labels => Fixture.Labels;

    private static int Batch => Labels.Length;

    [Fact]
    public void PyTorch_state_dict_loads_into_the_generated_model_by_name()
    {
        using TorchReferenceNet model = Loaded();
        var names = SafeTensors.Read(ModelFile).Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(names, model.Parameters.Concat(BuffersOf(model)).Select(t => t.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(3f, BuffersOf(model).Single(b => b.Name == "Norm.num_batches_tracked").Span[0]);
    }

    [Fact]
    public void Eval_forward_matches_pytorch()
    {
        using TorchReferenceNet model = Loaded();
        model.Mode = ModelMode.Eval;
        var logits = new float[Batch * 5];

        model.Forward(Inputs, logits);

        AssertClose(Expected["eval_logits"], logits, "eval logits");
    }

    [Fact]
    public void Train_forward_matches_pytorch()
    {
        using TorchReferenceNet model = Loaded();
        model.Mode = ModelMode.Train;
        var logits = new float[Batch * 5];

        model.Forward(Inputs, logits);

        AssertClose(Expected["train_logits"], logits, "train logits");
    }

    [Fact]
    public void Loss_and_every_gradient_match_pytorch()
    {
        using TorchReferenceNet model = Loaded();
        model.Mode = ModelMode.Train;

        float loss = model.ComputeGradients(Inputs, Labels);

        AssertClose(Expected["loss"], [loss], "loss");
        foreach (ParameterTensor gradient in model.Gradients)
        {
            AssertClose(Expected["grad." + gradient.Name], gradient.Span.ToArray(), "gradient of " + gradient.Name);
        }
    }

    [Fact]
    public void One_adam_step_moves_parameters_and_running_statistics_like_pytorch()
    {
        using TorchReferenceNet model = Loaded();
        model.Mode = ModelMode.Train;

        model.TrainStep(Inputs, Labels);

        ParameterTensor[] compared = model.Parameters.Concat(BuffersOf(model)).Where(t => Expected.ContainsKey("after_step." + t.Name)).ToArray();
        foreach (ParameterTensor tensor in compared)
        {
            AssertClose(Expected["after_step." + tensor.Name], tensor.Span.ToArray(), tensor.Name + " after one step");
        }

        // Seven parameters and the two running statistics (the int64 step counter is only compared at load).
        Assert.Equal(9, compared.Length);
    }

    /// <summary>Generated models implement <see cref="IModel.Buffers"/> explicitly (a layer may be named Buffers).</summary>
    private static IReadOnlyList<ParameterTensor> BuffersOf(IModel model) => model.Buffers;

    private static TorchReferenceNet Loaded()
    {
        var model = new TorchReferenceNet();
        model.Load(ModelFile);
        return model;
    }

    private static void AssertClose(float[] expected, float[] actual, string what) => TorchFixture.AssertClose(expected, actual, what);
}
