using System;
using System.Collections.Generic;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Compares the generated backward pass with central finite differences of the generated forward pass,
/// for every scalar parameter.
///
/// Tolerance: the model computes in float32, so with step h = 1e-2 the rounding noise of
/// (L(p+h) - L(p-h)) / 2h is about 1e-7 / 1e-2 = 1e-5 and the truncation error is O(h²·L''') ≈ 1e-4.
/// We require |analytic - numeric| &lt;= 1e-3 + 1e-2·|numeric| for every parameter. A wrong factor, sign,
/// transposition or missing term misses this by orders of magnitude.
///
/// ReLU-like kinks: when p ± h moves a pre-activation across zero the central difference is meaningless.
/// Models with kinks use h = 1e-3 (ten times fewer crossings; rounding noise 2e-4, still inside the
/// tolerance) and a point whose one-sided differences disagree by more than the tolerance is treated as a
/// crossing and skipped; at most 10% may be skipped. Smooth models never skip.
/// </summary>
internal static class GradientCheck
{
    private const float SmoothStep = 1e-2f;
    private const float KinkedStep = 1e-3f;
    private const double AbsoluteTolerance = 1e-3;
    private const double RelativeTolerance = 1e-2;

    public static void Verify<TTarget>(ISupervisedModel<TTarget> model, float[] inputs, TTarget[] targets, long dropoutSeed = 1234)
        where TTarget : unmanaged
    {
        model.ReseedDropout(dropoutSeed);
        model.ComputeGradients(inputs, targets);
        var analytic = new List<float[]>();
        foreach (ParameterTensor gradient in model.Gradients)
        {
            analytic.Add(gradient.Span.ToArray());
        }

        // Parameters are restored exactly after each probe, so the unperturbed loss is the same for every element.
        double center = Loss(model, inputs, targets, dropoutSeed);
        bool kinked = IsKinked(model);
        float step = kinked ? KinkedStep : SmoothStep;
        int checkedCount = 0, skipped = 0;
        var failures = new List<string>();
        for (int t = 0; t < model.Parameters.Count; t++)
        {
            ParameterTensor parameter = model.Parameters[t];
            Assert.Equal(parameter.Name, model.Gradients[t].Name);
            // Large tensors: every stride-th element (a spread sample) keeps the check fast; small ones are checked fully.
            int stride = Math.Max(1, parameter.Length / 1500);
            for (int i = 0; i < parameter.Length; i += stride)
            {
                float original = parameter.Span[i];
                parameter.Span[i] = original + step;
                double plus = Loss(model, inputs, targets, dropoutSeed);
                parameter.Span[i] = original - step;
                double minus = Loss(model, inputs, targets, dropoutSeed);
                parameter.Span[i] = original;

                double right = (plus - center) / step;
                double left = (center - minus) / step;
                if (kinked && Math.Abs(right - left) > AbsoluteTolerance + (RelativeTolerance * Math.Abs(right + left) / 2))
                {
                    skipped++;
                    continue;
                }

                double numeric = (plus - minus) / (2 * step);
                double difference = Math.Abs(analytic[t][i] - numeric);
                checkedCount++;
                if (difference > AbsoluteTolerance + (RelativeTolerance * Math.Abs(numeric)))
                {
                    failures.Add($"{parameter.Name}[{i}]: analytic {analytic[t][i]:G6}, numeric {numeric:G6}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(skipped <= (checkedCount + skipped) / 10, $"{skipped} of {checkedCount + skipped} points sat on a kink");
        Assert.True(checkedCount > 0);
    }

    private static double Loss<TTarget>(ISupervisedModel<TTarget> model, float[] inputs, TTarget[] targets, long dropoutSeed)
        where TTarget : unmanaged
    {
        model.ReseedDropout(dropoutSeed);
        return model.ComputeLoss(inputs, targets);
    }

    /// <summary>Only piecewise-linear activations have kinks; elsewhere a one-sided mismatch is a real error.</summary>
    private static bool IsKinked(IModel model) =>
        model.GetType().Name is nameof(ReluModel) or nameof(LeakyReluModel) or nameof(WideModel) or nameof(WideDropoutModel)
            or nameof(StandaloneReluModel) or nameof(StandaloneLeakyReluModel) or nameof(PenaltyModel)
            or nameof(ConvReluModel) or nameof(MaxPoolModel) or nameof(MaxPoolTiesModel)
            or nameof(MaeModel) // |y - t| is piecewise linear in the output
            // ELU and SELU are smooth once, but their second derivative jumps at 0: the central difference of a point
            // whose pre-activation sits within h·|x| of 0 is off by O(h), so these take the small step too.
            or nameof(DenseEluModel) or nameof(DenseSeluModel) or nameof(StandaloneEluModel) or nameof(StandaloneSeluModel) or nameof(WideSmoothModel);

    public static float[] RandomInputs(int count, long seed, float scale = 1f)
    {
        var rng = new Rng(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(rng.NextGaussian() * scale);
        }

        return values;
    }

    /// <summary>
    /// <paramref name="samples"/> rows of <paramref name="inputs"/> values shaped like images on a black background:
    /// each row is zero but for one stretch of half its inputs at a random place, nine in ten of them drawn from [0, 1).
    /// Enough zeros, in runs, for the products to take their zero-skipping paths as the Fashion-MNIST MLP's do (the
    /// listed forward, the transposed first weight gradient). <paramref name="starts"/> gets each stretch's start.
    /// </summary>
    public static float[] ImageLikeInputs(int samples, int inputs, long seed, out int[] starts)
    {
        var rng = new Rng(seed);
        var values = new float[samples * inputs];
        starts = new int[samples];
        for (int sample = 0; sample < samples; sample++)
        {
            int start = rng.NextInt(inputs / 2);
            starts[sample] = start;
            for (int i = start; i < start + (inputs / 2); i++)
            {
                float draw = rng.NextSingle();
                values[((long)sample * inputs) + i] = draw < 0.9f ? draw / 0.9f : 0f;
            }
        }

        return values;
    }

    public static int[] RandomLabels(int count, int classes, long seed)
    {
        var rng = new Rng(seed, 77);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = rng.NextInt(classes);
        }

        return labels;
    }
}
