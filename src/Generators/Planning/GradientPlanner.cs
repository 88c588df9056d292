using System.Collections.Generic;
using System.Linq;

namespace Generated.SourceGeneration;

/// <summary>
/// Decides which gradient buffer holds dL/d(output) of every layer during the backward pass, and where each layer
/// leaves dL/d(input). A value read by several layers (a residual skip, a branch) collects one share from each reader:
/// the first reader to run backward writes it, the others add to it. Buffers are taken from a pool when a gradient
/// starts and returned when its producer has consumed it, so a plain stack needs two (the ping-pong of a chain) and a
/// graph only as many as gradients are alive at once.
/// </summary>
internal static class GradientPlanner
{
    /// <summary>
    /// Routes every layer's gradients (updating <paramref name="layers"/> in place) and returns how many buffers the
    /// backward pass needs and how wide (floats per sample) each must be.
    /// </summary>
    public static (int Count, int Width) Assign(LayerPlan[] layers)
    {
        var pool = new BufferPool();
        bool[] depends = DependsOnParameters(layers);
        var gradientOf = Enumerable.Repeat(-1, layers.Length).ToArray();
        int output = layers[layers.Length - 1].Source;
        if (output >= 0)
        {
            // The loss writes dL/d(model output) into the first buffer.
            gradientOf[output] = pool.Take();
        }

        for (int i = layers.Length - 1; i >= 0; i--)
        {
            LayerPlan layer = layers[i];
            int gradient = layer.IsView ? -1 : gradientOf[i];
            if (gradient < 0)
            {
                // A view does its work through its source; a layer nothing trained depends on has no backward pass.
                layers[i] = layer with { HasBackward = false, NeedsInputGradient = false, GradientBuffer = 0 };
                continue;
            }

            int[] values = layer.InputLayers.Select(input => input < 0 ? -1 : layers[input].Source).ToArray();
            bool[] needed = values.Select(value => value >= 0 && depends[value]).ToArray();
            GradientRoute[] routes = layer.Kind switch
            {
                LayerKind.Add => RouteSum(values, needed, gradient, gradientOf, pool),
                LayerKind.Concat => RouteSlices(values, needed, gradientOf, pool),
                _ when WorksInPlace(layer.Kind) => new[] { RouteInPlace(values[0], needed[0], gradient, gradientOf) },
                _ => new[] { RouteNew(values[0], needed[0], gradientOf, pool) },
            };

            // A buffer the gradient was handed on to (in place, or an Add's last input) lives on as that input's.
            if (!routes.Any(route => route.Buffer == gradient && route.AccumulateInto < 0))
            {
                pool.Return(gradient);
            }

            foreach (GradientRoute route in routes)
            {
                // A share computed into a scratch buffer only to be added to another is done with it at once.
                if (route.AccumulateInto >= 0 && route.Buffer != gradient && route.Buffer != route.AccumulateInto)
                {
                    pool.Return(route.Buffer);
                }
            }

            layers[i] = layer with
            {
                GradientBuffer = gradient,
                InputGradients = new EquatableArray<GradientRoute>(routes),
                NeedsInputGradient = routes.Any(route => route.IsNeeded),
            };
        }

        return (System.Math.Max(2, pool.Count), Width(layers, depends));
    }

    /// <summary>
    /// The widest value that can hold a gradient: any output that depends on a parameter, and the model output (the
    /// loss's gradient). Before the first trained layer nothing needs one, so a wide flattened input does not size them.
    /// </summary>
    private static int Width(LayerPlan[] layers, bool[] depends)
    {
        int width = 1;
        for (int i = 0; i < layers.Length; i++)
        {
            if (depends[i] || i == layers.Length - 1)
            {
                width = System.Math.Max(width, layers[i].Outputs);
            }
        }

        return width;
    }

    /// <summary>Dropout, activations and the normalisations turn dL/dy into dL/dx in the same buffer.</summary>
    private static bool WorksInPlace(LayerKind kind) =>
        kind is LayerKind.Dropout or LayerKind.Activation or LayerKind.BatchNorm or LayerKind.LayerNorm;

    /// <summary>The in-place result becomes the input's gradient, or is added to the one it already has.</summary>
    private static GradientRoute RouteInPlace(int value, bool needed, int gradient, int[] gradientOf)
    {
        if (!needed)
        {
            return GradientRoute.None;
        }

        if (gradientOf[value] < 0)
        {
            gradientOf[value] = gradient;
            return new GradientRoute(gradient, -1);
        }

        return new GradientRoute(gradient, gradientOf[value]);
    }

    /// <summary>A GEMM or pool writes dL/dx into a fresh buffer: the input's own, or scratch added to the input's.</summary>
    private static GradientRoute RouteNew(int value, bool needed, int[] gradientOf, BufferPool pool)
    {
        if (!needed)
        {
            return GradientRoute.None;
        }

        int buffer = pool.Take();
        if (gradientOf[value] < 0)
        {
            gradientOf[value] = buffer;
            return new GradientRoute(buffer, -1);
        }

        return new GradientRoute(buffer, gradientOf[value]);
    }

    /// <summary>
    /// y = a + b + …: every input's share is dL/dy itself. Inputs that already hold a gradient add it; the last one that
    /// does not takes the buffer over; any other gets a copy (read before it is handed on, since nothing here writes it).
    /// </summary>
    private static GradientRoute[] RouteSum(int[] values, bool[] needed, int gradient, int[] gradientOf, BufferPool pool)
    {
        var routes = new GradientRoute[values.Length];
        var fresh = new List<int>();
        for (int k = 0; k < values.Length; k++)
        {
            routes[k] = GradientRoute.None;
            if (needed[k] && gradientOf[values[k]] >= 0)
            {
                routes[k] = new GradientRoute(gradient, gradientOf[values[k]]);
            }
            else if (needed[k])
            {
                fresh.Add(k);
            }
        }

        for (int f = 0; f < fresh.Count; f++)
        {
            int k = fresh[f], value = values[k];
            if (gradientOf[value] >= 0)
            {
                routes[k] = new GradientRoute(gradient, gradientOf[value]);
            }
            else if (f == fresh.Count - 1)
            {
                gradientOf[value] = gradient;
                routes[k] = new GradientRoute(gradient, -1);
            }
            else
            {
                gradientOf[value] = pool.Take();
                routes[k] = new GradientRoute(gradientOf[value], -1);
            }
        }

        return routes;
    }

    /// <summary>Concat: each input's share is its slice of every row, written into its gradient or added to it.</summary>
    private static GradientRoute[] RouteSlices(int[] values, bool[] needed, int[] gradientOf, BufferPool pool)
    {
        var routes = new GradientRoute[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            if (!needed[k])
            {
                routes[k] = GradientRoute.None;
            }
            else if (gradientOf[values[k]] < 0)
            {
                gradientOf[values[k]] = pool.Take();
                routes[k] = new GradientRoute(gradientOf[values[k]], -1);
            }
            else
            {
                routes[k] = new GradientRoute(gradientOf[values[k]], gradientOf[values[k]]);
            }
        }

        return routes;
    }

    /// <summary>A layer's output depends on parameters when it has some or reads a value that does.</summary>
    private static bool[] DependsOnParameters(LayerPlan[] layers)
    {
        var depends = new bool[layers.Length];
        for (int i = 0; i < layers.Length; i++)
        {
            depends[i] = layers[i].WeightOffset >= 0 || layers[i].InputLayers.Any(input => input >= 0 && depends[input]);
        }

        return depends;
    }

    /// <summary>Buffer numbers, the lowest free one first, so a chain alternates between 0 and 1.</summary>
    private sealed class BufferPool
    {
        private readonly SortedSet<int> _free = new();

        public int Count { get; private set; }

        public int Take()
        {
            if (_free.Count == 0)
            {
                return Count++;
            }

            int buffer = _free.Min;
            _free.Remove(buffer);
            return buffer;
        }

        public void Return(int buffer) => _free.Add(buffer);
    }
}
