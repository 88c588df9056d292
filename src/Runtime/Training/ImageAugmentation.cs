using System;

namespace Generated.Training;

/// <summary>
/// Random, label-preserving changes to [channels, height, width] training images (NCHW per sample), applied in place as
/// the trainer gathers each batch: a horizontal mirror with probability 1/2 and a translation by up to
/// <see cref="MaxShift"/> pixels along each axis, the uncovered border filled with 0. Each epoch draws from its own
/// seeded stream, so a fit is reproducible; nothing is allocated.
/// </summary>
/// <param name="Channels">Channels of one image.</param>
/// <param name="Height">Rows of one image.</param>
/// <param name="Width">Columns of one image.</param>
public sealed record ImageAugmentation(int Channels, int Height, int Width)
{
    /// <summary>Mirror left-right with probability 1/2 (right for clothes, wrong for digits or text).</summary>
    public bool FlipHorizontal { get; init; }

    /// <summary>Largest translation in pixels along each axis (0: none).</summary>
    public int MaxShift { get; init; }

    private int SampleSize => Channels * Height * Width;

    /// <summary>Augments every image of <paramref name="samples"/> (a whole number of images) in place.</summary>
    public void Apply(Span<float> samples, ref Rng rng)
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0 || samples.Length % SampleSize != 0)
        {
            throw new ArgumentException($"The batch holds {samples.Length} floats, not a whole number of [{Channels}, {Height}, {Width}] images.", nameof(samples));
        }

        for (int start = 0; start < samples.Length; start += SampleSize)
        {
            Span<float> image = samples.Slice(start, SampleSize);
            bool flip = FlipHorizontal && rng.NextDouble() < 0.5;
            int down = MaxShift > 0 ? rng.NextInt((2 * MaxShift) + 1) - MaxShift : 0;
            int right = MaxShift > 0 ? rng.NextInt((2 * MaxShift) + 1) - MaxShift : 0;
            for (int c = 0; c < Channels; c++)
            {
                Span<float> plane = image.Slice(c * Height * Width, Height * Width);
                if (flip)
                {
                    for (int h = 0; h < Height; h++)
                    {
                        plane.Slice(h * Width, Width).Reverse();
                    }
                }

                Shift(plane, down, right);
            }
        }
    }

    /// <summary>
    /// Moves the plane <paramref name="down"/> rows and <paramref name="right"/> columns in place: rows are visited away
    /// from the direction of travel so every source row is read before it is overwritten (a row moving within itself is
    /// a memmove).
    /// </summary>
    private void Shift(Span<float> plane, int down, int right)
    {
        if (down == 0 && right == 0)
        {
            return;
        }

        int keep = Width - Math.Abs(right);
        for (int step = 0; step < Height; step++)
        {
            int h = down > 0 ? Height - 1 - step : step;
            Span<float> row = plane.Slice(h * Width, Width);
            int source = h - down;
            if (source < 0 || source >= Height || keep <= 0)
            {
                row.Clear();
                continue;
            }

            plane.Slice((source * Width) + Math.Max(0, -right), keep).CopyTo(row.Slice(Math.Max(0, right), keep));
            row.Slice(right > 0 ? 0 : keep, Width - keep).Clear();
        }
    }
}
