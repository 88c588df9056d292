using System;

namespace Generated.Kernels;

/// <summary>
/// Weight initialisers (Glorot and Bengio 2010; He et al. 2015; LeCun et al. 1998; Saxe et al. 2014), plain uniform
/// and normal draws, and constants. Biases start at zero.
/// </summary>
public static class Initializers
{
    /// <summary>
    /// Fills <paramref name="weights"/> for a layer with the given fans, drawing from <paramref name="rng"/>.
    /// <paramref name="parameter"/> is the value for <see cref="Init.Constant"/>, the limit for <see cref="Init.Uniform"/>,
    /// the standard deviation for <see cref="Init.Normal"/> and the gain for <see cref="Init.Orthogonal"/> (the generator
    /// passes the declared value or the initialiser's default). Constant kinds draw nothing.
    /// </summary>
    public static void Fill(Span<float> weights, Init init, int fanIn, int fanOut, ref Rng rng, float parameter = 0f)
    {
        switch (init)
        {
            case Init.XavierUniform:
                Uniform(weights, Math.Sqrt(6.0 / (fanIn + fanOut)), ref rng);
                break;
            case Init.XavierNormal:
                Normal(weights, Math.Sqrt(2.0 / (fanIn + fanOut)), ref rng);
                break;
            case Init.HeUniform:
                Uniform(weights, Math.Sqrt(6.0 / fanIn), ref rng);
                break;
            case Init.HeNormal:
                Normal(weights, Math.Sqrt(2.0 / fanIn), ref rng);
                break;
            case Init.LeCunUniform:
                Uniform(weights, Math.Sqrt(3.0 / fanIn), ref rng);
                break;
            case Init.LeCunNormal:
                Normal(weights, Math.Sqrt(1.0 / fanIn), ref rng);
                break;
            case Init.Zeros:
                weights.Clear();
                break;
            case Init.Ones:
                weights.Fill(1f);
                break;
            case Init.Constant:
                weights.Fill(parameter);
                break;
            case Init.Uniform:
                Uniform(weights, parameter, ref rng);
                break;
            case Init.Normal:
                Normal(weights, parameter, ref rng);
                break;
            case Init.Orthogonal:
                // A unit's incoming weights are one row of fanIn values (a filter's, for a convolution).
                OrthogonalInitializer.Fill(weights, weights.Length / fanIn, fanIn, parameter, ref rng);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(init), init, "The generator resolves Init.Auto before run time.");
        }
    }

    private static void Uniform(Span<float> weights, double limit, ref Rng rng)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(((2.0 * rng.NextDouble()) - 1.0) * limit);
        }
    }

    private static void Normal(Span<float> weights, double standardDeviation, ref Rng rng)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(rng.NextGaussian() * standardDeviation);
        }
    }
}
