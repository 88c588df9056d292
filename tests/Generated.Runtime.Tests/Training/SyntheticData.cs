using System;
using Generated;
using Generated.Training;

namespace Generated.Runtime.Tests.Training;

/// <summary>Linearly separable toy problems drawn from the seeded <see cref="Rng"/>.</summary>
public static class SyntheticData
{
    /// <summary>Gaussian blobs (sigma 0.5) around well-separated centres in 2-D, labels 0..classes-1.</summary>
    public static Dataset<int> Blobs(int count, int classes, long seed)
    {
        var rng = new Rng(seed);
        float[] features = new float[count * 2];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = rng.NextInt(classes);
            double angle = 2 * Math.PI * label / classes;
            features[i * 2] = (float)(3 * Math.Cos(angle) + 0.5 * rng.NextGaussian());
            features[i * 2 + 1] = (float)(3 * Math.Sin(angle) + 0.5 * rng.NextGaussian());
            labels[i] = label;
        }

        return new Dataset<int>(features, labels, 2);
    }

    /// <summary>Points in 2-D labelled 1 above the line x + y = 0 (with a margin), else 0, as float targets.</summary>
    public static Dataset<float> HalfPlanes(int count, long seed)
    {
        var rng = new Rng(seed);
        float[] features = new float[count * 2];
        float[] targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            float x;
            float y;
            do
            {
                x = rng.NextSingle() * 4 - 2;
                y = rng.NextSingle() * 4 - 2;
            }
            while (MathF.Abs(x + y) < 0.3f);

            features[i * 2] = x;
            features[i * 2 + 1] = y;
            targets[i] = x + y > 0 ? 1f : 0f;
        }

        return new Dataset<float>(features, targets, 2);
    }
}
