using System;
using Generated;

namespace Generated.Runtime.Tests.Training;

/// <summary>One sigmoid output trained with binary cross-entropy (float targets); <see cref="Forward"/> yields probabilities.</summary>
public sealed class LogisticRegression : FakeModel, ISupervisedModel<float>
{
    private readonly float[] _weights; // inputs then bias
    private readonly float[] _gradient;

    public LogisticRegression(int inputSize, int maxBatch = 64)
        : base(inputSize, 1, maxBatch)
    {
        _weights = new float[inputSize + 1];
        _gradient = new float[inputSize + 1];
    }

    public int TargetSize => 1;

    public Loss Loss => Loss.BinaryCrossEntropy;

    public override void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int batch = inputs.Length / InputSize;
        for (int n = 0; n < batch; n++)
        {
            outputs[n] = Probability(inputs.Slice(n * InputSize, InputSize));
        }
    }

    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        float loss = ComputeGradients(inputs, targets);
        for (int i = 0; i < _weights.Length; i++)
        {
            _weights[i] -= (float)LearningRate * _gradient[i];
        }

        return loss;
    }

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int batch = CheckBatch(inputs, targets.Length, TargetSize);
        Array.Clear(_gradient);
        double loss = 0;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> x = inputs.Slice(n * InputSize, InputSize);
            float p = Probability(x);
            loss += Bce(p, targets[n]);
            float delta = (p - targets[n]) / batch;
            for (int i = 0; i < InputSize; i++)
            {
                _gradient[i] += delta * x[i];
            }

            _gradient[InputSize] += delta;
        }

        return (float)(loss / batch);
    }

    public float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int batch = CheckBatch(inputs, targets.Length, TargetSize);
        double loss = 0;
        for (int n = 0; n < batch; n++)
        {
            loss += Bce(Probability(inputs.Slice(n * InputSize, InputSize)), targets[n]);
        }

        return (float)(loss / batch);
    }

    private float Probability(ReadOnlySpan<float> x)
    {
        float z = _weights[InputSize];
        for (int i = 0; i < InputSize; i++)
        {
            z += _weights[i] * x[i];
        }

        return 1f / (1f + MathF.Exp(-z));
    }

    private static double Bce(float p, float t)
    {
        double q = Math.Clamp(p, 1e-7, 1 - 1e-7);
        return -(t * Math.Log(q) + (1 - t) * Math.Log(1 - q));
    }
}
