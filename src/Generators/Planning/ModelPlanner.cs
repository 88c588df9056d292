using System;
using System.Collections.Generic;
using System.Linq;

namespace Generated.SourceGeneration;

/// <summary>Shapes, arena offsets, buffer reuse and fusion decisions for one model.</summary>
internal static class ModelPlanner
{
    public static ModelPlan Plan(ModelSpec spec)
    {
        if (!spec.IsValid)
        {
            return InvalidPlan(spec);
        }

        (int[][] shapes, ShapeInference.ShapeError? error) = ShapeInference.Infer(spec);
        if (error is not null)
        {
            return InvalidPlan(spec);
        }

        int inputSize = spec.InputShape.Aggregate(1, (a, b) => a * b);
        int firstTrainable = -1;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            if (spec.Layers[i].Kind == LayerKind.Dense)
            {
                firstTrainable = i;
                break;
            }
        }

        var layers = new LayerPlan[spec.Layers.Count];
        int offset = 0;
        int inputs = inputSize;
        int maxWidth = 1;
        long scratchFixed = 0;
        int scratchPerSample = 0;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            int outputs = shapes[i].Aggregate(1, (a, b) => a * b);
            int weightOffset = -1, biasOffset = -1;
            if (layer.Kind == LayerKind.Dense)
            {
                weightOffset = offset;
                offset = checked(offset + (inputs * outputs));
                if (layer.UseBias)
                {
                    biasOffset = offset;
                    offset = checked(offset + outputs);
                }

                // Forward transposes the weight; backward transposes dz for one batch.
                scratchFixed = Math.Max(scratchFixed, (long)inputs * outputs);
                scratchPerSample = Math.Max(scratchPerSample, outputs);
            }

            maxWidth = Math.Max(maxWidth, outputs);
            bool isLast = i == spec.Layers.Count - 1;
            layers[i] = new LayerPlan(
                layer.Name,
                layer.Modifiers,
                layer.StubSignature,
                layer.Kind,
                i,
                inputs,
                outputs,
                layer.Activation,
                ResolveInit(layer.Init, layer.Activation),
                layer.LeakySlope,
                layer.Rate,
                weightOffset,
                biasOffset,
                NeedsInputGradient: firstTrainable >= 0 && i > firstTrainable,
                GradientBuffer: 0,
                DerivativeInLoss: isLast && layer.Kind == LayerKind.Dense && layer.Activation == ActivationKind.Sigmoid && spec.Loss == LossKind.BinaryCrossEntropy,
                OutputShapeText: "(None, " + string.Join(", ", shapes[i]) + ")");
            inputs = outputs;
        }

        AssignGradientBuffers(layers);
        int parameterCount = offset;
        int stateCount = spec.Optimizer.Kind switch
        {
            OptimizerKind.Adam => 2 * parameterCount,
            OptimizerKind.Sgd when spec.Optimizer.Momentum != 0 => parameterCount,
            _ => 0,
        };

        return new ModelPlan(
            spec.Namespace,
            spec.ClassName,
            spec.Declaration,
            spec.HasUserParameterlessConstructor,
            IsValid: true,
            new EquatableArray<LayerPlan>(layers),
            inputSize,
            inputs,
            parameterCount,
            stateCount,
            maxWidth,
            scratchFixed,
            scratchPerSample,
            spec.MaxBatch,
            spec.Seed,
            spec.Loss,
            spec.Optimizer,
            SummaryBuilder.Build(spec, layers, parameterCount));
    }

    /// <summary>
    /// Walks backward: dL/d(output of the last layer) starts in buffer 0; a layer that computes dL/dx writes it
    /// into the other buffer; dropout works in place. So adjacent layers never read and write the same buffer.
    /// </summary>
    private static void AssignGradientBuffers(LayerPlan[] layers)
    {
        int current = 0;
        for (int i = layers.Length - 1; i >= 0; i--)
        {
            layers[i] = layers[i] with { GradientBuffer = current };
            if (layers[i].Kind == LayerKind.Dense && layers[i].NeedsInputGradient)
            {
                current = 1 - current;
            }
        }
    }

    /// <summary>He for the ReLU family (keeps activation variance through rectifiers), Xavier otherwise.</summary>
    internal static InitKind ResolveInit(InitKind init, ActivationKind activation) =>
        init != InitKind.Auto ? init
        : activation is ActivationKind.ReLU or ActivationKind.LeakyReLU ? InitKind.HeUniform
        : InitKind.XavierUniform;

    private static ModelPlan InvalidPlan(ModelSpec spec)
    {
        var layers = new List<LayerPlan>();
        foreach (LayerSpec layer in spec.Layers)
        {
            layers.Add(new LayerPlan(layer.Name, layer.Modifiers, layer.StubSignature, layer.Kind, layers.Count, 0, 0, layer.Activation, layer.Init, 0, 0, -1, -1, false, 0, false, string.Empty));
        }

        return new ModelPlan(spec.Namespace, spec.ClassName, spec.Declaration, spec.HasUserParameterlessConstructor, IsValid: false, new EquatableArray<LayerPlan>(layers.ToArray()),
            0, 0, 0, 0, 0, 0, 0, 0, 0, spec.Loss, spec.Optimizer, string.Empty);
    }
}
