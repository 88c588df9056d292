using System;
using System.Runtime.CompilerServices;
using Generated.Kernels;
using Xunit;

namespace Generated.Runtime.Tests.Kernels;

public sealed unsafe class AlignedBufferTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1000)]
    public void Usable_floats_start_on_a_line_and_are_zero(int length)
    {
        // Many allocations in a row land at different offsets from a line; every one must be corrected.
        for (int i = 0; i < 32; i++)
        {
            var buffer = new AlignedBuffer(length);
            Assert.Equal(length, buffer.Length);
            Assert.InRange(buffer.Origin, 0, 15);
            Assert.True(buffer.Storage.Length >= buffer.Origin + length);
            Assert.Equal(0, (nint)Unsafe.AsPointer(ref buffer.GetPinnableReference()) & 63);
            Assert.Equal(0, (nint)buffer.Pointer & 63);
            Assert.True(buffer.AsSpan().IndexOfAnyExcept(0f) < 0);
        }
    }

    [Fact]
    public void Slices_are_views_of_the_usable_floats()
    {
        var buffer = new AlignedBuffer(40);
        buffer.Slice(8, 4).Fill(3f);
        Span<float> all = buffer;
        Assert.Equal(12f, System.Linq.Enumerable.Sum(all.ToArray()));
        Assert.Equal(3f, buffer.Storage[buffer.Origin + 8]);
        Assert.Equal(3f, buffer.Storage[buffer.Origin + 11]);
        Assert.Equal(0f, buffer.Storage[buffer.Origin + 12]);
        Assert.Equal(0, buffer.Slice(40, 0).Length);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 41)]
    [InlineData(39, 2)]
    [InlineData(41, 0)]
    [InlineData(0, -1)]
    public void A_slice_never_reaches_the_slack(int start, int length)
    {
        // The array has up to 15 floats past the usable end; a slice into them must fail, not read or write them.
        var buffer = new AlignedBuffer(40);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(start, length));
        Assert.Contains("40 floats", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_and_empty_buffers_pin_to_null_like_an_empty_array()
    {
        AlignedBuffer none = default, empty = new(0);
        Assert.Equal(0, none.Length);
        Assert.Equal(0, empty.Length);
        fixed (float* first = none, second = empty)
        {
            Assert.True(first == null);
            Assert.True(second == null);
        }
    }

    [Fact]
    public void A_length_beyond_one_array_is_refused_with_the_fix()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBuffer((long)Array.MaxLength + 1));
        Assert.Contains("lower MaxBatch", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBuffer(-1));
    }
}
