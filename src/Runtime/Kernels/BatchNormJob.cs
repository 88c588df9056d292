using System;

namespace Generated.Kernels;

/// <summary>
/// Per-channel batch normalisation (<see cref="BatchNorm"/> with positions &gt; 1) split over workers by channel: the
/// statistics, running averages and planes of one channel never touch another's, so ranges of channels need no
/// synchronisation, and the bands can follow <see cref="WorkShares"/>: a channel's results do not depend on which
/// thread computes it.
/// </summary>
internal sealed unsafe class BatchNormJob(SimdLevel level, int threads) : IParallelJob
{
    // Below this many values per call the hand-off to workers costs more than it saves.
    private const long ParallelThreshold = 32 * 1024;

    private readonly WorkShares _shares = new(threads);
    private bool _backward;
    private bool _training;
    private bool _inputGradient;
    private bool _relu;
    private int _batch;
    private int _channels;
    private int _positions;
    private float _momentum;
    private float _epsilon;
    private float* _x;
    private float* _gamma;
    private float* _beta;
    private float* _y;
    private float* _runningMean;
    private float* _runningVar;
    private float* _statistics;

    public void Forward(WorkerPool pool, float* x, float* gamma, float* beta, float* y, float* runningMean, float* runningVar, float* statistics,
        int batch, int channels, int positions, float momentum, float epsilon, bool training, bool relu)
    {
        _backward = false;
        _relu = relu;
        _x = x;
        _gamma = gamma;
        _beta = beta;
        _y = y;
        _runningMean = runningMean;
        _runningVar = runningVar;
        _statistics = statistics;
        (_batch, _channels, _positions, _momentum, _epsilon, _training) = (batch, channels, positions, momentum, epsilon, training);
        Run(pool);
    }

    /// <summary>
    /// The backward pass; <paramref name="gradient"/> (dL/dy, becoming dL/dx) travels in the y slot, dgamma and dbeta in
    /// beta's and the running mean's; <paramref name="relu"/> when the forward pass rectified (a fused ReLU).
    /// </summary>
    public void Backward(WorkerPool pool, float* x, float* gamma, float* gradient, float* gradGamma, float* gradBeta, float* statistics,
        int batch, int channels, int positions, bool training, bool inputGradient, bool relu)
    {
        _backward = true;
        _relu = relu;
        _x = x;
        _gamma = gamma;
        _y = gradient;
        _beta = gradGamma;
        _runningMean = gradBeta;
        _statistics = statistics;
        (_batch, _channels, _positions, _training, _inputGradient) = (batch, channels, positions, training, inputGradient);
        Run(pool);
    }

    private void Run(WorkerPool pool) => pool.Run(this, split: _channels > 1 && (long)_batch * _channels * _positions >= ParallelThreshold, _shares);

    public void Execute(int worker, int workers)
    {
        (int first, int end) = _shares.Partition(_channels, worker, workers, 1);
        if (first >= end)
        {
            return;
        }

        int values = _batch * _channels * _positions;
        var x = new ReadOnlySpan<float>(_x, values);
        var gamma = new ReadOnlySpan<float>(_gamma, _channels);
        var y = new Span<float>(_y, values);
        var statistics = new Span<float>(_statistics, BatchNorm.WorkLength(_channels));
        if (_backward)
        {
            BatchNorm.ChannelBackward(x, gamma, y, new Span<float>(_beta, _channels), new Span<float>(_runningMean, _channels), statistics,
                _batch, _channels, _positions, _training, _inputGradient, first, end, level, _relu);
        }
        else
        {
            BatchNorm.ChannelForward(x, gamma, new ReadOnlySpan<float>(_beta, _channels), y, new Span<float>(_runningMean, _channels),
                new Span<float>(_runningVar, _channels), statistics, _batch, _channels, _positions, _momentum, _epsilon, _training, first, end, level, _relu);
        }
    }
}
