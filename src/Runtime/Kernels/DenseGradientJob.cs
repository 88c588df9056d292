using System;

namespace Generated.Kernels;

/// <summary>
/// The element-wise start of a dense layer's backward pass, in one parallel sweep: each worker takes a band of output
/// columns and, for its band, turns dL/dy into dL/dz (a fused dropout's mask, then the activation derivative), sums
/// the bias gradient over the batch and, unless its pointer is null, writes dzᵀ for the weight-gradient product. Done one after the other on the
/// calling thread, these three passes were the longest serial stretch of a two-thread MLP step. Softmax, whose
/// derivative mixes a row, is not handled here.
/// <para>
/// Bands are whole cache lines of a row (16 floats; where the outputs are a multiple of 16, so that rows start on a
/// line) and, taken equally, at least <see cref="MinimumBand"/> columns wide, so fewer workers than the pool's may take
/// part (the shares may still narrow a band to half that where every worker does). With bands of whole 8-column tiles (which dzᵀ needs) two workers shared a
/// line of dz, y and the mask in every row where a band ended mid-line, and wrote it from both cores; on 16 threads
/// of a Xeon the 128-output layer's bands were eight columns, half a line each, and the pass took 142 µs a step
/// against 22 µs on one thread.
/// </para>
/// </summary>
internal sealed unsafe class DenseGradientJob(SimdLevel level, int threads) : IParallelJob
{
    // Below this many elements the hand-off to the workers costs more than it saves.
    private const int ParallelThreshold = 8 * 1024;

    /// <summary>Floats of one cache line: the bands' alignment.</summary>
    private const int LineFloats = 16;

    /// <summary>Columns per taking part worker, at equal shares: 64 columns by the batch's rows is about a microsecond of work.</summary>
    internal const int MinimumBand = 64;

    private readonly WorkShares _shares = new(threads);
    private float* _gradient;
    private float* _mask;
    private float* _output;
    private float* _preActivation;
    private float* _bias;
    private float* _transposed;
    private int _batch;
    private int _outputs;
    private Activation _activation;
    private float _alpha;

    public void Run(
        WorkerPool pool, float* gradient, float* mask, float* output, float* preActivation, float* bias, float* transposed,
        int batch, int outputs, Activation activation, float alpha)
    {
        _gradient = gradient;
        _mask = mask;
        _output = output;
        _preActivation = preActivation;
        _bias = bias;
        _transposed = transposed;
        _batch = batch;
        _outputs = outputs;
        _activation = activation;
        _alpha = alpha;
        // Fewer participants than threads take equal bands: they neither read nor teach the shares.
        int participants = Participants(outputs, pool.Threads);
        pool.Run(this, split: batch * outputs >= ParallelThreshold && participants > 1, participants == pool.Threads ? _shares : null);
    }

    /// <summary>How many of <paramref name="workers"/> take a band of <paramref name="outputs"/> columns: each at least <see cref="MinimumBand"/> wide.</summary>
    internal static int Participants(int outputs, int workers) => Math.Clamp(outputs / MinimumBand, 1, workers);

    public void Execute(int worker, int workers)
    {
        int participants = Participants(_outputs, workers);
        if (worker >= participants)
        {
            return;
        }

        (int start, int end) = _shares.Partition(_outputs, worker, participants, LineFloats);
        int width = end - start;
        if (width <= 0)
        {
            return;
        }

        // ReLU and linear layers, the common case, take one sweep per row band (RectifiedGradientRow); a linear layer
        // without a bias or a mask has nothing to do before the transpose.
        bool relu = _activation == Activation.ReLU, rectified = relu || _activation == Activation.Linear;
        bool nothingToDo = _activation == Activation.Linear && _bias == null && _mask == null;
        for (int row = 0; row < _batch && !nothingToDo; row++)
        {
            long offset = ((long)row * _outputs) + start;
            if (rectified)
            {
                RectifiedGradientRow.Apply(level, _gradient + offset, _mask == null ? null : _mask + offset, _output + offset, _bias == null ? null : _bias + start, width, relu);
                continue;
            }

            var dz = new Span<float>(_gradient + offset, width);
            if (_mask != null)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(dz, new ReadOnlySpan<float>(_mask + offset, width), dz);
            }

            ReadOnlySpan<float> z = _preActivation == null ? ReadOnlySpan<float>.Empty : new ReadOnlySpan<float>(_preActivation + offset, width);
            Activations.BackwardInPlace(dz, z, new ReadOnlySpan<float>(_output + offset, width), _activation, _alpha);
            if (_bias != null)
            {
                var bias = new Span<float>(_bias + start, width);
                System.Numerics.Tensors.TensorPrimitives.Add(bias, dz, bias);
            }
        }

        if (_transposed != null)
        {
            Transpose.Block(_gradient + start, _outputs, _batch, width, _transposed + ((long)start * _batch), _batch);
        }
    }
}
