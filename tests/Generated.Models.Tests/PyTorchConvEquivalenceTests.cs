using System;
using System.Linq;
using Generated.IO;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Convolution, per-channel batch norm and pooling against PyTorch itself, on a checkpoint PyTorch wrote (Fixtures/,
/// produced by tests/fixtures/pytorch/make_conv_reference.py with torch 1.13): the state dict (Conv2d weight
/// [filters, channels / groups, k, k], BatchNorm2d buffers) loads by name, and eval and train logits, the loss, every
/// gradient and the moved running statistics agree within the tolerance of <see cref="TorchFixture.AssertClose"/>.
/// </summary>
public sealed class PyTorchConvEquivalenceTests
{
    private static readonly TorchFixture Fixture = new("torch_conv");

    [Fact]
    public void PyTorch_state_dict_loads_by_name_in_pytorch_layouts()
    {
        using TorchConvReferenceNet model = Loaded();
        string[] names = SafeTensors.Read(Fixture.ModelFile).Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names, model.Parameters.Concat(((IModel)model).Buffers).Select(t => t.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal([6, 2, 3, 3], model.Conv2.Parameters[0].Shape);
    }

    [Theory]
    [InlineData(ModelMode.Eval, "eval_logits")]
    [InlineData(ModelMode.Train, "train_logits")]
    public void Forward_matches_pytorch(ModelMode mode, string expected)
    {
        using TorchConvReferenceNet model = Loaded();
        model.Mode = mode;
        var logits = new float[Fixture.Labels.Length * 3];
        model.Forward(Fixture.Inputs, logits);
        TorchFixture.AssertClose(Fixture.Expected[expected], logits, expected);
    }

    [Fact]
    public void Loss_every_gradient_and_the_running_statistics_match_pytorch()
    {
        using TorchConvReferenceNet model = Loaded();
        float loss = model.ComputeGradients(Fixture.Inputs, Fixture.Labels);

        TorchFixture.AssertClose(Fixture.Expected["loss"], [loss], "loss");
        foreach (ParameterTensor gradient in model.Gradients)
        {
            TorchFixture.AssertClose(Fixture.Expected["grad." + gradient.Name], gradient.Span.ToArray(), "gradient of " + gradient.Name);
        }

        foreach (ParameterTensor buffer in model.Norm1.Buffers.Where(b => b.Name.Contains("running", StringComparison.Ordinal)))
        {
            TorchFixture.AssertClose(Fixture.Expected["after_forward." + buffer.Name], buffer.Span.ToArray(), buffer.Name);
        }
    }

    private static TorchConvReferenceNet Loaded()
    {
        var model = new TorchConvReferenceNet();
        model.Load(Fixture.ModelFile);
        return model;
    }
}
