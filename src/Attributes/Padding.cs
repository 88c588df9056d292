namespace Generated;

/// <summary>How a convolution or pooling window treats the border of its input.</summary>
/// <remarks>The numeric values are part of the contract with the generator; never renumber.</remarks>
public enum Padding
{
    /// <summary>No padding: the window only visits positions inside the input, so the output shrinks.</summary>
    Valid = 0,

    /// <summary>
    /// Zero padding so that the output has ceil(input / stride) positions per axis: with stride 1 the output keeps
    /// the input's size, exactly as PyTorch's <c>padding='same'</c>. The padding total is
    /// max((out − 1)·stride + dilation·(kernel − 1) + 1 − in, 0) per axis; half of it (rounded down) goes before the
    /// input and the rest after it (bottom and right), as PyTorch does for an odd total.
    /// </summary>
    Same = 1,
}
