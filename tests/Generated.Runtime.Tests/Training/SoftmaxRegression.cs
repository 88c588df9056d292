using System;
using Generated;

namespace Generated.Runtime.Tests.Training;

/// <summary>Multinomial logistic regression with hand-derived gradients and plain SGD: a tiny learnable classifier.</summary>
public sealed class SoftmaxRegression : FakeModel, ISupervisedModel<int>
{
    private readonly float[] _weights; // [classes, inputs] then [classes] bias
    private readonly float[] _gradient;
    private readonly float[] _probabilities;

    public SoftmaxRegression(int inputSize, int classes, int maxBatch = 64)
        : base(inputSize, classes, maxBatch)
    {
        _weights = new float[classes * inputSize + classes];
        _gradient = new float[_weights.Length];
        _probabilities = new float[maxBatch * classes];
    }

    public int TargetSize => 1;

    public Loss Loss => Loss.SoftmaxCrossEntropy;

    public override long ParameterCount => _weights.Length;

    public override void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int batch = inputs.Length / InputSize;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> x = inputs.Slice(n * InputSize, InputSize);
            for (int c = 0; c < OutputSize; c++)
            {
                float sum = _weights[OutputSize * InputSize + c];
                for (int i = 0; i < InputSize; i++)
                {
                    sum += _weights[c * InputSize + i] * x[i];
                }

                outputs[n * OutputSize + c] = sum;
            }
        }
    }

    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets)
    {
        float loss = ComputeGradients(inputs, targets);
        for (int i = 0; i < _weights.Length; i++)
        {
            _weights[i] -= (float)LearningRate * _gradient[i];
        }

        return loss;
    }

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets)
    {
        int batch = CheckBatch(inputs, targets.Length, TargetSize);
        float loss = Probabilities(inputs, targets);
        Array.Clear(_gradient);
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < OutputSize; c++)
            {
                // d(mean cross-entropy)/d(logit) = (p - onehot) / batch
                float delta = (_probabilities[n * OutputSize + c] - (c == targets[n] ? 1f : 0f)) / batch;
                for (int i = 0; i < InputSize; i++)
                {
                    _gradient[c * InputSize + i] += delta * inputs[n * InputSize + i];
                }

                _gradient[OutputSize * InputSize + c] += delta;
            }
        }

        return loss;
    }

    public float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets)
    {
        CheckBatch(inputs, targets.Length, TargetSize);
        return Probabilities(inputs, targets);
    }

    /// <summary>Fills the softmax probabilities and returns the batch's mean cross-entropy.</summary>
    private float Probabilities(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets)
    {
        int batch = targets.Length;
        Span<float> p = _probabilities.AsSpan(0, batch * OutputSize);
        Forward(inputs, p);
        double loss = 0;
        for (int n = 0; n < batch; n++)
        {
            Span<float> row = p.Slice(n * OutputSize, OutputSize);
            float max = float.NegativeInfinity;
            foreach (float v in row)
            {
                max = MathF.Max(max, v);
            }

            float sum = 0;
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = MathF.Exp(row[c] - max);
                sum += row[c];
            }

            for (int c = 0; c < row.Length; c++)
            {
                row[c] /= sum;
            }

            loss -= Math.Log(Math.Max(row[targets[n]], 1e-12f));
        }

        return (float)(loss / batch);
    }
}
