using System;
using System.Globalization;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>
/// Embedding lookup, PyTorch <c>nn.Embedding(vocabulary, dimension)</c> semantics, forward and backward side by side.
/// The weight is [vocabulary, dimension] row-major; the input is a [batch, tokens] span of token ids held as floats
/// (a model's input is float), and the output [batch, tokens, dimension] holds the weight row of every token.
/// </summary>
/// <remarks>
/// Every id must be an integer in [0, vocabulary): a fraction, a negative or too large id, NaN or an infinity is refused
/// with an <see cref="ArgumentException"/> naming the sample, the token position, the value and the valid range. Ids are
/// checked before anything is written, so a refused batch changes nothing. The backward pass checks them again (a
/// compare or two per token, next to a row of <c>dimension</c> additions) so a stray id can never write outside the
/// weight gradient.
/// </remarks>
public static class Embedding
{
    /// <summary>y[b, t, :] = weight[ids[b, t], :] for every sample b and token t.</summary>
    /// <exception cref="ArgumentException">An id is not an integer in [0, <paramref name="vocabulary"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A span is shorter than the shape needs (checked before anything is written).</exception>
    public static void Forward(
        ReadOnlySpan<float> ids, ReadOnlySpan<float> weight, Span<float> y, int batch, int tokens, int vocabulary, int dimension)
    {
        int count = CheckShape(batch, tokens, vocabulary, dimension);
        ids = ids.Slice(0, count);
        weight = weight.Slice(0, checked(vocabulary * dimension));
        y = y.Slice(0, checked(count * dimension));
        CheckIds(ids, tokens, vocabulary);
        for (int i = 0; i < count; i++)
        {
            weight.Slice((int)ids[i] * dimension, dimension).CopyTo(y.Slice(i * dimension, dimension));
        }
    }

    /// <summary>
    /// Backward of <see cref="Forward"/>: the weight gradient is cleared (overwritten, not accumulated, as every parameter
    /// gradient of a step), then the output gradient of every token is added to the row of its id, so an id repeated in
    /// the batch collects the sum of its tokens' gradients. Ids never seen get a zero row. The input has no gradient.
    /// </summary>
    /// <exception cref="ArgumentException">An id is not an integer in [0, <paramref name="vocabulary"/>) (checked before anything is written).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A span is shorter than the shape needs (checked before anything is written).</exception>
    public static void Backward(
        ReadOnlySpan<float> ids, ReadOnlySpan<float> gradient, Span<float> weightGradient, int batch, int tokens, int vocabulary, int dimension)
    {
        int count = CheckShape(batch, tokens, vocabulary, dimension);
        ids = ids.Slice(0, count);
        gradient = gradient.Slice(0, checked(count * dimension));
        weightGradient = weightGradient.Slice(0, checked(vocabulary * dimension));
        CheckIds(ids, tokens, vocabulary);
        weightGradient.Clear();
        for (int i = 0; i < count; i++)
        {
            Span<float> row = weightGradient.Slice((int)ids[i] * dimension, dimension);
            TensorPrimitives.Add(row, gradient.Slice(i * dimension, dimension), row);
        }
    }

    /// <summary>Number of tokens in the batch, after checking the sizes are usable.</summary>
    private static int CheckShape(int batch, int tokens, int vocabulary, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabulary);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        return checked(batch * tokens);
    }

    /// <summary>
    /// Refuses the first id that is not an integer in [0, vocabulary), naming its sample and token. A model calls this on
    /// its whole input before running any chunk of it, so the sample named is the caller's and nothing is written.
    /// </summary>
    /// <exception cref="ArgumentException">An id is not an integer in [0, <paramref name="vocabulary"/>).</exception>
    public static void CheckIds(ReadOnlySpan<float> ids, int tokens, int vocabulary)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            // Compared in double: exact for every float and every int, so no id near a large vocabulary is rounded in.
            // Written so that NaN (every comparison false) is refused too.
            double id = ids[i];
            if (!(id >= 0 && id < vocabulary && id == Math.Floor(id)))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"Embedding input sample {i / tokens}, token {i % tokens}: id {ids[i]} is not an integer in [0, {vocabulary}) (a row of the {vocabulary}-row weight)."),
                    nameof(ids));
            }
        }
    }
}
