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
public sealed class PyTorchConvEquivalenceTests : TorchConvEquivalence<TorchConvReferenceNet>
{
    public PyTorchConvEquivalenceTests()
        : base("torch_conv")
    {
    }

    [Fact]
    public void Grouped_weight_has_pytorch_layout()
    {
        using TorchConvReferenceNet model = Loaded();
        Assert.Equal([6, 2, 3, 3], model.Conv2.Parameters[0].Shape);
    }
}

/// <summary>The same against a network whose 3x3 layers of 8 and more channels take the Winograd form.</summary>
public sealed class PyTorchWinogradEquivalenceTests : TorchConvEquivalence<TorchWinogradReferenceNet>
{
    public PyTorchWinogradEquivalenceTests()
        : base("torch_winograd")
    {
    }
}

/// <summary>The comparisons every convolutional fixture gets: names and layouts, forward in both modes, gradients.</summary>
public abstract class TorchConvEquivalence<TModel>
    where TModel : ISupervisedModel<int>, new()
{
    private readonly TorchFixture _fixture;

    protected TorchConvEquivalence(string fixture) => _fixture = new TorchFixture(fixture);

    [Fact]
    public void PyTorch_state_dict_loads_by_name_in_pytorch_layouts()
    {
        using TModel model = Loaded();
        string[] names = SafeTensors.Read(_fixture.ModelFile).Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names, model.Parameters.Concat(model.Buffers).Select(t => t.Name).Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData(ModelMode.Eval, "eval_logits")]
    [InlineData(ModelMode.Train, "train_logits")]
    public void Forward_matches_pytorch(ModelMode mode, string expected)
    {
        using TModel model = Loaded();
        model.Mode = mode;
        var logits = new float[_fixture.Labels.Length * model.OutputSize];
        model.Forward(_fixture.Inputs, logits);
        TorchFixture.AssertClose(_fixture.Expected[expected], logits, expected);
    }

    [Fact]
    public void Loss_every_gradient_and_the_running_statistics_match_pytorch()
    {
        using TModel model = Loaded();
        float loss = model.ComputeGradients(_fixture.Inputs, _fixture.Labels);

        TorchFixture.AssertClose(_fixture.Expected["loss"], [loss], "loss");
        foreach (ParameterTensor gradient in model.Gradients)
        {
            TorchFixture.AssertClose(_fixture.Expected["grad." + gradient.Name], gradient.Span.ToArray(), "gradient of " + gradient.Name);
        }

        foreach (ParameterTensor buffer in model.Buffers.Where(b => b.Name.Contains("running", StringComparison.Ordinal)))
        {
            TorchFixture.AssertClose(_fixture.Expected["after_forward." + buffer.Name], buffer.Span.ToArray(), buffer.Name);
        }
    }

    protected TModel Loaded()
    {
        var model = new TModel();
        model.Load(_fixture.ModelFile);
        return model;
    }
}
