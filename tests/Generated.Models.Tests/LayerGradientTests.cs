using System;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Backward passes of the reshaping, activation and batch-normalisation layers, weight penalties and binary
/// cross-entropy on logits against finite differences of the generated forward pass (see <see cref="GradientCheck"/>).
/// </summary>
public sealed class LayerGradientTests
{
    private const int Batch = 4;

    [Fact]
    public void Flatten_of_a_two_dimensional_input() => CheckClassifier(new FlattenModel(), 6, 3);

    [Fact]
    public void Reshape_with_an_elementwise_activation_on_the_rank_two_view_and_a_flatten_back() => CheckClassifier(new ReshapeModel(), 4, 3);

    [Theory]
    [InlineData(ModelMode.Train)]
    [InlineData(ModelMode.Eval)]
    public void Dropout_behind_a_view_of_the_input(ModelMode mode)
    {
        using var model = new FlattenDropoutModel { Mode = mode };
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 6, 12), GradientCheck.RandomInputs(Batch * 2, 13, 0.5f));
    }

    [Fact]
    public void Output_that_is_a_view_of_a_dense_layer()
    {
        using var model = new ReshapedOutputModel();
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 3, 14), GradientCheck.RandomInputs(Batch * 4, 15, 0.5f));
    }

    [Theory]
    [InlineData(typeof(StandaloneReluModel))]
    [InlineData(typeof(StandaloneLeakyReluModel))]
    [InlineData(typeof(StandaloneSigmoidModel))]
    [InlineData(typeof(StandaloneTanhModel))]
    [InlineData(typeof(StandaloneSoftmaxModel))]
    [InlineData(typeof(StandaloneLinearModel))]
    public void Standalone_activation_layer(Type modelType)
    {
        var model = (ISupervisedModel<int>)Activator.CreateInstance(modelType)!;
        CheckClassifier(model, 5, 3);
    }

    [Fact]
    public void Activation_of_the_raw_input_before_any_parameter() => CheckClassifier(new InputActivationModel(), 5, 3);

    [Fact]
    public void Sigmoid_layer_feeding_binary_cross_entropy()
    {
        using var model = new SigmoidLayerBinaryModel();
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 4, 16), [1f, 0f, 0f, 1f]);
    }

    [Fact]
    public void Batch_norm_in_training_mode_for_input_gamma_and_beta()
    {
        // gamma 1 and beta 0 would hide a missing or misplaced factor: move them first. The input gradient is checked
        // through the weights of the dense layer in front, which receive dL/dx of the batch norm.
        using var model = new BatchNormModel();
        Randomize(model.Norm, seed: 17);
        CheckClassifier(model, 5, 3);
    }

    [Fact]
    public void Batch_norm_in_eval_mode_uses_running_statistics_as_constants()
    {
        using var model = new BatchNormModel();
        Randomize(model.Norm, seed: 18);
        float[] x = GradientCheck.RandomInputs(8 * 5, 19);
        int[] y = GradientCheck.RandomLabels(8, 3, 20);
        for (int i = 0; i < 3; i++)
        {
            model.ComputeLoss(x, y); // moves the running statistics away from (0, 1)
        }

        model.Mode = ModelMode.Eval;
        CheckClassifier(model, 5, 3);
    }

    [Fact]
    public void Batch_norm_of_the_input_with_mean_squared_error()
    {
        using var model = new InputBatchNormModel();
        Randomize(model.Norm, seed: 21);
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 3, 22, 2f), GradientCheck.RandomInputs(Batch * 2, 23, 0.5f));
    }

    [Fact]
    public void L1_l2_and_elastic_net_penalties() => CheckClassifier(new PenaltyModel(), 5, 3);

    [Fact]
    public void Binary_cross_entropy_with_logits()
    {
        using var model = new LogitBinaryModel();
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 4, 24, 2f), [1f, 0f, 1f, 0f]);
    }

    /// <summary>Moves gamma and beta of a batch-norm layer to seeded values around (1, 0).</summary>
    internal static void Randomize(Layer norm, long seed)
    {
        float[] noise = GradientCheck.RandomInputs(2 * norm.Parameters[0].Length, seed, 0.5f);
        Span<float> gamma = norm.Parameters[0].Span, beta = norm.Parameters[1].Span;
        for (int j = 0; j < gamma.Length; j++)
        {
            gamma[j] = 1f + noise[j];
            beta[j] = noise[gamma.Length + j];
        }
    }

    private static void CheckClassifier(ISupervisedModel<int> model, int inputs, int classes)
    {
        using (model)
        {
            GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * inputs, 10), GradientCheck.RandomLabels(Batch, classes, 11));
        }
    }
}
