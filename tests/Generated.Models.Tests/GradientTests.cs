using Xunit;

namespace Generated.Models.Tests;

/// <summary>Backward pass of every layer, activation and loss against finite differences (see <see cref="GradientCheck"/>).</summary>
public sealed class GradientTests
{
    private const int Batch = 4;

    [Fact]
    public void Linear_hidden_layer_with_softmax_cross_entropy() => CheckClassifier(new LinearHiddenModel(), 5, 3);

    [Fact]
    public void Relu() => CheckClassifier(new ReluModel(), 5, 3);

    [Fact]
    public void Leaky_relu() => CheckClassifier(new LeakyReluModel(), 5, 3);

    [Fact]
    public void Sigmoid() => CheckClassifier(new SigmoidModel(), 5, 3);

    [Fact]
    public void Tanh() => CheckClassifier(new TanhModel(), 5, 3);

    [Fact]
    public void Softmax_as_hidden_activation() => CheckClassifier(new SoftmaxHiddenModel(), 5, 3);

    [Fact]
    public void Dropout_in_training_mode_and_dense_without_bias() => CheckClassifier(new DropoutModel(), 6, 4);

    [Fact]
    public void Dropouts_drawn_in_their_dense_layers_epilogues() => CheckClassifier(new WideDropoutModel(), 12, 4);

    [Fact]
    public void Dropout_in_eval_mode_is_the_identity()
    {
        using var model = new DropoutModel { Mode = ModelMode.Eval };
        CheckClassifier(model, 6, 4);
    }

    [Fact]
    public void Input_dropout_with_mean_squared_error()
    {
        using var model = new InputDropoutModel();
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 6, 1), GradientCheck.RandomInputs(Batch * 3, 2));
    }

    [Fact]
    public void Binary_cross_entropy_with_sigmoid_output()
    {
        using var model = new BinaryModel();
        float[] targets = [1f, 0f, 0f, 1f];
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 4, 3), targets);
    }

    [Fact]
    public void Mean_squared_error_with_linear_output()
    {
        using var model = new RegressionModel();
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 3, 4), GradientCheck.RandomInputs(Batch * 2, 5));
    }

    [Fact]
    public void Mean_squared_error_with_tanh_output()
    {
        using var model = new MomentumModel();
        GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * 3, 6), GradientCheck.RandomInputs(Batch * 2, 7, 0.5f));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Wide_model_split_over_threads(int threads)
    {
        // Inputs of 300 and a batch of 8 exercise full vector tiles, K blocking and the worker split.
        using var model = new WideModel(new ModelOptions { Threads = threads });
        GradientCheck.Verify(model, GradientCheck.RandomInputs(8 * 300, 8), GradientCheck.RandomLabels(8, 10, 9));
    }

    private static void CheckClassifier(ISupervisedModel<int> model, int inputs, int classes)
    {
        using (model)
        {
            GradientCheck.Verify(model, GradientCheck.RandomInputs(Batch * inputs, 10), GradientCheck.RandomLabels(Batch, classes, 11));
        }
    }
}
