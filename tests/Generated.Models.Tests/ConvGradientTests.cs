using System;
using Generated.Kernels;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Backward passes of convolution, pooling, per-channel batch norm and spatial dropout against finite differences of the
/// generated forward pass (see <see cref="GradientCheck"/>), for every parameter of models that put a trainable layer in
/// front of the layer under test, so its input gradient is checked too.
/// </summary>
public sealed class ConvGradientTests
{
    private const int Batch = 4;

    [Theory]
    [InlineData(typeof(ConvPlainModel))]
    [InlineData(typeof(ConvStridedSameModel))]
    [InlineData(typeof(ConvDilatedModel))]
    [InlineData(typeof(ConvGroupedModel))]
    [InlineData(typeof(ConvWinogradModel))]
    [InlineData(typeof(ConvReluModel))]
    [InlineData(typeof(ConvSmoothModel))]
    [InlineData(typeof(MaxPoolModel))]
    [InlineData(typeof(MaxPoolTiesModel))]
    [InlineData(typeof(AvgPoolModel))]
    [InlineData(typeof(GlobalPoolModel))]
    public void Convolution_and_pooling(Type modelType) => Check((ISupervisedModel<int>)Activator.CreateInstance(modelType)!);

    /// <summary>
    /// The layers of <see cref="ConvWinogradModel"/> and <see cref="TorchWinogradReferenceNet"/> (whose PyTorch
    /// equivalence test relies on it) do take the Winograd form: their windows as the shape inference plans them.
    /// </summary>
    [Fact]
    public void The_winograd_models_layers_take_the_winograd_form()
    {
        using var engine = new KernelEngine(1, 0);
        Assert.Equal(ConvolutionForm.Winograd, engine.ConvolutionFormFor(new Window2D(8, 6, 7, 3, 1, 1, 1, 1, 6, 7), 8, 1));
        Assert.Equal(ConvolutionForm.Winograd, engine.ConvolutionFormFor(new Window2D(8, 6, 7, 3, 1, 1, 0, 0, 4, 5), 9, 1));
        Assert.Equal(ConvolutionForm.Winograd, engine.ConvolutionFormFor(new Window2D(8, 9, 10, 3, 1, 1, 1, 1, 9, 10), 12, 1));
        Assert.Equal(ConvolutionForm.Winograd, engine.ConvolutionFormFor(new Window2D(12, 9, 10, 3, 1, 1, 0, 0, 7, 8), 8, 1));
    }

    [Theory]
    [InlineData(ModelMode.Train)]
    [InlineData(ModelMode.Eval)]
    public void Per_channel_batch_norm(ModelMode mode)
    {
        using var model = new ConvBatchNormModel();
        LayerGradientTests.Randomize(model.Norm, seed: 60);
        if (mode == ModelMode.Eval)
        {
            // Move the running statistics away from (0, 1) first: eval mode must treat them as constants.
            float[] x = GradientCheck.RandomInputs(8 * model.InputSize, 61);
            int[] y = GradientCheck.RandomLabels(8, 3, 62);
            for (int i = 0; i < 3; i++)
            {
                model.ComputeLoss(x, y);
            }
        }

        model.Mode = mode;
        Check(model);
    }

    /// <summary>
    /// A ReLU fused into the batch norm before it (the generator's choice when it is the norm's only reader) against the
    /// same network with a leaky ReLU of slope 0, which is never fused: five training steps, then eval-mode outputs and
    /// gradients, must agree to the bit. (A finite-difference check is no use here: after a batch norm many inputs sit
    /// next to the ReLU's kink.)
    /// </summary>
    [Fact]
    public void Fused_batch_norm_relu_trains_like_the_unfused_pair()
    {
        using var fused = new ConvBatchNormReluModel();
        using var unfused = new ConvBatchNormLeakyModel();
        for (int step = 0; step < 5; step++)
        {
            float[] x = GradientCheck.RandomInputs(8 * fused.InputSize, 70 + step);
            int[] y = GradientCheck.RandomLabels(8, 3, 80 + step);
            Assert.Equal(unfused.TrainStep(x, y), fused.TrainStep(x, y));
        }

        for (int p = 0; p < fused.Parameters.Count; p++)
        {
            Assert.Equal(unfused.Parameters[p].Span.ToArray(), fused.Parameters[p].Span.ToArray());
        }

        // Eval mode (running statistics): the same outputs and the same gradients.
        float[] probe = GradientCheck.RandomInputs(8 * fused.InputSize, 90);
        int[] labels = GradientCheck.RandomLabels(8, 3, 91);
        var a = new float[8 * 3];
        var b = new float[8 * 3];
        fused.Mode = unfused.Mode = ModelMode.Eval;
        fused.Forward(probe, a);
        unfused.Forward(probe, b);
        Assert.Equal(b, a);
        Assert.Equal(unfused.ComputeGradients(probe, labels), fused.ComputeGradients(probe, labels));
        for (int p = 0; p < fused.Gradients.Count; p++)
        {
            Assert.Equal(unfused.Gradients[p].Span.ToArray(), fused.Gradients[p].Span.ToArray());
        }

        // The comparison has teeth: some units are off (the mask matters) and the gradient reaches the first layer.
        Assert.Contains(fused.Gradients[0].Span.ToArray(), g => g != 0f);
    }

    [Theory]
    [InlineData(ModelMode.Train)]
    [InlineData(ModelMode.Eval)]
    public void Spatial_dropout(ModelMode mode)
    {
        using var model = new SpatialDropoutModel { Mode = mode };
        Check(model);
    }

    private static void Check(ISupervisedModel<int> model)
    {
        using (model)
        {
            GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * model.InputSize, 63), GradientCheck.RandomLabels(Batch, 3, 64));
        }
    }
}
