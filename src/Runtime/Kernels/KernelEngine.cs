using System;
using System.ComponentModel;

namespace Generated.Kernels;

/// <summary>
/// The kernels a generated model calls, bound to that model's worker pool, scratch memory and dropout
/// stream. Generated code passes literal shapes and arena offsets; every buffer is allocated up front, so
/// after construction no call here allocates.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe partial class KernelEngine : IDisposable
{
    private readonly WorkerPool _pool;
    private readonly GemmJob _gemm;
    private readonly DenseGradientJob _denseGradient;
    private readonly ElementwiseJob _elementwise;
    private readonly GatherJob _gather;
    private readonly AdamJob _adam;
    private readonly SgdJob _sgd;
    private readonly TransposeJob _transpose;
    // Below this many outputs the forward pass uses dot products instead of the register-tiled GEMM.
    private const int NarrowOutputs = 16;
    private AlignedBuffer _scratch;
    private Training.ByteScale _byteScale;
    private Rng _dropoutRng;

    /// <summary>Creates the engine; <paramref name="threads"/> &lt;= 0 means every core.</summary>
    public KernelEngine(int threads, long dropoutSeed, SimdLevel? simd = null)
    {
        Simd = SimdSelection.Resolve(simd);
        _pool = new WorkerPool(threads);
        _gemm = new GemmJob(Simd, _pool.Threads);
        _denseGradient = new DenseGradientJob(Simd, _pool.Threads);
        _elementwise = new ElementwiseJob(Simd, _pool.Threads);
        _gather = new GatherJob(_pool.Threads);
        _pooling = new PoolingJob(_pool.Threads);
        _batchNorm = new BatchNormJob(Simd, _pool.Threads);
        _adam = new AdamJob(Simd, _pool.Threads);
        _sgd = new SgdJob(Simd, _pool.Threads);
        _transpose = new TransposeJob(_pool.Threads);
        _dropoutRng = new Rng(dropoutSeed, stream: 0xD0);
    }

    /// <summary>
    /// Whether products skip the K steps where a whole register tile of their left operand is zero (on AVX-512; see
    /// <see cref="NonzeroSteps"/>). The results are the same either way; tests turn it off to compare the two paths.
    /// </summary>
    internal bool SkipsZeroSteps { get; set; } = true;

    /// <summary>The instruction set the kernels run with.</summary>
    public SimdLevel Simd { get; }

    /// <summary>Threads a kernel is split over.</summary>
    public int Threads => _pool.Threads;

    /// <summary>Reserves scratch for the largest transposition a step performs.</summary>
    public void ReserveScratch(long length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new AlignedBuffer(length);
        }
    }

    /// <summary>
    /// Copies rows <paramref name="rows"/> of <paramref name="source"/> (rows of <paramref name="rowLength"/> floats) to
    /// the front of <paramref name="destination"/>, in order, split over the threads: a shuffled batch.
    /// </summary>
    public void GatherRows(ReadOnlySpan<float> source, int rowLength, ReadOnlySpan<int> rows, Span<float> destination)
    {
        Training.RowGather.Check(source, rowLength, rows, destination);
        fixed (float* matrix = source, target = destination)
        fixed (int* indices = rows)
        {
            _gather.Run(_pool, matrix, source.Length / rowLength, rowLength, indices, rows.Length, target);
        }
    }

    /// <summary>
    /// The byte form of <see cref="GatherRows(ReadOnlySpan{float}, int, ReadOnlySpan{int}, Span{float})"/>: each value
    /// becomes <c>value / divisor</c>, exactly the float division.
    /// </summary>
    public void GatherRows(ReadOnlySpan<byte> source, float divisor, int rowLength, ReadOnlySpan<int> rows, Span<float> destination)
    {
        // Checking the fast decoding against all 256 byte values costs about a microsecond: done once per divisor.
        if (_byteScale.Divisor != divisor)
        {
            _byteScale = Training.ByteScale.Create(divisor, nameof(divisor));
        }

        Training.ByteScale scale = _byteScale;
        Training.RowGather.Check(source, rowLength, rows, destination);
        fixed (byte* matrix = source)
        fixed (float* target = destination)
        fixed (int* indices = rows)
        {
            _gather.Run(_pool, matrix, scale, source.Length / rowLength, rowLength, indices, rows.Length, target);
        }
    }

    /// <summary>Restarts the dropout mask stream.</summary>
    public void ReseedDropout(long seed) => _dropoutRng = new Rng(seed, stream: 0xD0);

    /// <summary>
    /// y[batch, outputs] = activation(x[batch, inputs] · wᵀ + b), w stored as [outputs, inputs]. When
    /// <paramref name="preActivation"/> is not empty the epilogue also keeps x · wᵀ + b there (GELU and Swish need it
    /// for the backward pass).
    /// </summary>
    public void DenseForward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y,
        int batch, int inputs, int outputs, Activation activation, float alpha, Span<float> preActivation = default)
    {
        CheckDenseOperands(x, weight, bias, y, preActivation, batch, inputs, outputs);
        DenseForward(x, weight, bias, y, batch, inputs, outputs, activation, alpha, preActivation, default);
    }

    /// <summary>
    /// <see cref="DenseForward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, Activation, float, Span{float})"/>
    /// followed by a dropout layer reading its output, in one pass: <paramref name="y"/> keeps the activated output (the
    /// backward pass's derivative reads it), and each finished row, still in L1, gets its mask and
    /// <paramref name="dropped"/> = y ⊙ mask. The call takes the dropout stream's next key, as
    /// <see cref="DropoutForward"/> would right after the product, so the masks are the same bits as the two calls'.
    /// </summary>
    public void DenseForwardWithDropout(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y,
        int batch, int inputs, int outputs, Activation activation, float alpha, Span<float> mask, Span<float> dropped, float rate,
        Span<float> preActivation = default)
    {
        // Everything is checked before the key is drawn, so a refused call leaves the dropout stream where it was.
        CheckDenseOperands(x, weight, bias, y, preActivation, batch, inputs, outputs);
        Checks.AtLeast(mask.Length, batch * outputs, nameof(mask), "batch x outputs");
        Checks.AtLeast(dropped.Length, batch * outputs, nameof(dropped), "batch x outputs");
        if (dropped.Overlaps(x) || mask.Overlaps(x))
        {
            // Rows are dropped while other workers may still be reading x for their own bands.
            throw new ArgumentException("The dropout's output and mask must not share memory with the layer's input x.", nameof(dropped));
        }

        float keep = 1f - rate;
        fixed (float* pm = mask, pd = dropped)
        {
            var dropout = new DropoutRows
            {
                Mask = pm, Output = pd, Key = _dropoutRng.NextUInt64(), Keep = keep, Scale = 1f / keep, Level = Simd,
            };
            DenseForward(x, weight, bias, y, batch, inputs, outputs, activation, alpha, preActivation, dropout);
        }
    }

    /// <summary>Both forward paths read and write through pointers: every span is checked first.</summary>
    private static void CheckDenseOperands(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y, Span<float> preActivation,
        int batch, int inputs, int outputs)
    {
        Checks.AtLeast(x.Length, batch * inputs, nameof(x), "batch x inputs");
        Checks.AtLeast(weight.Length, outputs * inputs, nameof(weight), "outputs x inputs");
        Checks.AtLeast(y.Length, batch * outputs, nameof(y), "batch x outputs");
        if (!bias.IsEmpty)
        {
            // Both paths read the bias through a pointer, one float per output.
            Checks.Length(bias.Length, outputs, nameof(bias), "one per output");
        }

        if (!preActivation.IsEmpty)
        {
            Checks.AtLeast(preActivation.Length, batch * outputs, nameof(preActivation), "batch x outputs, the pre-activation the layer keeps");
        }
    }

    /// <summary>The product, its epilogue and, when <paramref name="dropout"/> has a mask, the dropout, on checked operands.</summary>
    private void DenseForward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y,
        int batch, int inputs, int outputs, Activation activation, float alpha, Span<float> preActivation, in DropoutRows dropout)
    {
        if (outputs < NarrowOutputs)
        {
            DenseForwardNarrow(x, weight, bias, y, batch, inputs, outputs, activation, alpha, preActivation);
            if (dropout.Mask != null)
            {
                // Rows this short have no epilogue of their own: the stand-alone pass over the block, with the same draws.
                fixed (float* py = y)
                {
                    _elementwise.Dropout(_pool, py, dropout.Mask, dropout.Output, batch * outputs, dropout.Key, dropout.Keep, dropout.Scale);
                }
            }

            return;
        }

        // The weight is read in its [out, in] layout; the kernel transposes one L1-sized panel at a time (TransposedB).
        fixed (float* px = x, pw = weight, pb = bias, py = y, pz = preActivation)
        {
            var arguments = new GemmArguments
            {
                A = px, Lda = inputs, B = pw, Ldb = inputs, TransposedB = true, C = py, Ldc = outputs, SkipZeroA = SkipsZeroStepsOf(px, batch, inputs),
                M = batch, N = outputs, K = inputs, Accumulate = false,
                Bias = bias.IsEmpty ? null : pb, Activation = activation, Alpha = alpha,
                PreActivation = preActivation.IsEmpty ? null : pz, Dropout = dropout,
            };
            _gemm.Run(_pool, arguments);
        }
    }

    /// <summary>
    /// Outputs narrower than a vector (e.g. 10 logits) would leave the register tile empty. On AVX-512, with 1 to 10
    /// outputs not a multiple of 4 and k a multiple of 8, the paired-phase kernel computes them (<see cref="NarrowForward"/>);
    /// otherwise they are 4 x 4 blocks of SIMD dot products of input rows with contiguous weight rows. Either way the bias
    /// joins the totals as they are stored (rows this short spent more on a call per row than on the add); ReLU and leaky
    /// ReLU then run once over the whole [batch, outputs] block, other activations row by row.
    /// </summary>
    private unsafe void DenseForwardNarrow(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y,
        int batch, int inputs, int outputs, Activation activation, float alpha, Span<float> preActivation)
    {
        int length = batch * outputs;
        if (NarrowForward.Applies(Simd, outputs, inputs))
        {
            // Pairs of outputs times eight phases of k in each vector: no horizontal sum per output (see NarrowForward).
            // The packed weight ((outputs + 1) x inputs floats) lives in the scratch, which a generated model reserves at
            // construction for its widest dense layer x MaxBatch (256 x 512 floats for the benchmark MLP, against 1,280
            // here). Only a model whose MaxBatch is too small for that grows it, once, on its first forward pass.
            ReserveScratch(NarrowForward.PackLength(outputs, inputs));
            fixed (float* px = x, pw = weight, py = y, pb = bias, pack = _scratch)
            {
                NarrowForward.Run(px, inputs, pw, bias.IsEmpty ? null : pb, py, batch, outputs, inputs, pack);
            }
        }
        else
        {
            fixed (float* px = x, pw = weight, py = y, pb = bias)
            {
                // Both operands along their contiguous rows: 4 x 4 blocks of dot products, each row of W reused by four inputs.
                DotGemm.RunWithBias(Simd, px, inputs, pw, inputs, py, outputs, batch, outputs, inputs, bias.IsEmpty ? null : pb);
            }
        }

        Span<float> block = y.Slice(0, length);
        if (!preActivation.IsEmpty)
        {
            block.CopyTo(preActivation);
        }

        if (activation is Activation.Linear || length == 0)
        {
            return;
        }

        if (activation is Activation.ReLU or Activation.LeakyReLU)
        {
            // Exact element-wise operations: the same bits over the whole block as row by row, in one call.
            Activations.ApplyInPlace(block, activation, alpha);
            return;
        }

        // Row by row for the rest: softmax normalises a row, and TensorPrimitives' sigmoid and tanh take a scalar path
        // for 1-3 elements and vector paths above, so a call's length can change their last bit.
        for (int row = 0; row < batch; row++)
        {
            Activations.ApplyInPlace(block.Slice(row * outputs, outputs), activation, alpha);
        }
    }

    /// <summary>
    /// Backward of <see cref="DenseForward"/>. On entry <paramref name="gradOutput"/> holds dL/dy; it is
    /// turned into dL/dz in place (activation derivative from <paramref name="y"/>), the bias gradient summed and dz
    /// transposed, in one pass split over the workers by bands of output columns (<see cref="DenseGradientJob"/>; softmax's
    /// derivative, which mixes a row, first row by row). Then dw = dzᵀ·x (as (xᵀ·dz)ᵀ, skipping zero inputs, when x is
    /// sparse enough: KernelEngine.SparseGradient.cs) and, when <paramref name="gradInput"/> is not empty, dx = dz·w; both
    /// plain products skip the steps where dz is zero (a ReLU's units that were off) when it has enough zeros and each
    /// worker's band is wide enough (<see cref="BackwardSkipsZeroStepsOf"/>); a skipped step never multiplies x or w, so
    /// an infinite or NaN value there reaches no gradient, and whether it does can depend on the thread count. Gradients
    /// are overwritten, not accumulated. <paramref name="preActivation"/> is what
    /// <see cref="DenseForward"/> kept for GELU and Swish, empty for the other activations. <paramref name="dropoutMask"/>,
    /// when not empty, is the mask of a dropout that <see cref="DenseForwardWithDropout"/> applied to y: then
    /// <paramref name="gradOutput"/> holds the gradient of the dropped output and is masked first, in the same sweep
    /// (the stand-alone <see cref="DropoutBackward"/> before this call, with the same products).
    /// </summary>
    public void DenseBackward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> y, Span<float> gradOutput,
        Span<float> gradWeight, Span<float> gradBias, Span<float> gradInput,
        int batch, int inputs, int outputs, Activation activation, float alpha, ReadOnlySpan<float> preActivation = default,
        ReadOnlySpan<float> dropoutMask = default)
    {
        Span<float> transposed = _scratch.Slice(0, outputs * batch);
        int length = batch * outputs;
        // The element-wise pass runs on raw pointers split over workers: every span it reads or writes is checked first.
        Checks.AtLeast(gradOutput.Length, length, nameof(gradOutput), "batch x outputs");
        Checks.AtLeast(y.Length, length, nameof(y), "batch x outputs");
        if (!preActivation.IsEmpty)
        {
            Checks.AtLeast(preActivation.Length, length, nameof(preActivation), "batch x outputs");
        }

        bool hasBias = !gradBias.IsEmpty;
        if (hasBias)
        {
            Checks.Length(gradBias.Length, outputs, nameof(gradBias), "one per output");
            gradBias.Clear();
        }

        bool masked = !dropoutMask.IsEmpty;
        if (masked)
        {
            Checks.AtLeast(dropoutMask.Length, length, nameof(dropoutMask), "batch x outputs");
        }

        fixed (float* px = x, pw = weight, py = y, pz = preActivation, pdz = gradOutput, pdw = gradWeight, pdb = gradBias, pdx = gradInput, pt = transposed, pm = dropoutMask)
        {
            if (activation == Activation.Softmax)
            {
                if (masked)
                {
                    // The softmax derivative below mixes each row, so the mask goes first, over the whole block.
                    _elementwise.MaskProduct(_pool, pdz, pm, length);
                    masked = false;
                }

                // The softmax derivative mixes a row's elements: one row at a time, then the column-split sweep as Linear.
                for (int row = 0; row < batch; row++)
                {
                    Activations.BackwardInPlace(gradOutput.Slice(row * outputs, outputs), y.Slice(row * outputs, outputs), activation, alpha);
                }
            }

            // dz, the bias gradient and dzᵀ (which makes dW = dzᵀ·x the broadcast-and-FMA product the register tile
            // wants) in one pass split by output columns.
            bool skipsZeroInputs = WeightGradientSkipsZeros(px, batch, inputs, outputs);
            _denseGradient.Run(_pool, pdz, masked ? pm : null, py, preActivation.IsEmpty ? null : pz, hasBias ? pdb : null,
                skipsZeroInputs ? null : pt, batch, outputs, activation == Activation.Softmax ? Activation.Linear : activation, alpha);
            if (skipsZeroInputs)
            {
                WeightGradientSkippingZeros(px, pdz, pdw, batch, inputs, outputs);
            }
            else
            {
                var weightGradient = new GemmArguments
                {
                    A = pt, Lda = batch, B = px, Ldb = inputs, C = pdw, Ldc = inputs,
                    M = outputs, N = inputs, K = batch, Activation = Activation.Linear,
                    SkipZeroA = BackwardSkipsZeroStepsOf(pt, outputs, batch, inputs),
                };
                _gemm.Run(_pool, weightGradient);
            }
            if (!gradInput.IsEmpty)
            {
                var inputGradient = new GemmArguments
                {
                    A = pdz, Lda = outputs, B = pw, Ldb = inputs, C = pdx, Ldc = inputs,
                    M = batch, N = inputs, K = outputs, Activation = Activation.Linear,
                    SkipZeroA = BackwardSkipsZeroStepsOf(pdz, batch, outputs, inputs),
                };
                _gemm.Run(_pool, inputGradient);
            }
        }
    }

    /// <summary>
    /// Inverted dropout: mask = 1/(1-rate) with probability 1-rate, else 0; y = x ⊙ mask. Each call takes one key from
    /// the dropout stream and draws element i's mask from (key, i), split over the workers: the masks depend on the seed
    /// and the call sequence, never on the thread count.
    /// </summary>
    public void DropoutForward(ReadOnlySpan<float> x, Span<float> mask, Span<float> y, float rate)
    {
        float keep = 1f - rate;
        Checks.AtLeast(mask.Length, x.Length, nameof(mask), "one per input");
        Checks.AtLeast(y.Length, x.Length, nameof(y), "one per input");
        ulong key = _dropoutRng.NextUInt64();
        fixed (float* px = x, pm = mask, py = y)
        {
            _elementwise.Dropout(_pool, px, pm, py, x.Length, key, keep, 1f / keep);
        }
    }

    /// <summary>dx = dy ⊙ mask, in place, split over the workers.</summary>
    public void DropoutBackward(Span<float> gradient, ReadOnlySpan<float> mask)
    {
        Checks.AtLeast(mask.Length, gradient.Length, nameof(mask), "one per gradient value");
        fixed (float* pg = gradient, pm = mask)
        {
            _elementwise.MaskProduct(_pool, pg, pm, gradient.Length);
        }
    }

    /// <summary>
    /// A stand-alone activation layer: y = activation(x) over the whole batch (softmax per row of
    /// <paramref name="features"/>), split over the workers.
    /// </summary>
    public void ActivationForward(ReadOnlySpan<float> x, Span<float> y, int features, Activation activation, float alpha)
    {
        Checks.AtLeast(y.Length, x.Length, nameof(y), "one per input");
        CheckRows(x.Length, features, activation);
        fixed (float* px = x, py = y)
        {
            _elementwise.Forward(_pool, px, py, x.Length, features, activation, alpha);
        }
    }

    /// <summary>
    /// Backward of <see cref="ActivationForward"/>: dL/dy becomes dL/dx in place, from the output y and, for GELU and
    /// Swish, the input x (empty for the others); split over the workers.
    /// </summary>
    public void ActivationBackward(Span<float> gradient, ReadOnlySpan<float> x, ReadOnlySpan<float> y, int features, Activation activation, float alpha)
    {
        Checks.AtLeast(y.Length, gradient.Length, nameof(y), "one per gradient value");
        if (Activations.NeedsInput(activation))
        {
            Checks.AtLeast(x.Length, gradient.Length, nameof(x), "one per gradient value (the pre-activation)");
        }

        CheckRows(gradient.Length, features, activation);
        fixed (float* pg = gradient, px = x, py = y)
        {
            _elementwise.Backward(_pool, pg, x.IsEmpty ? null : px, py, gradient.Length, features, activation, alpha);
        }
    }

    /// <summary>Softmax splits the work by rows, so the buffer must hold whole rows.</summary>
    private static void CheckRows(int length, int features, Activation activation)
    {
        if (features <= 0 || (activation == Activation.Softmax && length % features != 0))
        {
            throw new ArgumentException($"{length} values are not whole rows of {features} features.", nameof(features));
        }
    }

    /// <summary>One Adam update over contiguous parameter, gradient and moment regions.</summary>
    public void Adam(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> firstMoment, Span<float> secondMoment,
        float learningRate, float beta1, float beta2, float epsilon, int step)
    {
        fixed (float* p = parameters, g = gradients, m = firstMoment, v = secondMoment)
        {
            _adam.Run(_pool, p, g, m, v, parameters.Length, learningRate, beta1, beta2, epsilon, step);
        }
    }

    /// <summary>One SGD update; <paramref name="velocity"/> may be empty when momentum is zero.</summary>
    public void Sgd(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity, float learningRate, float momentum, bool nesterov)
    {
        fixed (float* p = parameters, g = gradients, b = velocity)
        {
            _sgd.Run(_pool, p, g, velocity.IsEmpty ? null : b, parameters.Length, learningRate, momentum, nesterov);
        }
    }

    /// <summary>C[m, n] (+)= A[m, k] · B[k, n], row-major; exposed for tests and benchmarks of the micro-kernels.</summary>
    public void Gemm(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate)
    {
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
        {
            throw new ArgumentException($"Spans too short for a [{m}x{k}]·[{k}x{n}] product.");
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            var arguments = new GemmArguments
            {
                A = pa, Lda = k, B = pb, Ldb = n, C = pc, Ldc = n, M = m, N = n, K = k,
                Accumulate = accumulate, Activation = Activation.Linear,
            };
            _gemm.Run(_pool, arguments);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _pool.Dispose();
}
