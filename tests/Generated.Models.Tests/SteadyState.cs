using System;

namespace Generated.Models.Tests;

/// <summary>
/// Bytes some warm work allocates on the calling thread. The runtime may allocate once at a moment no test controls
/// (tiered JIT promoting a hot method, a first use of a slow path when the machine is loaded, as on a 2-core CI
/// runner with four test assemblies at once), so the work runs in up to three rounds and the fewest bytes count. A
/// real per-step allocation shows in every round and still fails the test.
/// </summary>
internal static class SteadyState
{
    public static long AllocatedBytes(Action work, int rounds = 3)
    {
        long fewest = long.MaxValue;
        for (int round = 0; round < rounds && fewest != 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            work();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
