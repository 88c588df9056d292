using System;
using System.Linq;
using Generated.Training;
using Xunit;

namespace Generated.Runtime.Tests.Training;

/// <summary>Image augmentation and learning-rate schedules: exact pixel moves, reproducibility, no allocation.</summary>
public sealed class TrainingRecipeTests
{
    [Fact]
    public void Shifts_move_pixels_and_fill_the_border_with_zero()
    {
        // Every possible (mirror, shift) draw of a 2x3x4 image is one of the transforms a direct formula gives.
        var augmentation = new ImageAugmentation(2, 3, 4) { FlipHorizontal = true, MaxShift = 1 };
        float[] image = Enumerable.Range(1, 24).Select(v => (float)v).ToArray();
        var rng = new Rng(5);
        int seen = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            float[] copy = (float[])image.Clone();
            augmentation.Apply(copy, ref rng);
            Assert.Contains(Candidates(image), candidate => candidate.SequenceEqual(copy));
            seen |= 1 << Array.FindIndex(Candidates(image), candidate => candidate.SequenceEqual(copy));
        }

        Assert.Equal((1 << 18) - 1, seen); // all 2 mirrors x 9 shifts occur
    }

    [Fact]
    public void The_same_stream_gives_the_same_batch_and_nothing_is_allocated()
    {
        var augmentation = new ImageAugmentation(1, 28, 28) { FlipHorizontal = true, MaxShift = 2 };
        float[] batch = Enumerable.Range(0, 8 * 784).Select(v => (float)(v % 97)).ToArray();
        float[] first = (float[])batch.Clone(), second = (float[])batch.Clone();
        var a = new Rng(1, 2);
        var b = new Rng(1, 2);
        augmentation.Apply(first, ref a);
        long before = GC.GetAllocatedBytesForCurrentThread();
        augmentation.Apply(second, ref b);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(first, second);
        Assert.Throws<ArgumentException>(() => augmentation.Apply(new float[783], ref a));
    }

    [Fact]
    public void Cosine_annealing_starts_at_the_initial_rate_and_falls_to_the_final_one()
    {
        Func<int, double> schedule = LearningRateSchedules.Cosine(1e-3, 10, 1e-5);
        Assert.Equal(1e-3, schedule(1), 12);
        Assert.Equal((1e-3 + 1e-5) / 2, schedule(6), 12); // halfway: cos(π/2) = 0
        Assert.True(schedule(10) < 4e-5);
        Assert.True(Enumerable.Range(1, 9).All(e => schedule(e + 1) < schedule(e)));
    }

    [Fact]
    public void The_trainer_sets_each_epochs_rate_before_it_starts()
    {
        using var model = new RecordingModel(maxBatch: 8);
        var epochs = new System.Collections.Generic.List<int>();
        var trainer = new Trainer<int>(new TrainerOptions
        {
            Epochs = 3,
            BatchSize = 4,
            Progress = ProgressMode.None,
            LearningRateSchedule = epoch =>
            {
                epochs.Add(epoch);
                return epoch * 0.25;
            },
        });
        trainer.Fit(model, RecordingModel.IdDataset(8));
        Assert.Equal([1, 2, 3], epochs);
        Assert.Equal(0.75, model.LearningRate);
    }

    /// <summary>The 18 images a mirror (or not) and a shift in {-1, 0, 1}² can make, by a direct formula.</summary>
    private static float[][] Candidates(float[] image)
    {
        var candidates = new float[18][];
        int index = 0;
        foreach (bool flip in new[] { false, true })
        {
            for (int down = -1; down <= 1; down++)
            {
                for (int right = -1; right <= 1; right++)
                {
                    var result = new float[24];
                    for (int c = 0; c < 2; c++)
                    {
                        for (int h = 0; h < 3; h++)
                        {
                            for (int w = 0; w < 4; w++)
                            {
                                int sh = h - down, sw = w - right;
                                if (sh is >= 0 and < 3 && sw is >= 0 and < 4)
                                {
                                    result[(c * 12) + (h * 4) + w] = image[(c * 12) + (sh * 4) + (flip ? 3 - sw : sw)];
                                }
                            }
                        }
                    }

                    candidates[index++] = result;
                }
            }
        }

        return candidates;
    }
}
