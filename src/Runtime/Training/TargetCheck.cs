using System;

namespace Generated.Training;

/// <summary>
/// Checks a dataset's targets against what the model can produce before any step runs, so a label the output
/// layer has no unit for, or a BCE target outside [0, 1], names its sample instead of failing (or silently
/// training on garbage) somewhere mid-epoch. This is the run-time half of the class-count check GEN019 does when
/// the model declares <c>Classes</c>.
/// </summary>
internal static class TargetCheck
{
    public static void Check<TTarget>(ISupervisedModel<TTarget> model, Dataset<TTarget> data, string parameterName)
        where TTarget : unmanaged
    {
        if (data.Targets is int[] labels)
        {
            CheckLabels(model, labels, parameterName);
        }
        else if (data.Targets is float[] values && model is ISupervisedModel<float> valueModel)
        {
            CheckValues(valueModel, values, data.TargetSize, parameterName);
        }
    }

    private static void CheckLabels(IModel model, int[] labels, string parameterName)
    {
        int classes = model.OutputSize;
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException(
                    $"Sample {i} has label {labels[i]}, but model '{model.Name}' has {classes} output units, one per class 0..{classes - 1}; " +
                    "the data has more classes than the output layer (declare [Model(Classes = N)] to have the compiler check the layer).",
                    parameterName);
            }
        }
    }

    private static void CheckValues(ISupervisedModel<float> model, float[] values, int targetSize, string parameterName)
    {
        bool probabilities = model.Loss is Loss.BinaryCrossEntropy or Loss.BinaryCrossEntropyWithLogits or Loss.CategoricalCrossEntropy;
        for (int i = 0; i < values.Length; i++)
        {
            float value = values[i];
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"Sample {i / targetSize} has a non-finite target ({value}).", parameterName);
            }

            if (probabilities && (value < 0 || value > 1))
            {
                throw new ArgumentException(
                    $"Sample {i / targetSize} has target {value}, but {model.Loss} needs targets in [0, 1] (0/1 labels, one-hot rows or probabilities).",
                    parameterName);
            }
        }
    }
}
