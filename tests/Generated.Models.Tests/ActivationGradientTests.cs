using System;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// ELU, SELU, GELU, Swish and Softplus through generated code: the dense epilogue (both the dot-product path of narrow
/// layers and the GEMM path of wide ones) and the stand-alone layer, against finite differences (see <see cref="GradientCheck"/>).
/// </summary>
public sealed class ActivationGradientTests
{
    private const int Batch = 4;

    [Theory]
    [InlineData(typeof(DenseEluModel))]
    [InlineData(typeof(DenseSeluModel))]
    [InlineData(typeof(DenseGeluModel))]
    [InlineData(typeof(DenseSwishModel))]
    [InlineData(typeof(DenseSoftplusModel))]
    [InlineData(typeof(WideSmoothModel))]
    [InlineData(typeof(StandaloneEluModel))]
    [InlineData(typeof(StandaloneSeluModel))]
    [InlineData(typeof(StandaloneGeluModel))]
    [InlineData(typeof(StandaloneSwishModel))]
    [InlineData(typeof(StandaloneSoftplusModel))]
    [InlineData(typeof(NormGeluModel))]
    public void Backward_matches_finite_differences(Type modelType)
    {
        using var model = (ISupervisedModel<int>)Activator.CreateInstance(modelType)!;
        // Inputs of scale 2 put pre-activations on both sides of zero and into the curved parts of every function.
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 5, 60, 2f), GradientCheck.RandomLabels(Batch, 3, 61));
    }

    [Fact]
    public void Dense_and_standalone_forms_compute_the_same_function()
    {
        // Same seed, same first layer: copying the weights makes Dense(6, GELU) and Dense(6) + [Activation(GELU)] one network.
        using var dense = new DenseGeluModel();
        using var standalone = new StandaloneGeluModel();
        for (int i = 0; i < dense.Parameters.Count; i++)
        {
            dense.Parameters[i].Span.CopyTo(standalone.Parameters[i].Span);
        }

        float[] x = GradientCheck.RandomInputs(Batch * 5, 62, 2f);
        var a = new float[Batch * 3];
        var b = new float[Batch * 3];
        dense.Forward(x, a);
        standalone.Forward(x, b);
        Assert.Equal(a, b);
    }
}
