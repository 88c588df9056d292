using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>Activation functions and their derivatives, forward and backward side by side.</summary>
public static class Activations
{
    /// <summary>y = f(x) over one row in place (Softmax normalises the whole row).</summary>
    public static void ApplyInPlace(Span<float> row, Activation activation, float alpha)
    {
        // The dense epilogue calls this for every output row: the identity must not cost a copy.
        if (activation != Activation.Linear)
        {
            Apply(row, row, activation, alpha);
        }
    }

    /// <summary>y = f(x) over one row (Softmax normalises the whole row); <paramref name="y"/> may be <paramref name="x"/>.</summary>
    public static void Apply(ReadOnlySpan<float> x, Span<float> y, Activation activation, float alpha)
    {
        switch (activation)
        {
            case Activation.Linear:
                x.CopyTo(y);
                break;
            case Activation.ReLU:
                TensorPrimitives.Max(x, 0f, y);
                break;
            case Activation.LeakyReLU:
                Rectifiers.LeakyForward(x, y, alpha);
                break;
            case Activation.Sigmoid:
                TensorPrimitives.Sigmoid(x, y);
                break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(x, y);
                break;
            case Activation.Softmax:
                x.CopyTo(y);
                SoftmaxInPlace(y);
                break;
            case Activation.ELU:
                SmoothActivations.EluForward(x, y, alpha);
                break;
            case Activation.SELU:
                SmoothActivations.SeluForward(x, y);
                break;
            case Activation.GELU:
                SmoothActivations.GeluForward(x, y);
                break;
            case Activation.Swish:
                SmoothActivations.SwishForward(x, y);
                break;
            case Activation.Softplus:
                SmoothActivations.SoftplusForward(x, y);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>True for the activations whose derivative needs the pre-activation x, not just y (GELU, Swish).</summary>
    public static bool NeedsInput(Activation activation) => activation is Activation.GELU or Activation.Swish;

    /// <summary>
    /// Turns dL/dy into dL/dz in place, using only the activation's output y (so the pre-activation
    /// never has to be stored): relu' = [y &gt; 0], sigmoid' = y(1 - y), tanh' = 1 - y², elu' = y + alpha below
    /// zero, softplus' = 1 - e^-y, and for softmax the Jacobian-vector product dz_i = y_i (g_i - Σ_j g_j y_j).
    /// GELU and Swish need the input too: use the overload that takes it.
    /// </summary>
    public static void BackwardInPlace(Span<float> gradient, ReadOnlySpan<float> output, Activation activation, float alpha) =>
        BackwardInPlace(gradient, ReadOnlySpan<float>.Empty, output, activation, alpha);

    /// <summary>
    /// Turns dL/dy into dL/dz in place from the output y and, for <see cref="NeedsInput"/> activations, the
    /// pre-activation <paramref name="input"/> (empty otherwise).
    /// </summary>
    public static void BackwardInPlace(Span<float> gradient, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Activation activation, float alpha)
    {
        if (NeedsInput(activation) && input.Length != gradient.Length)
        {
            throw new ArgumentException($"{activation}'s derivative needs the pre-activation of every element ({gradient.Length}), got {input.Length}.", nameof(input));
        }

        switch (activation)
        {
            case Activation.Linear:
                break;
            case Activation.ReLU:
                Rectifiers.Backward(gradient, output, 0f);
                break;
            case Activation.LeakyReLU:
                Rectifiers.Backward(gradient, output, alpha);
                break;
            case Activation.Sigmoid:
                for (int i = 0; i < gradient.Length; i++)
                {
                    float y = output[i];
                    gradient[i] *= y * (1f - y);
                }

                break;
            case Activation.Tanh:
                for (int i = 0; i < gradient.Length; i++)
                {
                    float y = output[i];
                    gradient[i] *= 1f - (y * y);
                }

                break;
            case Activation.Softmax:
                float dot = TensorPrimitives.Dot(gradient, output);
                for (int i = 0; i < gradient.Length; i++)
                {
                    gradient[i] = output[i] * (gradient[i] - dot);
                }

                break;
            case Activation.ELU:
                SmoothActivations.EluBackward(gradient, output, alpha);
                break;
            case Activation.SELU:
                SmoothActivations.SeluBackward(gradient, output);
                break;
            case Activation.GELU:
                SmoothActivations.GeluBackward(gradient, input);
                break;
            case Activation.Swish:
                SmoothActivations.SwishBackward(gradient, input);
                break;
            case Activation.Softplus:
                SmoothActivations.SoftplusBackward(gradient, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>
    /// A stand-alone activation layer: y = f(x) for <paramref name="x"/> holding rows of <paramref name="features"/>.
    /// Element-wise functions run over the whole batch in one call; Softmax normalises each row.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, int features, Activation activation, float alpha)
    {
        if (activation != Activation.Softmax)
        {
            Apply(x, y, activation, alpha);
            return;
        }

        for (int start = 0; start < y.Length; start += features)
        {
            Apply(x.Slice(start, features), y.Slice(start, features), activation, alpha);
        }
    }

    /// <summary>Backward of <see cref="Forward"/>: dL/dy becomes dL/dx in place, from the stored output y only.</summary>
    public static void Backward(Span<float> gradient, ReadOnlySpan<float> y, int features, Activation activation, float alpha) =>
        Backward(gradient, ReadOnlySpan<float>.Empty, y, features, activation, alpha);

    /// <summary>
    /// Backward of <see cref="Forward"/> from the layer's input <paramref name="x"/> (needed by GELU and Swish; may be
    /// empty for the others) and its output <paramref name="y"/>.
    /// </summary>
    public static void Backward(Span<float> gradient, ReadOnlySpan<float> x, ReadOnlySpan<float> y, int features, Activation activation, float alpha)
    {
        if (activation != Activation.Softmax)
        {
            BackwardInPlace(gradient, x, y, activation, alpha);
            return;
        }

        for (int start = 0; start < gradient.Length; start += features)
        {
            BackwardInPlace(gradient.Slice(start, features), y.Slice(start, features), activation, alpha);
        }
    }

    /// <summary>Numerically stable softmax: subtract the row maximum before exponentiating.</summary>
    public static void SoftmaxInPlace(Span<float> row)
    {
        float max = TensorPrimitives.Max(row);
        TensorPrimitives.Subtract(row, max, row);
        TensorPrimitives.Exp(row, row);
        float sum = TensorPrimitives.Sum(row);
        TensorPrimitives.Divide(row, sum, row);
    }
}
