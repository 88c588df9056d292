using System;

namespace Generated.Training;

/// <summary>Ready-made values for <see cref="TrainerOptions.LearningRateSchedule"/>.</summary>
public static class LearningRateSchedules
{
    /// <summary>
    /// Cosine annealing over <paramref name="epochs"/> epochs (Loshchilov and Hutter, without restarts): epoch 1 runs at
    /// <paramref name="initial"/>, and the rate follows half a cosine down towards <paramref name="final"/>, which the
    /// epoch after the last would reach. Large steps early explore, small ones late settle into a minimum.
    /// </summary>
    public static Func<int, double> Cosine(double initial, int epochs, double final = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        return epoch => final + ((initial - final) * (1 + Math.Cos(Math.PI * (epoch - 1) / epochs)) / 2);
    }
}
