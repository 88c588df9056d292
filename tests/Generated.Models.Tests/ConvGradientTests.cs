using System;
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
    [InlineData(typeof(ConvReluModel))]
    [InlineData(typeof(ConvSmoothModel))]
    [InlineData(typeof(MaxPoolModel))]
    [InlineData(typeof(MaxPoolTiesModel))]
    [InlineData(typeof(AvgPoolModel))]
    [InlineData(typeof(GlobalPoolModel))]
    public void Convolution_and_pooling(Type modelType) => Check((ISupervisedModel<int>)Activator.CreateInstance(modelType)!);

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
