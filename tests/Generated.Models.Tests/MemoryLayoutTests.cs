using System;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Generated.Kernels;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// Every buffer a generated model owns, and every region of its arena, starts on a 64-byte line, so the kernels'
/// full-width vector accesses never straddle two lines.
/// </summary>
public sealed class MemoryLayoutTests
{
    [Fact]
    public void Every_buffer_of_a_generated_model_starts_on_a_cache_line()
    {
        // Several models, so the pinned heap hands out addresses at several different offsets from a line.
        for (int i = 0; i < 8; i++)
        {
            using var model = new BatchNormModel(new ModelOptions { MaxBatch = 3 + i });
            FieldInfo[] buffers = typeof(BatchNormModel).GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
                .Where(f => f.FieldType == typeof(AlignedBuffer)).ToArray();
            Assert.Contains(buffers, f => f.Name == "_arena");
            Assert.Contains(buffers, f => f.Name == "_gradient0");
            foreach (FieldInfo field in buffers)
            {
                var buffer = (AlignedBuffer)field.GetValue(model)!;
                Assert.True(IsAligned(buffer.Storage, buffer.Origin), field.Name + " is not on a 64-byte line");
            }

            float[] arena = Arena(model).Storage;
            Assert.True(IsAligned(arena, model.Parameters[0].Offset), "parameters");
            Assert.True(IsAligned(arena, model.Gradients[0].Offset), "gradients");
        }
    }

    [Fact]
    public void Arena_regions_are_whole_lines_apart()
    {
        // BatchNormModel: 5x6 weight (no bias) + gamma and beta of 6 + 6x3 weight and 3 biases = 63 parameters,
        // padded to 64. Adam keeps two moments. Batch norm saves 2 x 6 + 1 = 13 buffer floats, then 4 x 6 = 24 work floats.
        Assert.Equal(63, BatchNormModel.TrainableParameters);
        Assert.Equal(64, Constant("ParameterStride"));
        Assert.Equal(64, Constant("GradientOffset"));
        Assert.Equal(128, Constant("StateOffset"));
        // Buffers at 128 + 2 x 64 = 256 (13 floats); work from the next line, 272, for 24 floats.
        Assert.Equal(296, Constant("ArenaLength"));
        using var model = new BatchNormModel();
        Assert.Equal(256, ((IModel)model).Buffers[0].Offset - Arena(model).Origin);
    }

    private static int Constant(string name) =>
        (int)typeof(BatchNormModel).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

    private static AlignedBuffer Arena(BatchNormModel model) =>
        (AlignedBuffer)typeof(BatchNormModel).GetField("_arena", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(model)!;

    // The arrays are pinned, so an element's address is stable and may be read without unsafe code.
    private static bool IsAligned(float[] pinned, int index) =>
        (Marshal.UnsafeAddrOfPinnedArrayElement(pinned, index) & (AlignedBuffer.AlignmentBytes - 1)) == 0;
}
