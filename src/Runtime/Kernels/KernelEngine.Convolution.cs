using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>The convolution, pooling and spatial-dropout entry points generated code calls (NCHW per sample).</summary>
public sealed unsafe partial class KernelEngine
{
    private readonly PoolingJob _pooling;
    private readonly BatchNormJob _batchNorm;
    private Conv2DJob? _convolution;

    /// <summary>Allocates an index buffer (max pooling's argmax), refusing lengths beyond one array.</summary>
    public static int[] AllocateIndices(long length) =>
        length <= Array.MaxLength ? new int[length] : throw new ArgumentOutOfRangeException(nameof(length), $"{length} indices do not fit one array; lower MaxBatch.");

    /// <summary>
    /// Reserves what a convolution layer needs: per-worker column and tile scratch, and room for its transposed weight in
    /// the shared scratch. Generated constructors call it once per layer; afterwards the passes allocate nothing.
    /// </summary>
    public void ReserveConvolution(in Window2D window, int filters, int groups)
    {
        CheckGroups(window, filters, groups);
        _convolution ??= new Conv2DJob(Simd, _pool.Threads);
        _convolution.Reserve(_pool.Threads, window, filters, groups);
        ReserveScratch(Conv2DJob.WeightLength(window, filters, groups));
    }

    /// <summary>How the convolutions' forward bands are shared between the threads (null before the first layer is reserved).</summary>
    internal WorkShares? ConvolutionForwardShares => _convolution?.ForwardShares;

    /// <summary>Which algorithm this engine computes a convolution layer with (it depends on the layer's geometry only).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public ConvolutionForm ConvolutionFormFor(in Window2D window, int filters, int groups)
    {
        CheckGroups(window, filters, groups);
        return (_convolution ??= new Conv2DJob(Simd, _pool.Threads)).Form(window, filters, groups);
    }

    /// <summary>
    /// y[batch, filters, outHeight, outWidth] = activation(W ⋆ x + b) for x[batch, channels, height, width], with W stored
    /// as [filters, channels / groups, kernel, kernel] (PyTorch's Conv2d layout) and b as [filters] (or empty). A non-empty
    /// <paramref name="preActivation"/> (laid out like y) receives W ⋆ x + b, which the GELU and Swish derivatives need.
    /// </summary>
    public void Conv2DForward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y,
        int batch, in Window2D window, int filters, int groups, Activation activation, float alpha, Span<float> preActivation = default)
    {
        CheckConvolution(window, filters, groups, batch, x.Length, weight.Length, bias.Length, y.Length);
        CheckPreActivation(activation, preActivation.Length, y.Length);
        fixed (float* px = x, pw = weight, pb = bias, py = y, pz = preActivation)
        {
            var call = new ConvolutionCall
            {
                Batch = batch, Window = window, Filters = filters, Groups = groups,
                X = px, Weight = pw, Bias = bias.IsEmpty ? null : pb, Y = py,
                PreActivation = preActivation.IsEmpty ? null : pz, Activation = activation, Alpha = alpha,
            };
            _convolution!.Run(_pool, call);
        }
    }

    /// <summary>
    /// Backward of <see cref="Conv2DForward"/>. On entry <paramref name="gradOutput"/> holds dL/dy; it becomes dL/dz in
    /// place (activation derivative from the stored output <paramref name="y"/>, and for GELU and Swish the
    /// <paramref name="preActivation"/> the forward pass kept). The weight and bias gradients are overwritten; dL/dx is
    /// written when <paramref name="gradInput"/> is not empty.
    /// </summary>
    public void Conv2DBackward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> y, Span<float> gradOutput,
        Span<float> gradWeight, Span<float> gradBias, Span<float> gradInput,
        int batch, in Window2D window, int filters, int groups, Activation activation, float alpha, ReadOnlySpan<float> preActivation = default)
    {
        int weightLength = CheckConvolution(window, filters, groups, batch, x.Length, weight.Length, gradBias.Length, y.Length);
        CheckPreActivation(activation, preActivation.Length, y.Length);
        RequireLength(gradOutput.Length, y.Length, nameof(gradOutput));
        RequireLength(gradWeight.Length, weightLength, nameof(gradWeight));
        if (!gradInput.IsEmpty)
        {
            RequireLength(gradInput.Length, x.Length, nameof(gradInput));
        }

        Span<float> transposed = _scratch.Slice(0, weightLength);
        fixed (float* px = x, pw = weight, py = y, pdy = gradOutput, pdw = gradWeight, pdb = gradBias, pdx = gradInput, pz = preActivation, pt = transposed)
        {
            // The job fills the transposed buffer once per call with the weight as the input gradient's product reads it.
            var call = new ConvolutionCall
            {
                Backward = true, Batch = batch, Window = window, Filters = filters, Groups = groups,
                X = px, Weight = pw, TransposedWeight = pt, Y = py, GradOutput = pdy, GradWeight = pdw,
                GradBias = gradBias.IsEmpty ? null : pdb, GradInput = gradInput.IsEmpty ? null : pdx,
                PreActivation = preActivation.IsEmpty ? null : pz, Activation = activation, Alpha = alpha,
            };
            _convolution!.Run(_pool, call);
        }
    }

    /// <summary>
    /// Max pooling of x[batch, channels, height, width]; <paramref name="argmax"/> receives, per output, the index within
    /// its channel plane of the value taken (the first maximum in scan order), which the backward pass routes to.
    /// </summary>
    public void MaxPoolForward(ReadOnlySpan<float> x, Span<float> y, Span<int> argmax, int batch, in Window2D window) =>
        Pool(PoolingOperation.MaxForward, x, y, argmax, batch, window);

    /// <summary>dL/dx of max pooling: each output's gradient goes to the input it took; the rest is zero.</summary>
    public void MaxPoolBackward(ReadOnlySpan<float> gradOutput, ReadOnlySpan<int> argmax, Span<float> gradInput, int batch, in Window2D window) =>
        Pool(PoolingOperation.MaxBackward, gradOutput, gradInput, argmax, batch, window);

    /// <summary>Average pooling; padded positions count as zeros (the divisor is always size²).</summary>
    public void AvgPoolForward(ReadOnlySpan<float> x, Span<float> y, int batch, in Window2D window) =>
        Pool(PoolingOperation.AverageForward, x, y, ReadOnlySpan<int>.Empty, batch, window);

    /// <summary>dL/dx of average pooling: each output's gradient spread evenly over its window.</summary>
    public void AvgPoolBackward(ReadOnlySpan<float> gradOutput, Span<float> gradInput, int batch, in Window2D window) =>
        Pool(PoolingOperation.AverageBackward, gradOutput, gradInput, ReadOnlySpan<int>.Empty, batch, window);

    /// <summary>
    /// One pooling call: forward reads the image and writes the pooled values (max pooling also the argmax, through the
    /// writable span its caller passed); backward reads the pooled gradient and writes the image's.
    /// </summary>
    private void Pool(PoolingOperation operation, ReadOnlySpan<float> source, Span<float> target, ReadOnlySpan<int> argmax, int batch, in Window2D window)
    {
        bool forward = operation is PoolingOperation.MaxForward or PoolingOperation.AverageForward;
        int image = forward ? source.Length : target.Length, pooled = forward ? target.Length : source.Length;
        RequireLength(image, batch * window.InputSize, forward ? "x" : "gradInput");
        RequireLength(pooled, batch * window.Channels * window.Positions, forward ? "y" : "gradOutput");
        if (operation is PoolingOperation.MaxForward or PoolingOperation.MaxBackward)
        {
            RequireLength(argmax.Length, pooled, nameof(argmax));
        }

        fixed (float* ps = source, pt = target)
        fixed (int* pi = argmax)
        {
            _pooling.Run(_pool, operation, window, batch, ps, pt, pi);
        }
    }

    /// <summary>
    /// Per-channel batch normalisation of x[batch, channels, positions] (PyTorch BatchNorm2d), the channels split over
    /// the workers; the same results as <see cref="BatchNorm.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float}, Span{float}, Span{float}, int, int, int, float, float, bool)"/>.
    /// With <paramref name="relu"/> the normalising sweep also rectifies: y = max(BN(x), 0), for a ReLU layer that is
    /// the norm's only reader (no separate pass over the activation).
    /// </summary>
    public void BatchNormForward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y,
        Span<float> runningMean, Span<float> runningVar, Span<float> batchesTracked, Span<float> statistics,
        int batch, int channels, int positions, float momentum, float epsilon, bool training, bool relu = false)
    {
        CheckBatchNorm(x.Length, y.Length, gamma.Length, beta.Length, runningMean.Length, runningVar.Length, statistics.Length, batch, channels, positions);
        fixed (float* px = x, pg = gamma, pb = beta, py = y, pm = runningMean, pv = runningVar, ps = statistics)
        {
            _batchNorm.Forward(_pool, px, pg, pb, py, pm, pv, ps, batch, channels, positions, momentum, epsilon, training, relu);
        }

        if (training)
        {
            batchesTracked[0] += 1f;
        }
    }

    /// <summary>
    /// Backward of <see cref="BatchNormForward"/>, the channels split over the workers (see <see cref="BatchNorm"/>). With
    /// <paramref name="relu"/> (the forward pass rectified, and <paramref name="statistics"/> still holds what it left) the
    /// incoming gradient is the ReLU's: it is first zeroed where the normalised value was not positive, plane by plane
    /// while the plane is in L1, then the norm's own backward runs.
    /// </summary>
    public void BatchNormBackward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, Span<float> gradient, Span<float> gradGamma, Span<float> gradBeta,
        Span<float> statistics, int batch, int channels, int positions, bool training, bool inputGradient, bool relu = false)
    {
        CheckBatchNorm(x.Length, gradient.Length, gamma.Length, gradGamma.Length, gradBeta.Length, channels, statistics.Length, batch, channels, positions);
        fixed (float* px = x, pg = gamma, pdy = gradient, pdg = gradGamma, pdb = gradBeta, ps = statistics)
        {
            _batchNorm.Backward(_pool, px, pg, pdy, pdg, pdb, ps, batch, channels, positions, training, inputGradient, relu);
        }
    }

    private static void CheckBatchNorm(int x, int y, int gamma, int beta, int mean, int variance, int statistics, int batch, int channels, int positions)
    {
        RequireLength(x, batch * channels * positions, nameof(x));
        RequireLength(y, x, nameof(y));
        if (gamma != channels || beta != channels || mean != channels || variance != channels || statistics < BatchNorm.WorkLength(channels))
        {
            throw new ArgumentException($"Per-channel parameters, statistics and work must cover the {channels} channels.", nameof(channels));
        }
    }

    /// <summary>y[n, c] = mean of plane (n, c) of x[batch, channels, positions]; y holds batch · channels values.</summary>
    public static void GlobalAveragePoolForward(ReadOnlySpan<float> x, Span<float> y, int positions)
    {
        RequireLength(x.Length, y.Length * positions, nameof(x));
        float inverse = 1f / positions;
        for (int plane = 0; plane < y.Length; plane++)
        {
            y[plane] = TensorPrimitives.Sum(x.Slice(plane * positions, positions)) * inverse;
        }
    }

    /// <summary>dL/dx of the global average: every position of plane (n, c) receives dy[n, c] / positions.</summary>
    public static void GlobalAveragePoolBackward(ReadOnlySpan<float> gradOutput, Span<float> gradInput, int positions)
    {
        RequireLength(gradInput.Length, gradOutput.Length * positions, nameof(gradInput));
        float inverse = 1f / positions;
        for (int plane = 0; plane < gradOutput.Length; plane++)
        {
            gradInput.Slice(plane * positions, positions).Fill(gradOutput[plane] * inverse);
        }
    }

    /// <summary>
    /// Spatial dropout (PyTorch Dropout2d): one draw per (sample, channel) plane of <paramref name="positions"/> floats;
    /// a kept plane is scaled by 1/(1 − rate). The mask is stored per value, so <see cref="DropoutBackward"/> serves both.
    /// </summary>
    public void SpatialDropoutForward(ReadOnlySpan<float> x, Span<float> mask, Span<float> y, float rate, int positions)
    {
        float keep = 1f - rate;
        float scale = 1f / keep;
        Rng rng = _dropoutRng; // a local, not a field per draw (see DropoutForward)
        for (int start = 0; start < x.Length; start += positions)
        {
            float m = rng.NextSingle() < keep ? scale : 0f;
            mask.Slice(start, positions).Fill(m);
            TensorPrimitives.Multiply(x.Slice(start, positions), m, y.Slice(start, positions));
        }

        _dropoutRng = rng;
    }

    private static int CheckConvolution(in Window2D window, int filters, int groups, int batch, int x, int weight, int bias, int y)
    {
        CheckGroups(window, filters, groups);
        int weightLength = (int)Conv2DJob.WeightLength(window, filters, groups);
        RequireLength(x, batch * window.InputSize, nameof(x));
        RequireLength(weight, weightLength, nameof(weight));
        RequireLength(y, batch * filters * window.Positions, nameof(y));
        if (bias != 0)
        {
            RequireLength(bias, filters, nameof(bias));
        }

        return weightLength;
    }

    /// <summary>GELU and Swish need the pre-activation of every output; for the others it is optional (and unused).</summary>
    private static void CheckPreActivation(Activation activation, int preActivation, int outputs)
    {
        if ((preActivation != 0 || Activations.NeedsInput(activation)) && preActivation != outputs)
        {
            throw new ArgumentException($"The pre-activation buffer holds {preActivation} floats; the layer writes {outputs} ({activation}).", nameof(preActivation));
        }
    }

    private static void CheckGroups(in Window2D window, int filters, int groups)
    {
        if (filters <= 0 || groups <= 0 || window.Channels % groups != 0 || filters % groups != 0)
        {
            throw new ArgumentException($"Groups = {groups} must divide the {window.Channels} channels and the {filters} filters.", nameof(groups));
        }
    }

    private static void RequireLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"'{name}' has {actual} floats; the layer expects {expected}.", name);
        }
    }
}
