using System;
using System.Collections.Generic;
using System.Linq;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// A dropout drawn in its dense layer's epilogue (<see cref="KernelEngine.DenseForwardWithDropout"/>) and masked in the
/// dense backward sweep gives the bits of the stand-alone passes, on every path a dense product can take.
/// </summary>
public sealed class DropoutEpilogueTests
{
    private const float Rate = 0.3f;

    public static IEnumerable<object[]> ForwardCases()
    {
        // [batch, inputs, outputs]: columns split over two workers (256 wide), the same with three K blocks of the panels
        // and a band that ends off the 16-column grid (200 wide, k = 300), rows split (40 wide, 64 rows), the logits'
        // narrow kernel (10 wide), a width with a scalar tail (37), and one too small to split at all.
        int[][] shapes = [[19, 96, 256], [19, 300, 200], [64, 80, 40], [32, 128, 10], [23, 64, 37], [3, 8, 20]];
        Activation[] activations = [Activation.ReLU, Activation.Linear, Activation.Tanh, Activation.GELU, Activation.Softmax];
        foreach (SimdLevel level in Levels())
        {
            foreach (int threads in new[] { 1, 2 })
            {
                foreach (int[] s in shapes)
                {
                    foreach (Activation activation in activations)
                    {
                        yield return [level, threads, s[0], s[1], s[2], activation];
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ForwardCases))]
    public void Forward_with_dropout_is_the_product_then_the_dropout_pass(SimdLevel level, int threads, int batch, int inputs, int outputs, Activation activation)
    {
        float[] x = SeededValues.Uniform(batch * inputs, 1), w = SeededValues.Uniform(outputs * inputs, 2), bias = SeededValues.Uniform(outputs, 3);
        bool keepsPreActivation = activation == Activation.GELU;
        using var fused = new KernelEngine(threads, dropoutSeed: 9, level);
        using var separate = new KernelEngine(threads, dropoutSeed: 9, level);

        // Two calls in a row: each takes the next key of the dropout stream, as the stand-alone pass does.
        for (int call = 0; call < 2; call++)
        {
            var (y, mask, dropped, z) = Buffers(batch * outputs, keepsPreActivation);
            fused.DenseForwardWithDropout(x, w, bias, y, batch, inputs, outputs, activation, 0.1f, mask, dropped, Rate, z);

            var (expectedY, expectedMask, expectedDropped, expectedZ) = Buffers(batch * outputs, keepsPreActivation);
            separate.DenseForward(x, w, bias, expectedY, batch, inputs, outputs, activation, 0.1f, expectedZ);
            separate.DropoutForward(expectedY, expectedMask, expectedDropped, Rate);

            Assert.Equal(expectedY, y);
            Assert.Equal(expectedMask, mask);
            Assert.Equal(expectedDropped, dropped);
            Assert.Equal(expectedZ, z);
        }
    }

    [Fact]
    public void The_fused_mask_keeps_and_drops_at_the_rate()
    {
        const int Batch = 64, Inputs = 32, Outputs = 256;
        using var engine = new KernelEngine(2, dropoutSeed: 4);
        var y = new float[Batch * Outputs];
        var mask = new float[y.Length];
        var dropped = new float[y.Length];
        engine.DenseForwardWithDropout(SeededValues.Uniform(Batch * Inputs, 5), SeededValues.Uniform(Outputs * Inputs, 6), SeededValues.Uniform(Outputs, 7), y, Batch, Inputs, Outputs,
            Activation.Linear, 0f, mask, dropped, Rate);

        // Every value is dropped (0) or kept and scaled by 1 / (1 - rate), at about the rate (16,384 draws: ±1.1% is 3 sigma).
        float scale = 1f / (1f - Rate);
        Assert.All(mask, m => Assert.True(m == 0f || m == scale, $"mask value {m}"));
        double droppedShare = mask.Count(m => m == 0f) / (double)mask.Length;
        Assert.InRange(droppedShare, Rate - 0.011, Rate + 0.011);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(y[i] * mask[i], dropped[i]);
        }
    }

    public static IEnumerable<object[]> BackwardCases()
    {
        Activation[] activations = [Activation.ReLU, Activation.Linear, Activation.Tanh, Activation.GELU, Activation.Softmax];
        foreach (SimdLevel level in Levels())
        {
            foreach (int threads in new[] { 1, 2 })
            {
                foreach (Activation activation in activations)
                {
                    foreach (bool hasBias in new[] { true, false })
                    {
                        yield return [level, threads, activation, hasBias];
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(BackwardCases))]
    public void Backward_with_the_mask_is_the_dropout_pass_then_the_dense_backward(SimdLevel level, int threads, Activation activation, bool hasBias)
    {
        // 48 x 200 = 9,600 values, enough for the gradient sweep to split its 200 columns over two workers: bands with an
        // 8-column edge, and a scalar tail at every vector width.
        const int Batch = 48, Inputs = 40, Outputs = 200;
        float[] x = SeededValues.Uniform(Batch * Inputs, 11), w = SeededValues.Uniform(Outputs * Inputs, 12), dy = SeededValues.Uniform(Batch * Outputs, 13);
        using var engine = new KernelEngine(threads, dropoutSeed: 2, level);
        var y = new float[Batch * Outputs];
        var mask = new float[y.Length];
        float[] z = activation == Activation.GELU ? new float[y.Length] : [];
        engine.DenseForwardWithDropout(x, w, SeededValues.Uniform(Outputs, 14), y, Batch, Inputs, Outputs, activation, 0f, mask, new float[y.Length], Rate, z);
        engine.ReserveScratch(Batch * Outputs);

        float[] dz = (float[])dy.Clone(), dw = new float[w.Length], db = hasBias ? new float[Outputs] : [], dx = new float[x.Length];
        engine.DenseBackward(x, w, y, dz, dw, db, dx, Batch, Inputs, Outputs, activation, 0f, z, dropoutMask: mask);

        float[] expectedDz = (float[])dy.Clone(), expectedDw = new float[w.Length], expectedDb = hasBias ? new float[Outputs] : [], expectedDx = new float[x.Length];
        engine.DropoutBackward(expectedDz, mask);
        engine.DenseBackward(x, w, y, expectedDz, expectedDw, expectedDb, expectedDx, Batch, Inputs, Outputs, activation, 0f, z);

        Assert.Equal(expectedDz, dz);
        Assert.Equal(expectedDw, dw);
        Assert.Equal(expectedDb, db);
        Assert.Equal(expectedDx, dx);
        Assert.Contains(0f, mask);
    }

    [Fact]
    public void A_refused_call_leaves_the_dropout_stream_where_it_was()
    {
        float[] x = SeededValues.Uniform(4 * 8, 21), w = SeededValues.Uniform(32 * 8, 22);
        using var refused = new KernelEngine(1, dropoutSeed: 6);
        using var fresh = new KernelEngine(1, dropoutSeed: 6);
        Assert.Throws<ArgumentException>(() =>
            refused.DenseForwardWithDropout(x, w, default, new float[127], 4, 8, 32, Activation.ReLU, 0f, new float[128], new float[128], Rate));

        float[] mask = new float[128], expected = new float[128];
        refused.DenseForwardWithDropout(x, w, default, new float[128], 4, 8, 32, Activation.ReLU, 0f, mask, new float[128], Rate);
        fresh.DenseForwardWithDropout(x, w, default, new float[128], 4, 8, 32, Activation.ReLU, 0f, expected, new float[128], Rate);
        Assert.Equal(expected, mask);
    }

    [Fact]
    public void A_dropout_output_over_the_input_is_refused()
    {
        // Rows are dropped while other workers may still read x for their own bands of columns.
        using var engine = new KernelEngine(2, 0);
        float[] shared = new float[64 * 64];
        Assert.Throws<ArgumentException>(() => engine.DenseForwardWithDropout(
            shared.AsSpan(0, 64 * 32), new float[64 * 32], default, new float[64 * 64], 64, 32, 64, Activation.ReLU, 0f,
            new float[64 * 64], shared, Rate));
    }

    [Fact]
    public void A_short_mask_or_output_is_refused()
    {
        using var engine = new KernelEngine(1, 0);
        float[] x = new float[4 * 8], w = new float[16 * 8], y = new float[4 * 16];
        Assert.Throws<ArgumentException>(() =>
            engine.DenseForwardWithDropout(x, w, default, y, 4, 8, 16, Activation.ReLU, 0f, new float[63], new float[64], Rate));
        Assert.Throws<ArgumentException>(() =>
            engine.DenseForwardWithDropout(x, w, default, y, 4, 8, 16, Activation.ReLU, 0f, new float[64], new float[63], Rate));
        engine.ReserveScratch(64);
        Assert.Throws<ArgumentException>(() =>
            engine.DenseBackward(x, w, y, new float[64], new float[w.Length], default, default, 4, 8, 16, Activation.ReLU, 0f, dropoutMask: new float[63]));
    }

    private static (float[] Y, float[] Mask, float[] Dropped, float[] PreActivation) Buffers(int length, bool keepsPreActivation) =>
        (new float[length], new float[length], new float[length], keepsPreActivation ? new float[length] : []);

    private static IEnumerable<SimdLevel> Levels() => Enum.GetValues<SimdLevel>().Where(level => level <= SimdSelection.Best);
}
