using System;

namespace Generated;

/// <summary>
/// What every layer declares the same way: where its input comes from. A model whose layers all leave
/// <see cref="From"/> unset is a plain stack (each layer reads the one declared before it); naming another layer
/// turns it into a graph, with branches joined again by <see cref="AddAttribute"/> or <see cref="ConcatAttribute"/>.
/// </summary>
public abstract class LayerAttribute : Attribute
{
    /// <summary>
    /// The layer whose output this layer reads, by member name (write <c>nameof(Other)</c>), or
    /// <see cref="Graph.Input"/> for the model input. It must be declared earlier in the class, so the declaration
    /// order is always a valid execution order. Unset: the layer declared just before (the model input for the first).
    /// </summary>
    public string? From { get; set; }
}

/// <summary>Names used when a model is declared as a graph.</summary>
public static class Graph
{
    /// <summary>The model input, for <see cref="LayerAttribute.From"/> and the merge layers (no member can have this name).</summary>
    public const string Input = "(input)";
}

/// <summary>
/// Element-wise sum of the outputs of two or more earlier layers of the same shape: the join of a residual block,
/// y = F(x) + x. The gradient reaches every input unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class AddAttribute : LayerAttribute
{
    /// <param name="inputs">The layers to add, by member name (<c>nameof(...)</c>) or <see cref="Graph.Input"/>.</param>
    public AddAttribute(params string[] inputs) => Inputs = inputs;

    /// <summary>The layers to add, by member name.</summary>
    public string[] Inputs { get; }
}

/// <summary>
/// Joins the outputs of two or more earlier layers along the first per-sample axis: the features of flat inputs, the
/// channels of [channels, height, width] ones (whose heights and widths must agree), as <c>torch.cat(dim=1)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class ConcatAttribute : LayerAttribute
{
    /// <param name="inputs">The layers to join, in order, by member name (<c>nameof(...)</c>) or <see cref="Graph.Input"/>.</param>
    public ConcatAttribute(params string[] inputs) => Inputs = inputs;

    /// <summary>The layers to join, in order, by member name.</summary>
    public string[] Inputs { get; }
}
