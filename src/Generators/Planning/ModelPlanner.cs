using System;
using System.Collections.Generic;
using System.Linq;

namespace Generated.SourceGeneration;

/// <summary>Shapes, arena offsets, buffer reuse and fusion decisions for one model.</summary>
internal static partial class ModelPlanner
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
        var layers = new LayerPlan[spec.Layers.Count];
        int offset = 0, buffers = 0, work = 0;
        int scratchPerSample = 0;
        int[] readers = CountReaders(spec);
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            int outputs = shapes[i].Aggregate(1, (a, b) => a * b);
            int[] inputLayers = layer.InputIndices(i);
            int[] inputShape = inputLayers[0] < 0 ? spec.InputShape.ToArray() : shapes[inputLayers[0]];
            int inputs = inputShape.Aggregate(1, (a, b) => a * b);
            int features = WindowPlanner.Features(layer, shapes[i]);
            (int fanIn, int fanOut) = WindowPlanner.Fans(layer, inputShape, inputs);
            int weightOffset = -1, biasOffset = -1, bufferOffset = -1, workOffset = -1;
            if (layer.Kind == LayerKind.Conv2D)
            {
                // [filters, channels / groups, k, k] then [filters], as torch.nn.Conv2d; scratch is the engine's (ReserveConvolution).
                weightOffset = offset;
                offset = checked(offset + (features * fanIn));
                if (layer.UseBias)
                {
                    biasOffset = offset;
                    offset = checked(offset + features);
                }
            }
            else if (layer.Kind == LayerKind.Dense)
            {
                weightOffset = offset;
                offset = checked(offset + (inputs * outputs));
                if (layer.UseBias)
                {
                    biasOffset = offset;
                    offset = checked(offset + outputs);
                }

                // Backward transposes dz for one batch (forward reads the weight in place, a panel at a time).
                scratchPerSample = Math.Max(scratchPerSample, outputs);
            }
            else if (layer.Kind == LayerKind.Embedding)
            {
                // [vocabulary, dimension], as torch.nn.Embedding.
                weightOffset = offset;
                offset = checked(offset + (layer.Vocabulary * features));
            }
            else if (layer.Kind == LayerKind.LayerNorm)
            {
                // gamma then beta over the whole sample. The per-sample mean and inverse std of one batch live in a buffer
                // of the layer's own, sized by the MaxBatch the model is built with (options may raise the declared one).
                weightOffset = offset;
                biasOffset = checked(offset + features);
                offset = checked(offset + (2 * features));
            }
            else if (layer.Kind == LayerKind.BatchNorm)
            {
                // gamma then beta, like a dense weight then bias; running mean, running variance and the batch count are
                // buffers; the batch mean and inverse std (kept for the backward pass) and two row temporaries (per channel: the scale and shift) are work.
                weightOffset = offset;
                biasOffset = checked(offset + features);
                offset = checked(offset + (2 * features));
                bufferOffset = buffers;
                buffers = checked(buffers + (2 * features) + 1);
                workOffset = work;
                work = checked(work + (4 * features));
            }

            int source = !IsView(layer) ? i : inputLayers[0] < 0 ? -1 : layers[inputLayers[0]].Source;
            if (FusesIntoBatchNorm(layer, inputLayers[0], layers, readers))
            {
                source = inputLayers[0];
                layers[source] = layers[source] with { FusesRelu = true };
            }

            if (FusesIntoDense(layer, i, inputLayers[0], layers, readers))
            {
                layers[inputLayers[0]] = layers[inputLayers[0]] with { FusedDropout = i };
            }

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
                ActivationParameter(layer),
                layer.Rate,
                weightOffset,
                biasOffset,
                NeedsInputGradient: false,
                GradientBuffer: 0,
                DerivativeInLoss: false,
                OutputShapeText: "(None, " + string.Join(", ", shapes[i]) + ")")
            {
                Shape = new EquatableArray<int>(shapes[i]),
                Source = source,
                L1 = layer.IsWeighted ? layer.EffectiveL1 : 0,
                L2 = layer.IsWeighted ? layer.EffectiveL2 : 0,
                InitValue = InitParameter(layer),
                KeepsPreActivation = layer.IsWeighted && ActivationFacts.NeedsInput(layer.Activation),
                MaxNorm = layer.IsWeighted ? layer.MaxNorm : 0,
                Momentum = layer.Momentum,
                Epsilon = layer.Epsilon,
                BufferOffset = bufferOffset,
                WorkOffset = workOffset,
                Features = features,
                Positions = WindowPlanner.Positions(inputShape),
                Window = WindowPlanner.Window(layer, inputShape, shapes[i]),
                Groups = layer.Groups,
                Spatial = layer.Spatial,
                FanIn = fanIn,
                FanOut = fanOut,
                InputLayers = new EquatableArray<int>(inputLayers),
                Vocabulary = layer.Vocabulary,
            };
        }

        FoldOutputActivationIntoLoss(layers, spec.Loss);
        (int gradientBuffers, int gradientWidth) = GradientPlanner.Assign(layers);
        int parameterCount = offset;
        // Parameter-sized regions of optimizer state: Adam's two moments, or SGD's velocity.
        int stateRegions = spec.Optimizer.Kind switch
        {
            OptimizerKind.Adam => 2,
            OptimizerKind.Sgd when spec.Optimizer.Momentum != 0 => 1,
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
            layers[layers.Length - 1].Outputs,
            parameterCount,
            stateRegions,
            gradientWidth,
            scratchPerSample,
            spec.MaxBatch,
            spec.Seed,
            spec.Loss,
            spec.Optimizer,
            SummaryBuilder.Build(spec, layers, parameterCount, buffers))
        {
            BufferCount = buffers,
            WorkCount = work,
            GradientBufferCount = gradientBuffers,
            LossOptions = spec.LossOptions,
        };
    }

    /// <summary>How many layers read each layer's output.</summary>
    private static int[] CountReaders(ModelSpec spec)
    {
        var readers = new int[spec.Layers.Count];
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            foreach (int input in spec.Layers[i].InputIndices(i))
            {
                if (input >= 0)
                {
                    readers[input]++;
                }
            }
        }

        return readers;
    }

    /// <summary>
    /// A ReLU that is the only reader of a per-channel batch norm is applied in the normalising sweep (see
    /// <see cref="LayerPlan.FusesRelu"/>). With another reader the norm's own output must stay unrectified.
    /// </summary>
    private static bool FusesIntoBatchNorm(LayerSpec layer, int input, LayerPlan[] layers, int[] readers) =>
        layer.Kind == LayerKind.Activation && layer.Activation == ActivationKind.ReLU && input >= 0
        && layers[input].Kind == LayerKind.BatchNorm && layers[input].Positions > 1 && readers[input] == 1;

    /// <summary>
    /// A dropout declared right after the dense layer it alone reads is drawn in the dense product's epilogue and masks
    /// the gradient in its backward sweep (see <see cref="LayerPlan.FusedDropout"/>). With another reader the dense
    /// output's gradient collects shares the mask must not touch. Declared further on, another dropout between the two
    /// would take its key from the stream first, and the masks would no longer be the stand-alone pass's. Spatial
    /// dropout draws per channel, which a row does not hold.
    /// </summary>
    private static bool FusesIntoDense(LayerSpec layer, int index, int input, LayerPlan[] layers, int[] readers) =>
        layer.Kind == LayerKind.Dropout && !layer.Spatial && input == index - 1 && input >= 0
        && layers[input].Kind == LayerKind.Dense && readers[input] == 1;

    /// <summary>Reshapes, and activations that change nothing, reinterpret their input's buffer instead of filling one.</summary>
    private static bool IsView(LayerSpec layer) =>
        layer.Kind is LayerKind.Flatten or LayerKind.Reshape
        || (layer.Kind == LayerKind.Activation && layer.Activation == ActivationKind.Linear);

    /// <summary>LeCun normal for SELU, He for the ReLU family (keeps activation variance through rectifiers), Xavier otherwise.</summary>
    internal static InitKind ResolveInit(InitKind init, ActivationKind activation) =>
        init != InitKind.Auto ? init : ActivationFacts.DefaultInit(activation);

    private static ModelPlan InvalidPlan(ModelSpec spec)
    {
        var layers = new List<LayerPlan>();
        foreach (LayerSpec layer in spec.Layers)
        {
            layers.Add(new LayerPlan(layer.Name, layer.Modifiers, layer.StubSignature, layer.Kind, layers.Count, 0, 0, layer.Activation, layer.Init, 0, 0, -1, -1, false, 0, false, string.Empty));
        }

        return new ModelPlan(spec.Namespace, spec.ClassName, spec.Declaration, spec.HasUserParameterlessConstructor, IsValid: false, new EquatableArray<LayerPlan>(layers.ToArray()),
            0, 0, 0, 0, 0, 0, 0, 0, spec.Loss, spec.Optimizer, string.Empty);
    }
}
