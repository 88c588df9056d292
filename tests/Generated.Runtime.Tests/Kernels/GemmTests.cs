using System;
using System.Collections.Generic;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>The register-blocked GEMM against a double-precision triple loop, for every instruction set this CPU has.</summary>
public sealed class GemmTests
{
    public static IEnumerable<object[]> Cases()
    {
        // Shapes hit full tiles, vector tails, scalar tails, row tails and K blocking (K > 256). Row tails of 1-3 rows
        // beside 4-vector tiles: [10, 128, 128] (the logits' weight gradient) and [3, 70, 2] in the panel order,
        // [130, 64, 20] and [67, 66, 300] in the row order, the latter across two K blocks. B's rows 512 bytes apart
        // (N a multiple of 128) with at least 32 rows have their 4-vector panels copied into the pack: [128, 256, 784]
        // and [37, 384, 300] (a leftover row, three K blocks with a ragged last one).
        int[][] shapes =
        [
            [1, 1, 1], [4, 32, 8], [5, 33, 7], [7, 10, 300], [128, 256, 784], [13, 17, 513], [3, 70, 2],
            [10, 128, 128], [130, 64, 20], [67, 66, 300], [37, 384, 300],
        ];
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            if (level > SimdSelection.Best)
            {
                continue;
            }

            foreach (int threads in new[] { 1, 2 })
            {
                foreach (int[] s in shapes)
                {
                    yield return [level, threads, s[0], s[1], s[2]];
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_reference(SimdLevel level, int threads, int m, int n, int k)
    {
        using var engine = new KernelEngine(threads, 0, level);
        Assert.Equal(level, engine.Simd);
        float[] a = SeededValues.Uniform(m * k, 1), b = SeededValues.Uniform(k * n, 2), c = SeededValues.Uniform(m * n, 3);
        float[] initial = (float[])c.Clone();

        engine.Gemm(a, b, c, m, n, k, accumulate: false);
        AssertProduct(a, b, new float[m * n], c, m, n, k);

        Array.Copy(initial, c, c.Length);
        engine.Gemm(a, b, c, m, n, k, accumulate: true);
        AssertProduct(a, b, initial, c, m, n, k);
    }

    /// <summary>
    /// Outputs narrower than a vector. With AVX-512, k a multiple of 8 and 1-10 outputs that are not a multiple of four
    /// they take the paired-phase kernel (<see cref="NarrowForward"/>: an odd count padded, blocks of four or eight rows
    /// with leftover rows); otherwise the dot-product blocks, where 1-3 outputs past the last block of four run as a
    /// padded block, K a whole number of vectors (the AVX-512 block reduction) or not (scalar tails). Every narrow width;
    /// nothing is written past the batch's outputs.
    /// </summary>
    [Theory]
    [InlineData(128, 128, 10)]
    [InlineData(9, 128, 1)]
    [InlineData(9, 128, 2)]
    [InlineData(9, 128, 3)]
    [InlineData(8, 128, 7)]
    [InlineData(17, 128, 4)]
    [InlineData(17, 128, 5)]
    [InlineData(17, 128, 6)]
    [InlineData(1, 128, 8)]
    [InlineData(23, 128, 11)]
    [InlineData(16, 128, 12)]
    [InlineData(15, 128, 13)]
    [InlineData(33, 128, 14)]
    [InlineData(17, 8, 15)]
    [InlineData(3, 16, 9)]
    [InlineData(12, 136, 10)]
    [InlineData(6, 100, 10)]
    [InlineData(5, 37, 15)]
    public void Narrow_dense_forward_matches_reference(int batch, int inputs, int outputs)
    {
        using var engine = new KernelEngine(1, 0);
        float[] x = SeededValues.Uniform(batch * inputs, 11), w = SeededValues.Uniform(outputs * inputs, 12), bias = SeededValues.Uniform(outputs, 13);
        float[] guarded = SeededValues.Uniform((batch * outputs) + 16, 14), guards = guarded[(batch * outputs)..];
        Span<float> y = guarded.AsSpan(0, batch * outputs);
        engine.DenseForward(x, w, bias, y, batch, inputs, outputs, Activation.Linear, 0);
        Assert.Equal(guards, guarded[(batch * outputs)..]);
        for (int r = 0; r < batch; r++)
        {
            for (int o = 0; o < outputs; o++)
            {
                double z = bias[o];
                for (int i = 0; i < inputs; i++)
                {
                    z += (double)x[(r * inputs) + i] * w[(o * inputs) + i];
                }

                Assert.True(Math.Abs(z - y[(r * outputs) + o]) < 1e-4, $"[{r},{o}] = {y[(r * outputs) + o]}, expected {z}");
            }
        }
    }

    /// <summary>Without a bias the narrow products are the plain X·Wᵀ, on both narrow kernels.</summary>
    [Theory]
    [InlineData(10, 128)]
    [InlineData(3, 128)]
    [InlineData(10, 37)]
    public void Narrow_dense_forward_without_a_bias_is_the_plain_product(int outputs, int inputs)
    {
        const int Batch = 13;
        using var engine = new KernelEngine(1, 0);
        float[] x = SeededValues.Uniform(Batch * inputs, 31), w = SeededValues.Uniform(outputs * inputs, 32), zeros = new float[outputs];
        var plain = new float[Batch * outputs];
        var zeroBias = new float[Batch * outputs];
        engine.DenseForward(x, w, ReadOnlySpan<float>.Empty, plain, Batch, inputs, outputs, Activation.Linear, 0);
        engine.DenseForward(x, w, zeros, zeroBias, Batch, inputs, outputs, Activation.Linear, 0);
        Assert.Equal(zeroBias, plain);
        for (int o = 0; o < outputs; o++)
        {
            double z = 0;
            for (int i = 0; i < inputs; i++)
            {
                z += (double)x[i] * w[(o * inputs) + i];
            }

            Assert.True(Math.Abs(z - plain[o]) < 1e-4, $"[0,{o}] = {plain[o]}, expected {z}");
        }
    }

    /// <summary>
    /// A sample's narrow outputs do not depend on where it sits in the batch: rows past the last whole block are summed
    /// in the same order as the blocks (a sample evaluated alone gives the bits it gets inside a batch of nine).
    /// </summary>
    [Theory]
    [InlineData(128, 10)]
    [InlineData(128, 7)]
    [InlineData(64, 15)]
    [InlineData(37, 3)]
    public void Narrow_dense_forward_is_the_same_for_a_sample_alone_and_in_a_batch(int inputs, int outputs)
    {
        const int Batch = 9;
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            if (level > SimdSelection.Best)
            {
                continue;
            }

            using var engine = new KernelEngine(1, 0, level);
            float[] x = SeededValues.Uniform(Batch * inputs, 15), w = SeededValues.Uniform(outputs * inputs, 16), bias = SeededValues.Uniform(outputs, 17);
            var together = new float[Batch * outputs];
            engine.DenseForward(x, w, bias, together, Batch, inputs, outputs, Activation.Linear, 0);
            for (int r = 0; r < Batch; r++)
            {
                var alone = new float[outputs];
                engine.DenseForward(x.AsSpan(r * inputs, inputs), w, bias, alone, 1, inputs, outputs, Activation.Linear, 0);
                Assert.Equal(alone, together.AsSpan(r * outputs, outputs).ToArray());
            }
        }
    }

    /// <summary>
    /// The narrow path adds the bias as each block is stored and runs ReLU and leaky ReLU once over the whole output
    /// block, other activations row by row: the bits are those of the linear product followed by the activation on each
    /// row (sigmoid and tanh on 1-3 elements take another path than on a whole block), and the kept pre-activation is
    /// the linear product.
    /// </summary>
    [Theory]
    [InlineData(Activation.ReLU, 10, 37)]
    [InlineData(Activation.LeakyReLU, 3, 37)]
    [InlineData(Activation.Sigmoid, 10, 37)]
    [InlineData(Activation.Sigmoid, 1, 37)]
    [InlineData(Activation.Tanh, 2, 37)]
    [InlineData(Activation.Tanh, 10, 37)]
    [InlineData(Activation.GELU, 10, 37)]
    [InlineData(Activation.Softmax, 10, 37)]
    [InlineData(Activation.ReLU, 10, 128)] // the paired-phase kernel on AVX-512 (k a multiple of 8)
    [InlineData(Activation.Sigmoid, 1, 128)]
    [InlineData(Activation.GELU, 6, 64)]
    [InlineData(Activation.Softmax, 10, 128)]
    public void Narrow_dense_forward_applies_the_activation_as_each_row_would(Activation activation, int outputs, int inputs)
    {
        const int Batch = 9;
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            if (level > SimdSelection.Best)
            {
                continue;
            }

            using var engine = new KernelEngine(1, 0, level);
            float[] x = SeededValues.Uniform(Batch * inputs, 21), w = SeededValues.Uniform(outputs * inputs, 22), bias = SeededValues.Uniform(outputs, 23);
            var linear = new float[Batch * outputs];
            engine.DenseForward(x, w, bias, linear, Batch, inputs, outputs, Activation.Linear, 0);
            var activated = new float[Batch * outputs];
            var kept = new float[Batch * outputs];
            engine.DenseForward(x, w, bias, activated, Batch, inputs, outputs, activation, 0, kept);

            Assert.Equal(linear, kept);
            for (int r = 0; r < Batch; r++)
            {
                var expected = new float[outputs];
                Activations.Apply(linear.AsSpan(r * outputs, outputs), expected, activation, 0);
                Assert.Equal(expected, activated.AsSpan(r * outputs, outputs).ToArray());
            }
        }
    }

    [Fact]
    public void Dense_forward_applies_bias_and_activation_in_the_epilogue()
    {
        using var engine = new KernelEngine(2, 0);
        int batch = 9, inputs = 40, outputs = 35;
        engine.ReserveScratch(inputs * outputs);
        float[] x = SeededValues.Uniform(batch * inputs, 4), w = SeededValues.Uniform(outputs * inputs, 5), bias = SeededValues.Uniform(outputs, 6);
        var y = new float[batch * outputs];
        engine.DenseForward(x, w, bias, y, batch, inputs, outputs, Activation.ReLU, 0);
        for (int r = 0; r < batch; r++)
        {
            for (int o = 0; o < outputs; o++)
            {
                double z = bias[o];
                for (int i = 0; i < inputs; i++)
                {
                    z += (double)x[(r * inputs) + i] * w[(o * inputs) + i];
                }

                Assert.True(Math.Abs(Math.Max(z, 0) - y[(r * outputs) + o]) < 1e-4, $"[{r},{o}]");
            }
        }
    }

    /// <summary>
    /// With two workers the forward product is split by bands of columns (more outputs than samples): each band's bias,
    /// pre-activation and output must land on its own columns, and the bits must match one worker's.
    /// </summary>
    [Theory]
    [InlineData(6, 100, 200)]  // two 4-vector panels per band (120,000 multiply-adds: past the split threshold)
    [InlineData(9, 300, 40)]   // bands of one vector, the second ragged
    [InlineData(64, 20, 64)]   // square: split by columns too
    [InlineData(70, 20, 64)]   // more samples than outputs: split by rows
    public void Dense_forward_is_the_same_split_by_rows_or_columns(int batch, int inputs, int outputs)
    {
        Assert.True((long)batch * inputs * outputs >= 64 * 1024, "the product must be large enough to be split");
        float[] x = SeededValues.Uniform(batch * inputs, 10), w = SeededValues.Uniform(outputs * inputs, 11), bias = SeededValues.Uniform(outputs, 12);
        var y1 = new float[batch * outputs];
        var z1 = new float[batch * outputs];
        var y2 = new float[batch * outputs];
        var z2 = new float[batch * outputs];
        using (var one = new KernelEngine(1, 0))
        {
            one.DenseForward(x, w, bias, y1, batch, inputs, outputs, Activation.GELU, 0, z1);
        }

        using (var two = new KernelEngine(2, 0))
        {
            two.DenseForward(x, w, bias, y2, batch, inputs, outputs, Activation.GELU, 0, z2);
        }

        Assert.Equal(y1, y2);
        Assert.Equal(z1, z2);
        for (int r = 0; r < batch; r++)
        {
            for (int o = 0; o < outputs; o++)
            {
                double z = bias[o];
                for (int i = 0; i < inputs; i++)
                {
                    z += (double)x[(r * inputs) + i] * w[(o * inputs) + i];
                }

                Assert.True(Math.Abs(z - z2[(r * outputs) + o]) < 1e-4, $"pre-activation [{r},{o}] = {z2[(r * outputs) + o]}, expected {z}");
            }
        }
    }

    /// <summary>
    /// A softmax epilogue normalises whole rows, so a product with more outputs than samples must not be split by columns
    /// (each band would normalise its part of the row on its own): every row sums to 1 on two workers.
    /// </summary>
    [Fact]
    public void Dense_softmax_rows_stay_whole_on_two_workers()
    {
        int batch = 32, inputs = 256, outputs = 100;
        float[] x = SeededValues.Uniform(batch * inputs, 13), w = SeededValues.Uniform(outputs * inputs, 14);
        var y1 = new float[batch * outputs];
        var y2 = new float[batch * outputs];
        using (var one = new KernelEngine(1, 0))
        {
            one.DenseForward(x, w, ReadOnlySpan<float>.Empty, y1, batch, inputs, outputs, Activation.Softmax, 0);
        }

        using (var two = new KernelEngine(2, 0))
        {
            two.DenseForward(x, w, ReadOnlySpan<float>.Empty, y2, batch, inputs, outputs, Activation.Softmax, 0);
        }

        Assert.Equal(y1, y2);
        for (int r = 0; r < batch; r++)
        {
            double sum = 0;
            for (int o = 0; o < outputs; o++)
            {
                sum += y2[(r * outputs) + o];
            }

            Assert.Equal(1.0, sum, 4);
        }
    }

    /// <summary>
    /// A ReLU or linear layer's gradient pass (dz and the bias gradient, one sweep per row band at the engine's width)
    /// gives the bits of the element-wise definition at every level and thread count: dz exactly 0 where y is not
    /// positive (an infinite incoming gradient and a NaN y included), the bias gradient summed over the rows in order.
    /// </summary>
    [Theory]
    [InlineData(Activation.ReLU, 1, 37)]
    [InlineData(Activation.ReLU, 2, 256)]
    [InlineData(Activation.Linear, 2, 100)]
    public void Rectified_gradient_pass_is_the_definition_at_every_level(Activation activation, int threads, int outputs)
    {
        const int Batch = 70, Inputs = 24;
        float[] x = SeededValues.Uniform(Batch * Inputs, 41), w = SeededValues.Uniform(outputs * Inputs, 42), y = SeededValues.Uniform(Batch * outputs, 43), dy = SeededValues.Uniform(Batch * outputs, 44);
        y[5] = 0f;
        y[6] = float.NaN;
        dy[7] = float.PositiveInfinity;
        y[7] = -1f;
        var expectedDz = new float[dy.Length];
        var expectedBias = new float[outputs];
        for (int r = 0; r < Batch; r++)
        {
            for (int o = 0; o < outputs; o++)
            {
                int i = (r * outputs) + o;
                float d = activation == Activation.ReLU ? (y[i] > 0f ? dy[i] : 0f) : dy[i];
                expectedDz[i] = d;
                expectedBias[o] += d;
            }
        }

        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            if (level > SimdSelection.Best)
            {
                continue;
            }

            using var engine = new KernelEngine(threads, 0, level);
            engine.ReserveScratch(Batch * outputs);
            float[] dz = (float[])dy.Clone(), bias = new float[outputs];
            engine.DenseBackward(x, w, y, dz, new float[w.Length], bias, Span<float>.Empty, Batch, Inputs, outputs, activation, 0f);
            Assert.Equal(expectedDz, dz);
            Assert.Equal(expectedBias, bias);
        }
    }

    /// <summary>
    /// The three products of a dense layer against double loops, on shapes that are whole 8 x 8 transpose tiles, ragged
    /// on one side, on both, or smaller than one tile (the forward pass transposes W, the backward pass dz).
    /// </summary>
    [Theory]
    [InlineData(1, 16, 24, 16)]
    [InlineData(1, 9, 40, 35)]
    [InlineData(2, 128, 784, 256)]
    [InlineData(2, 13, 19, 21)]
    [InlineData(2, 7, 5, 3)]
    [InlineData(1, 64, 33, 8)]
    public void Dense_backward_matches_reference(int threads, int batch, int inputs, int outputs)
    {
        using var engine = new KernelEngine(threads, 0);
        engine.ReserveScratch(Math.Max(inputs * outputs, batch * outputs));
        float[] x = SeededValues.Uniform(batch * inputs, 7), w = SeededValues.Uniform(outputs * inputs, 8), y = new float[batch * outputs];
        float[] dy = SeededValues.Uniform(batch * outputs, 9), dz = (float[])dy.Clone();
        var dw = new float[outputs * inputs];
        var db = new float[outputs];
        var dx = new float[batch * inputs];
        engine.DenseForward(x, w, ReadOnlySpan<float>.Empty, y, batch, inputs, outputs, Activation.Tanh, 0);
        engine.DenseBackward(x, w, y, dz, dw, db, dx, batch, inputs, outputs, Activation.Tanh, 0);

        var expectedDz = new double[batch * outputs];
        for (int r = 0; r < batch * outputs; r++)
        {
            double z = 0;
            int row = r / outputs, o = r % outputs;
            for (int i = 0; i < inputs; i++)
            {
                z += (double)x[(row * inputs) + i] * w[(o * inputs) + i];
            }

            Assert.True(Math.Abs(Math.Tanh(z) - y[r]) < 1e-4, $"y[{r}] = {y[r]}, expected {Math.Tanh(z)}");
            expectedDz[r] = dy[r] * (1 - (y[r] * (double)y[r]));
        }

        for (int o = 0; o < outputs; o++)
        {
            double bias = 0;
            for (int row = 0; row < batch; row++)
            {
                bias += expectedDz[(row * outputs) + o];
            }

            Assert.True(Math.Abs(bias - db[o]) < 1e-4, $"db[{o}]");
            for (int i = 0; i < inputs; i++)
            {
                double weight = 0;
                for (int row = 0; row < batch; row++)
                {
                    weight += expectedDz[(row * outputs) + o] * x[(row * inputs) + i];
                }

                Assert.True(Math.Abs(weight - dw[(o * inputs) + i]) < 1e-4 * Math.Sqrt(batch), $"dW[{o},{i}] = {dw[(o * inputs) + i]}, expected {weight}");
            }
        }

        for (int row = 0; row < batch; row++)
        {
            for (int i = 0; i < inputs; i++)
            {
                double input = 0;
                for (int o = 0; o < outputs; o++)
                {
                    input += expectedDz[(row * outputs) + o] * w[(o * inputs) + i];
                }

                Assert.True(Math.Abs(input - dx[(row * inputs) + i]) < 1e-4 * Math.Sqrt(outputs), $"dx[{row},{i}]");
            }
        }
    }

    private static void AssertProduct(float[] a, float[] b, float[] c0, float[] c, int m, int n, int k)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = c0[(i * n) + j];
                double magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    expected += (double)a[(i * k) + p] * b[(p * n) + j];
                    magnitude += Math.Abs((double)a[(i * k) + p] * b[(p * n) + j]);
                }

                // float32 accumulation over k terms: error bounded by ~k·eps·Σ|terms|; use a safe multiple.
                double tolerance = 1e-6 + (4e-7 * Math.Sqrt(k) * magnitude);
                Assert.True(Math.Abs(expected - c[(i * n) + j]) <= tolerance, $"C[{i},{j}] = {c[(i * n) + j]}, expected {expected}");
            }
        }
    }
}
