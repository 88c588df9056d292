using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>
/// A stand-alone activation layer's forward or backward pass, or dropout's forward pass or backward product, split over the workers by
/// ranges of elements (whole rows for softmax, whose elements depend on each other). These passes read and write a
/// whole activation buffer (12.8 MB for a 32-channel 28 x 28 map at batch 128); run on the calling thread alone, the
/// other cores waited for them.
/// </summary>
internal sealed unsafe class ElementwiseJob(SimdLevel level, int threads) : IParallelJob
{
    // Below this many elements one thread finishes before the workers would wake.
    private const int ParallelThreshold = 32 * 1024;

    // Ranges are multiples of 16 floats: whole cache lines when the buffer starts on one.
    private const int Alignment = 16;

    private readonly WorkShares _shares = new(threads);
    private Operation _operation;
    private float* _x, _y, _gradient, _mask;
    private int _length, _features;
    private Activation _activation;
    private float _alpha;
    private ulong _key;
    private float _keep, _scale;

    private enum Operation
    {
        ActivationForward,
        ActivationBackward,
        MaskProduct,
        Dropout,
    }

    /// <summary>y = activation(x) over <paramref name="length"/> values (softmax per row of <paramref name="features"/>).</summary>
    public void Forward(WorkerPool pool, float* x, float* y, int length, int features, Activation activation, float alpha)
    {
        _operation = Operation.ActivationForward;
        _x = x;
        _y = y;
        (_length, _features, _activation, _alpha) = (length, features, activation, alpha);
        Run(pool);
    }

    /// <summary>The activation's derivative applied to <paramref name="gradient"/> in place, from x (may be null unless GELU or Swish) and y.</summary>
    public void Backward(WorkerPool pool, float* gradient, float* x, float* y, int length, int features, Activation activation, float alpha)
    {
        _operation = Operation.ActivationBackward;
        _gradient = gradient;
        _x = x;
        _y = y;
        (_length, _features, _activation, _alpha) = (length, features, activation, alpha);
        Run(pool);
    }

    /// <summary>gradient ⊙= mask.</summary>
    public void MaskProduct(WorkerPool pool, float* gradient, float* mask, int length)
    {
        _operation = Operation.MaskProduct;
        _gradient = gradient;
        _mask = mask;
        _length = length;
        Run(pool);
    }

    /// <summary>
    /// Inverted dropout: element i is kept (mask = <paramref name="scale"/>) when <see cref="DropoutMask.Uniform"/>(key, i) &lt;
    /// <paramref name="keep"/>, else dropped (mask = 0); y = x ⊙ mask.
    /// </summary>
    public void Dropout(WorkerPool pool, float* x, float* mask, float* y, int length, ulong key, float keep, float scale)
    {
        _operation = Operation.Dropout;
        _x = x;
        _mask = mask;
        _y = y;
        (_length, _key, _keep, _scale) = (length, key, keep, scale);
        Run(pool);
    }

    private void Run(WorkerPool pool) => pool.Run(this, split: _length >= ParallelThreshold, _shares);

    public void Execute(int worker, int workers)
    {
        bool rows = _operation is Operation.ActivationForward or Operation.ActivationBackward && _activation == Activation.Softmax;
        int unit = rows ? _features : Alignment;
        (int start, int end) = _shares.Partition(_length, worker, workers, unit);
        int count = end - start;
        if (count <= 0)
        {
            return;
        }

        switch (_operation)
        {
            case Operation.ActivationForward:
                Activations.Forward(new ReadOnlySpan<float>(_x + start, count), new Span<float>(_y + start, count), _features, _activation, _alpha);
                break;
            case Operation.ActivationBackward:
                ReadOnlySpan<float> input = _x == null ? ReadOnlySpan<float>.Empty : new ReadOnlySpan<float>(_x + start, count);
                Activations.Backward(new Span<float>(_gradient + start, count), input, new ReadOnlySpan<float>(_y + start, count), _features, _activation, _alpha);
                break;
            case Operation.Dropout:
                DropoutMask.Apply(level, _x, _mask, _y, start, end, _key, _keep, _scale);
                break;
            default:
                var gradient = new Span<float>(_gradient + start, count);
                TensorPrimitives.Multiply(gradient, new ReadOnlySpan<float>(_mask + start, count), gradient);
                break;
        }
    }
}
