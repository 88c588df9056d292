using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// Adam over the whole parameter arena in one sweep (PyTorch semantics, bias-corrected):
/// m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; p -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + ε).
/// </summary>
internal sealed unsafe class AdamJob : IParallelJob
{
    // Below this many parameters one thread sweeps the arena faster than waking the workers.
    internal const int ParallelThreshold = 64 * 1024;

    private readonly SimdLevel _level;
    private readonly WorkShares _shares;
    private float* _p, _g, _m, _v;
    private int _count;
    private float _stepSize, _beta1, _beta2, _epsilon, _inverseBiasCorrection2Sqrt;

    public AdamJob(SimdLevel level, int threads)
    {
        _level = level;
        _shares = new WorkShares(threads);
    }

    public void Run(WorkerPool pool, float* p, float* g, float* m, float* v, int count, float learningRate, float beta1, float beta2, float epsilon, int step)
    {
        _p = p; _g = g; _m = m; _v = v; _count = count;
        _beta1 = beta1; _beta2 = beta2; _epsilon = epsilon;
        double correction1 = 1.0 - System.Math.Pow(beta1, step);
        double correction2 = 1.0 - System.Math.Pow(beta2, step);
        _stepSize = (float)(learningRate / correction1);
        _inverseBiasCorrection2Sqrt = (float)(1.0 / System.Math.Sqrt(correction2));
        pool.Run(this, split: count >= ParallelThreshold, _shares);
    }

    public void Execute(int worker, int workers)
    {
        (int start, int end) = _shares.Partition(_count, worker, workers, 64);
        switch (_level)
        {
            case SimdLevel.Avx512:
                Sweep<Simd512, Vector512<float>>(start, end);
                break;
            case SimdLevel.Avx2:
                Sweep<Simd256, Vector256<float>>(start, end);
                break;
            default:
                Sweep<SimdScalar, float>(start, end);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first step
    private void Sweep<TSimd, TVec>(int start, int end)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TVec beta1 = TSimd.Broadcast(_beta1), oneMinusBeta1 = TSimd.Broadcast(1f - _beta1);
        TVec beta2 = TSimd.Broadcast(_beta2), oneMinusBeta2 = TSimd.Broadcast(1f - _beta2);
        TVec stepSize = TSimd.Broadcast(_stepSize), epsilon = TSimd.Broadcast(_epsilon);
        TVec correction = TSimd.Broadcast(_inverseBiasCorrection2Sqrt);
        int i = start;
        for (; i + TSimd.Count <= end; i += TSimd.Count)
        {
            TVec g = TSimd.Load(_g + i);
            TVec m = TSimd.MultiplyAdd(oneMinusBeta1, g, TSimd.Multiply(beta1, TSimd.Load(_m + i)));
            TVec v = TSimd.MultiplyAdd(oneMinusBeta2, TSimd.Multiply(g, g), TSimd.Multiply(beta2, TSimd.Load(_v + i)));
            TSimd.Store(_m + i, m);
            TSimd.Store(_v + i, v);
            TVec denominator = TSimd.MultiplyAdd(TSimd.Sqrt(v), correction, epsilon);
            TSimd.Store(_p + i, TSimd.Subtract(TSimd.Load(_p + i), TSimd.Divide(TSimd.Multiply(stepSize, m), denominator)));
        }

        for (; i < end; i++)
        {
            float g = _g[i];
            float m = (_beta1 * _m[i]) + ((1f - _beta1) * g);
            float v = (_beta2 * _v[i]) + ((1f - _beta2) * g * g);
            _m[i] = m;
            _v[i] = v;
            _p[i] -= _stepSize * m / ((System.MathF.Sqrt(v) * _inverseBiasCorrection2Sqrt) + _epsilon);
        }
    }
}

/// <summary>
/// SGD with optional momentum in PyTorch's form: b = μ·b + g; p -= lr·b (Nesterov: p -= lr·(g + μ·b)).
/// Without momentum the velocity buffer is not used.
/// </summary>
internal sealed unsafe class SgdJob : IParallelJob
{
    private readonly SimdLevel _level;
    private readonly WorkShares _shares;
    private float* _p, _g, _velocity;
    private int _count;
    private float _learningRate, _momentum;
    private bool _nesterov;

    public SgdJob(SimdLevel level, int threads)
    {
        _level = level;
        _shares = new WorkShares(threads);
    }

    public void Run(WorkerPool pool, float* p, float* g, float* velocity, int count, float learningRate, float momentum, bool nesterov)
    {
        _p = p; _g = g; _velocity = velocity; _count = count;
        _learningRate = learningRate; _momentum = momentum; _nesterov = nesterov;
        pool.Run(this, split: count >= AdamJob.ParallelThreshold, _shares);
    }

    public void Execute(int worker, int workers)
    {
        (int start, int end) = _shares.Partition(_count, worker, workers, 64);
        switch (_level)
        {
            case SimdLevel.Avx512:
                Sweep<Simd512, Vector512<float>>(start, end);
                break;
            case SimdLevel.Avx2:
                Sweep<Simd256, Vector256<float>>(start, end);
                break;
            default:
                Sweep<SimdScalar, float>(start, end);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first step
    private void Sweep<TSimd, TVec>(int start, int end)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TVec negativeRate = TSimd.Broadcast(-_learningRate), momentum = TSimd.Broadcast(_momentum);
        bool useVelocity = _velocity != null && _momentum != 0f;
        int i = start;
        for (; i + TSimd.Count <= end; i += TSimd.Count)
        {
            TVec g = TSimd.Load(_g + i);
            TVec direction = g;
            if (useVelocity)
            {
                TVec velocity = TSimd.MultiplyAdd(momentum, TSimd.Load(_velocity + i), g);
                TSimd.Store(_velocity + i, velocity);
                direction = _nesterov ? TSimd.MultiplyAdd(momentum, velocity, g) : velocity;
            }

            TSimd.Store(_p + i, TSimd.MultiplyAdd(negativeRate, direction, TSimd.Load(_p + i)));
        }

        for (; i < end; i++)
        {
            float g = _g[i];
            float direction = g;
            if (useVelocity)
            {
                float velocity = (_momentum * _velocity[i]) + g;
                _velocity[i] = velocity;
                direction = _nesterov ? g + (_momentum * velocity) : velocity;
            }

            _p[i] -= _learningRate * direction;
        }
    }
}
