using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The transpose behind the forward product's weight panels and the weight gradient's transposed dz: every element in
/// its place and nothing written outside the destination's rows and columns, for shapes that take the 16 x 16 AVX-512
/// tiles, the 8 x 8 AVX tiles of the strips they leave, and the element-by-element edges.
/// </summary>
public sealed unsafe class TransposeTests
{
    [Theory]
    [InlineData(16, 16)]
    [InlineData(64, 128)] // a forward panel of the MLP's first layer
    [InlineData(128, 10)] // the logits' dz, transposed for their weight gradient
    [InlineData(32, 24)] // 16 x 16 tiles, then an 8-wide strip of 8 x 8 tiles
    [InlineData(24, 32)] // and an 8-high one
    [InlineData(40, 56)] // strips on both sides
    [InlineData(37, 53)] // every kind of edge
    [InlineData(17, 33)]
    [InlineData(29, 45)] // strips of 8 x 8 tiles that end in element-by-element edges, starting past row or column 0
    [InlineData(8, 8)]
    [InlineData(7, 15)]
    [InlineData(1, 1)]
    [InlineData(0, 5)]
    public void Block_puts_every_element_in_its_place_and_nothing_outside(int rows, int cols) =>
        AssertTransposes(rows, cols, (source, sourceStride, destination, destinationStride) =>
            Transpose.Block(source, sourceStride, rows, cols, destination, destinationStride));

    /// <summary>
    /// The 8 x 8 AVX tiles and the element-by-element edges on their own: on an AVX-512 machine <see cref="Transpose.Block"/>
    /// gives them only the strips its 16 x 16 tiles leave, and an AVX2 machine takes them for everything.
    /// </summary>
    [Theory]
    [InlineData(64, 128)]
    [InlineData(37, 53)]
    [InlineData(24, 8)]
    [InlineData(7, 15)]
    public void Eight_by_eight_tiles_put_every_element_in_its_place_and_nothing_outside(int rows, int cols) =>
        AssertTransposes(rows, cols, (source, sourceStride, destination, destinationStride) =>
            Transpose.Eights(source, sourceStride, destination, destinationStride, 0, rows, 0, cols));

    private delegate void TransposeCall(float* source, int sourceStride, float* destination, int destinationStride);

    private static void AssertTransposes(int rows, int cols, TransposeCall transpose)
    {
        // Strides wider than the rows on both sides: the gaps, and a margin after the last row, must keep their values.
        int sourceStride = cols + 5, destinationStride = rows + 3;
        float[] source = new float[(rows * sourceStride) + 1];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = i + 0.5f;
        }

        const float Untouched = -7f;
        float[] destination = new float[(cols * destinationStride) + 16];
        System.Array.Fill(destination, Untouched);
        fixed (float* s = source, d = destination)
        {
            transpose(s, sourceStride, d, destinationStride);
        }

        for (int c = 0; c < cols; c++)
        {
            for (int r = 0; r < destinationStride; r++)
            {
                float expected = r < rows ? source[(r * sourceStride) + c] : Untouched;
                Assert.Equal(expected, destination[(c * destinationStride) + r]);
            }
        }

        Assert.All(destination[(cols * destinationStride)..], value => Assert.Equal(Untouched, value));
    }

    [Fact]
    public void Serial_transposes_a_contiguous_matrix()
    {
        const int Rows = 48, Cols = 20;
        float[] source = new float[Rows * Cols], destination = new float[Rows * Cols];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = i;
        }

        fixed (float* s = source, d = destination)
        {
            Transpose.Serial(s, Rows, Cols, d);
        }

        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Cols; c++)
            {
                Assert.Equal(source[(r * Cols) + c], destination[(c * Rows) + r]);
            }
        }
    }
}
