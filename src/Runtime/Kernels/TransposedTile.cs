using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// Four rows of sixteen floats (a register tile's accumulators) stored to, or loaded into a scratch from, a C kept
/// transposed (<see cref="GemmArguments.TransposedC"/>): row r's element j goes to c[j·ldc + r]. Inside each 128-bit
/// lane the four rows are a 4 x 4 block, which two rounds of
/// unpacks transpose (eight shuffles for 64 floats, against sixteen per 64 in a separate 16 x 16 transpose pass), and
/// each lane is then the four consecutive floats of one column of C. The network is its own inverse, so loading runs
/// it on the gathered lanes.
/// </summary>
internal static unsafe class TransposedTile
{
    /// <summary>c[j·ldc + r] = row r's element j, for r &lt; 4, j &lt; 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> r0, Vector512<float> r1, Vector512<float> r2, Vector512<float> r3, float* c, int ldc)
    {
        Transpose.InLanes4x4(ref r0, ref r1, ref r2, ref r3);
        long stride = ldc;
        StoreLanes(r0, c, 4 * stride);
        StoreLanes(r1, c + stride, 4 * stride);
        StoreLanes(r2, c + (2 * stride), 4 * stride);
        StoreLanes(r3, c + (3 * stride), 4 * stride);
    }

    /// <summary>rows[16·r + j] = c[j·ldc + r] for r &lt; 4, j &lt; 16: the inverse of <see cref="Store"/>, into memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load(float* c, int ldc, float* rows)
    {
        long stride = ldc;
        Vector512<float> r0 = LoadLanes(c, 4 * stride), r1 = LoadLanes(c + stride, 4 * stride);
        Vector512<float> r2 = LoadLanes(c + (2 * stride), 4 * stride), r3 = LoadLanes(c + (3 * stride), 4 * stride);
        Transpose.InLanes4x4(ref r0, ref r1, ref r2, ref r3);
        r0.Store(rows);
        r1.Store(rows + 16);
        r2.Store(rows + 32);
        r3.Store(rows + 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLanes(Vector512<float> columns, float* c, long laneStride)
    {
        columns.GetLower().GetLower().Store(c);
        columns.GetLower().GetUpper().Store(c + laneStride);
        columns.GetUpper().GetLower().Store(c + (2 * laneStride));
        columns.GetUpper().GetUpper().Store(c + (3 * laneStride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LoadLanes(float* c, long laneStride) =>
        Vector512.Create(
            Vector256.Create(Vector128.Load(c), Vector128.Load(c + laneStride)),
            Vector256.Create(Vector128.Load(c + (2 * laneStride)), Vector128.Load(c + (3 * laneStride))));
}
