using System;
using System.Linq;
using Generated.IO;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// A graph model (embedding, skip connection, Add, LayerNorm, a side branch read from a shared value, Concat) against
/// PyTorch itself, on a checkpoint PyTorch wrote (Fixtures/torch_graph_*.safetensors, produced by
/// tests/fixtures/pytorch/make_graph_reference.py with torch 1.13): the state dict loads by name, and the logits, the
/// loss, every gradient and the parameters after one default Adam step agree within the tolerance of
/// <see cref="TorchFixture.AssertClose"/> (|ours − torch| ≤ 2e-5 + 1e-4·|torch|: both sides compute in float32 in
/// different orders, so values agree to about 1e-6 relative). The smallest non-zero gradient in the fixture is about
/// 5e-6, far above Adam's ε = 1e-8, so the first step's size lr·m̂/(√v̂ + ε) is not at the mercy of rounding.
/// </summary>
public sealed class PyTorchGraphEquivalenceTests
{
    private static readonly TorchFixture Fixture = new("torch_graph");

    [Fact]
    public void PyTorch_state_dict_loads_by_name_in_pytorch_layouts()
    {
        using TorchGraphReferenceNet model = Loaded();
        string[] names = SafeTensors.Read(Fixture.ModelFile).Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(names, model.Parameters.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(((IModel)model).Buffers);
        Assert.Equal([11, 4], model.Embed.Parameters[0].Shape);
        Assert.Equal([8, 24], model.Stem.Parameters[0].Shape);
        Assert.Equal([8], model.Norm.Parameters[0].Shape);
        Assert.Equal([3, 13], model.Output.Parameters[0].Shape);
    }

    [Theory]
    [InlineData(ModelMode.Eval, "eval_logits")]
    [InlineData(ModelMode.Train, "train_logits")]
    public void Forward_matches_pytorch(ModelMode mode, string expected)
    {
        using TorchGraphReferenceNet model = Loaded();
        model.Mode = mode;
        var logits = new float[Fixture.Labels.Length * 3];

        model.Forward(Fixture.Inputs, logits);

        TorchFixture.AssertClose(Fixture.Expected[expected], logits, expected);
    }

    [Fact]
    public void Loss_and_every_gradient_match_pytorch()
    {
        using TorchGraphReferenceNet model = Loaded();

        float loss = model.ComputeGradients(Fixture.Inputs, Fixture.Labels);

        TorchFixture.AssertClose(Fixture.Expected["loss"], [loss], "loss");
        foreach (ParameterTensor gradient in model.Gradients)
        {
            TorchFixture.AssertClose(Fixture.Expected["grad." + gradient.Name], gradient.Span.ToArray(), "gradient of " + gradient.Name);
        }

        // The script draws ids from 0..9: row 10 of the table is never looked up, so its gradient is exactly zero.
        Assert.All(model.Gradients[0].Span.Slice(10 * 4, 4).ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void One_default_adam_step_moves_every_parameter_like_pytorch()
    {
        using TorchGraphReferenceNet model = Loaded();
        float[] unusedRow = model.Embed.Parameters[0].Span.Slice(10 * 4, 4).ToArray();

        model.TrainStep(Fixture.Inputs, Fixture.Labels);

        foreach (ParameterTensor parameter in model.Parameters)
        {
            TorchFixture.AssertClose(Fixture.Expected["after_step." + parameter.Name], parameter.Span.ToArray(), parameter.Name + " after one step");
        }

        Assert.Equal(13, model.Parameters.Count);
        Assert.Equal(unusedRow, model.Embed.Parameters[0].Span.Slice(10 * 4, 4).ToArray());
    }

    private static TorchGraphReferenceNet Loaded()
    {
        var model = new TorchGraphReferenceNet();
        model.Load(Fixture.ModelFile);
        return model;
    }
}
