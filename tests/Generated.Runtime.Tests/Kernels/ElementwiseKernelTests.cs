using System;
using System.Linq;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Stand-alone activation layers and dropout's backward product split over two workers give the same bits as one
/// thread, on buffers large enough to be split (and softmax only ever split between rows).
/// </summary>
public sealed class ElementwiseKernelTests
{
    // More than the split threshold, not a multiple of the 16-float alignment, and whole rows of 10 for softmax.
    private const int Length = 70_010;

    [Theory]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.LeakyReLU)]
    [InlineData(Activation.GELU)]
    [InlineData(Activation.Swish)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Softmax)]
    public void Split_activation_passes_match_one_thread(Activation activation)
    {
        const int features = 10;
        float[] x = Random(Length, 1), dy = Random(Length, 2);
        (float[] y1, float[] dx1) = Run(threads: 1, x, dy, features, activation);
        (float[] y2, float[] dx2) = Run(threads: 2, x, dy, features, activation);

        Assert.Equal(y1, y2);
        Assert.Equal(dx1, dx2);

        // And both are the activation itself: the serial kernel on the whole buffer.
        var expected = new float[Length];
        Activations.Forward(x, expected, features, activation, 0.1f);
        Assert.Equal(expected, y2);
        if (activation == Activation.Softmax)
        {
            Assert.Equal(1.0, (double)y2.AsSpan(features * 123, features).ToArray().Sum(), 5);
        }
    }

    [Fact]
    public void Split_dropout_backward_multiplies_by_the_mask()
    {
        float[] gradient = Random(Length, 3), mask = Random(Length, 4);
        float[] expected = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            expected[i] = gradient[i] * mask[i];
        }

        using var engine = new KernelEngine(2, 0);
        engine.DropoutBackward(gradient, mask);
        Assert.Equal(expected, gradient);
    }

    [Fact]
    public void Dropout_masks_depend_on_the_seed_and_call_not_on_the_thread_count()
    {
        float[] x = Random(Length, 5);
        (float[] mask1, float[] y1, float[] second1) = Dropout(threads: 1, x);
        (float[] mask2, float[] y2, float[] second2) = Dropout(threads: 2, x);

        Assert.Equal(mask1, mask2);
        Assert.Equal(y1, y2);
        Assert.Equal(second1, second2);
        Assert.NotEqual(mask2, second2); // each call draws a new mask

        // Inverted dropout at rate 0.3: every mask value is 0 or 1/0.7, about 70% kept (binomial sd ≈ 0.0017), y = x·mask.
        float scale = 1f / 0.7f;
        Assert.All(mask2, m => Assert.True(m == 0f || m == scale, $"mask value {m}"));
        double kept = mask2.Count(m => m != 0f) / (double)Length;
        Assert.InRange(kept, 0.69, 0.71);
        for (int i = 0; i < Length; i++)
        {
            Assert.Equal(x[i] * mask2[i], y2[i]);
        }
    }

    /// <summary>
    /// The vector draw (sixteen elements at a time on AVX-512) is the scalar finaliser bit for bit: for ranges that start
    /// and end anywhere, on every level this CPU has, every mask value is the one the scalar formula gives.
    /// </summary>
    [Theory]
    [InlineData(0, 1000)]
    [InlineData(3, 40)]
    [InlineData(16, 17)]
    [InlineData(5, 5)]
    public unsafe void Dropout_masks_are_the_scalar_draw_at_every_width(int start, int end)
    {
        const ulong Key = 0xDEADBEEF12345678UL;
        const float Keep = 0.6f, Scale = 1f / 0.6f;
        float[] x = Random(end + 16, 9), mask = new float[end + 16], y = new float[end + 16];
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            if (level > SimdSelection.Best)
            {
                continue;
            }

            Array.Fill(mask, -1f);
            fixed (float* px = x, pm = mask, py = y)
            {
                DropoutMask.Apply(level, px, pm, py, start, end, Key, Keep, Scale);
            }

            for (int i = 0; i < mask.Length; i++)
            {
                float expected = i < start || i >= end ? -1f : DropoutMask.Uniform(Key, i) < Keep ? Scale : 0f;
                Assert.True(expected == mask[i], $"{level}: mask[{i}] = {mask[i]}, expected {expected}");
                if (i >= start && i < end)
                {
                    Assert.Equal(x[i] * expected, y[i]);
                }
            }
        }
    }

    /// <summary>Whole-engine dropout gives the same masks at every SIMD level (one key stream, one draw per position).</summary>
    [Fact]
    public void Dropout_masks_are_the_same_at_every_level()
    {
        float[] x = Random(Length, 6);
        float[]? reference = null;
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            if (level > SimdSelection.Best)
            {
                continue;
            }

            using var engine = new KernelEngine(2, dropoutSeed: 3, level);
            var mask = new float[x.Length];
            engine.DropoutForward(x, mask, new float[x.Length], 0.25f);
            reference ??= mask;
            Assert.Equal(reference, mask);
        }
    }

    [Fact]
    public void Softmax_buffers_must_hold_whole_rows()
    {
        using var engine = new KernelEngine(2, 0);
        Assert.Throws<ArgumentException>(() => engine.ActivationForward(new float[25], new float[25], 10, Activation.Softmax, 0f));
    }

    private static (float[] Mask, float[] Y, float[] SecondMask) Dropout(int threads, float[] x)
    {
        using var engine = new KernelEngine(threads, dropoutSeed: 11);
        var mask = new float[x.Length];
        var y = new float[x.Length];
        var second = new float[x.Length];
        engine.DropoutForward(x, mask, y, 0.3f);
        engine.DropoutForward(x, second, new float[x.Length], 0.3f);
        return (mask, y, second);
    }

    private static (float[] Y, float[] Dx) Run(int threads, float[] x, float[] dy, int features, Activation activation)
    {
        using var engine = new KernelEngine(threads, 0);
        var y = new float[x.Length];
        float[] gradient = (float[])dy.Clone();
        engine.ActivationForward(x, y, features, activation, 0.1f);
        engine.ActivationBackward(gradient, Activations.NeedsInput(activation) ? x : default, y, features, activation, 0.1f);
        return (y, gradient);
    }

    private static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (random.NextSingle() * 4f) - 2f;
        }

        return values;
    }
}
