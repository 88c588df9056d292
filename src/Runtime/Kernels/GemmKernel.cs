using System;
using System.Runtime.CompilerServices;

namespace Generated.Kernels;

/// <summary>
/// Row-major C[m, n] (+)= A[m, k] · B[k, n] for one band of rows, register-blocked: a 4 x (4 vectors)
/// tile of C lives in sixteen accumulators (two 4 x 2 tiles of eight where the registers are too few) while the K
/// loop streams one row of B and broadcasts one element of A per row. K is split into blocks so the band of B being reused stays in L2. After a row band's last
/// K block its rows are still in L1, which is where <see cref="Epilogue"/> adds bias and activation.
/// </summary>
internal static unsafe partial class GemmKernel<TSimd, TVec>
    where TSimd : struct, ISimd<TVec>, ISimdTransposedTile<TVec>
    where TVec : struct
{
    private const int RowsPerTile = 4;
    /// <summary>Depth of one K block: the B panel of a block (KBlock x 2 vectors) stays in L1 while it is reused.</summary>
    internal const int KBlock = 256;
    private const int MaxTail = 32;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first step: no tier-0 pass with calls left un-inlined
    public static void Run(in GemmArguments g, int rowStart, int rowEnd)
    {
        // Before any path is chosen: the row-outer one below would write a transposed C as a plain one, past its end.
        CheckTransposedC(g, rowStart, rowEnd);

        // Fewer rows than columns: keep a panel of B in L1 for all row tiles rather than the other way round. A product
        // that skips zero steps goes there too, so each row tile's list is built once per K block for every panel, and
        // so does a B whose rows alias in L1, which only the panel order copies (a grid band of 64 rows by 64 columns).
        if (g.TransposedB || g.BRows != null || rowEnd - rowStart < g.N || ListsSteps(g) || (g.Pack != null && CopiesPanel(g.Ldb, rowEnd - rowStart)))
        {
            RunPanels(g, rowStart, rowEnd);
            return;
        }

        int vector = TSimd.Count;
        int tileWidth = 2 * vector;
        int wideTile = 4 * vector;
        for (int kStart = 0; kStart < g.K; kStart += KBlock)
        {
            int kCount = Math.Min(KBlock, g.K - kStart);
            bool loadC = g.Accumulate || kStart > 0;
            bool lastBlock = kStart + kCount == g.K;
            float* bBlock = g.B + (long)kStart * g.Ldb;
            int i = rowStart;
            for (; i + RowsPerTile <= rowEnd; i += RowsPerTile)
            {
                float* a = g.A + (long)i * g.Lda + kStart;
                float* c = g.C + (long)i * g.Ldc;
                int j = 0;
                for (; j + wideTile <= g.N; j += wideTile)
                {
                    Tile4x4<StridedRows>(a, g.Lda, bBlock + j, g.Ldb, null, c + j, g.Ldc, kCount, loadC);
                }

                for (; j + tileWidth <= g.N; j += tileWidth)
                {
                    Tile4x2<StridedRows>(a, g.Lda, bBlock + j, g.Ldb, null, c + j, g.Ldc, kCount, loadC);
                }

                for (; j + vector <= g.N; j += vector)
                {
                    Tile4x1(a, g.Lda, bBlock + j, g.Ldb, c + j, g.Ldc, kCount, loadC);
                }

                for (int row = 0; row < RowsPerTile && j < g.N; row++)
                {
                    ScalarColumns(a + (long)row * g.Lda, bBlock, g.Ldb, c + (long)row * g.Ldc, j, g.N, kCount, loadC);
                }

                if (lastBlock && g.HasEpilogue)
                {
                    for (int row = 0; row < RowsPerTile; row++)
                    {
                        Epilogue.Apply(in g, c + (long)row * g.Ldc);
                    }
                }
            }

            if (i < rowEnd)
            {
                float* a = g.A + (long)i * g.Lda + kStart;
                float* c = g.C + (long)i * g.Ldc;
                for (int j = 0; j + wideTile <= g.N; j += wideTile)
                {
                    LeftoverRows4(a, g.Lda, bBlock + j, g.Ldb, c + j, g.Ldc, rowEnd - i, kCount, loadC);
                }
            }

            for (; i < rowEnd; i++)
            {
                float* a = g.A + (long)i * g.Lda + kStart;
                float* c = g.C + (long)i * g.Ldc;
                int j = g.N / wideTile * wideTile;
                for (; j + vector <= g.N; j += vector)
                {
                    Tile1x1(a, bBlock + j, g.Ldb, c + j, kCount, loadC);
                }

                ScalarColumns(a, bBlock, g.Ldb, c, j, g.N, kCount, loadC);
                if (lastBlock && g.HasEpilogue)
                {
                    Epilogue.Apply(in g, c);
                }
            }
        }
    }

    /// <summary>
    /// How the hot tiles are compiled: never inlined into the loops over panels and rows. Inlined (as they were), the
    /// Native AOT compiler, which inlines more than the JIT, put every tile of <see cref="RunPanels"/> into one method,
    /// and its register allocator kept nine of the sixteen accumulators on the stack, stored and reloaded on every K step:
    /// an AVX-512 (`IlcInstructionSet=native`) trainer ran the sample MLP at 53–66k samples/s on one thread and 99–113k on
    /// two, now 185–192k and 280–287k, as fast as the JIT. A call per tile is nothing beside its K loop (128 or 256
    /// steps in the MLP's products). The edge tiles (2 x 4, 1 x 4, 1 x 1) still inline.
    /// </summary>
    private const MethodImplOptions TileMethod = MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization;

    /// <summary>
    /// Whether the 4 x 4-vector tile fits the vector registers: its sixteen accumulators, four vectors of B and a
    /// broadcast need 21. AVX-512 has 32; 256-bit and scalar code can only count on 16 (an AVX2 machine, the x86-64-v3
    /// Native AOT build), where the JIT spilled accumulators on every step of the K loop and the MLP's one-thread step
    /// took 2.18 ms instead of 1.39–1.54 as two 4 x 2 tiles. Decided per instantiation, not per machine, so that tests
    /// of the AVX2 level on an AVX-512 machine run the same tiles an AVX2 machine runs (there the JIT has 32 registers
    /// and would not have spilled, so only the results, not the speed, are checked that way).
    /// </summary>
    private static bool WideTileFits => TSimd.Count == 16;

    /// <summary>
    /// 4 rows x 4 vectors: sixteen accumulators, twice the independent FMA chains two FMA ports with a 4-cycle latency
    /// need, and half a load per FMA (four vectors of B and four broadcasts of A feed sixteen FMAs). Two 4 x 2 tiles
    /// where it does not fit the registers (<see cref="WideTileFits"/>).
    /// </summary>
    [MethodImpl(TileMethod)]
    private static void Tile4x4<TRows>(float* a, int lda, float* b, int ldb, int* rows, float* c, int ldc, int kCount, bool loadC)
        where TRows : struct, IRowAddressing
    {
        int v = TSimd.Count;
        if (!WideTileFits)
        {
            Tile4x2<TRows>(a, lda, b, ldb, rows, c, ldc, kCount, loadC);
            Tile4x2<TRows>(a, lda, b + (2 * v), ldb, rows, c + (2 * v), ldc, kCount, loadC);
            return;
        }

        Accumulate4x4<TRows, AllSteps, CInRows>(
            a, a + lda, a + (2 * lda), a + (3 * lda), b, ldb, rows, null, kCount, c, c + ldc, c + (2 * ldc), c + (3 * ldc), ldc, loadC, scratch: null);
    }

    /// <summary>
    /// The body of the 4 x 4-vector tiles: sixteen accumulators over the steps <typeparamref name="TSteps"/> yields
    /// (every step, or a list of them), for the rows of A at <paramref name="a0"/>..<paramref name="a3"/> and of C at
    /// <paramref name="c0"/>..<paramref name="c3"/> (anywhere: <see cref="SparseRowOrder"/> groups rows), B's rows found
    /// through <typeparamref name="TRows"/>, and C loaded and stored in place or, with <see cref="CTransposed"/>, at c0 in
    /// a C stored [N, M] (four neighbouring rows) through <see cref="TransposedTile"/> (loaded through
    /// <paramref name="scratch"/>, 256 floats). Inlined into each tile, where the plain tiles' constant arguments remove
    /// the paths they do not take. The layout is a type argument, not a flag, so that each tile holds only its own
    /// loads and stores: with both in one tile, the JIT spilled and reloaded the list, B and the step count on every step
    /// of the listed tiles (the first layer's weight gradient ran ~15% slower for it in a standalone probe).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate4x4<TRows, TSteps, TLayout>(
        float* a0, float* a1, float* a2, float* a3, float* b, int ldb, int* rows, int* steps, int count,
        float* c0, float* c1, float* c2, float* c3, int ldc, bool loadC, float* scratch)
        where TRows : struct, IRowAddressing
        where TSteps : struct, IStepSequence
        where TLayout : struct, ICLayout
    {
        int v = TSimd.Count;
        TVec c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        if (loadC && TLayout.Transposed)
        {
            // Through a scratch of rows: accumulators passed by reference (or bit-cast to Vector512) are address-taken,
            // and Native AOT then kept all sixteen on the stack, stored and reloaded on every K step.
            LoadTransposedRows(c0, ldc, scratch);
            c00 = TSimd.Load(scratch); c10 = TSimd.Load(scratch + v); c20 = TSimd.Load(scratch + (2 * v)); c30 = TSimd.Load(scratch + (3 * v));
            float* r = scratch + (4 * v);
            c01 = TSimd.Load(r); c11 = TSimd.Load(r + v); c21 = TSimd.Load(r + (2 * v)); c31 = TSimd.Load(r + (3 * v));
            r += 4 * v;
            c02 = TSimd.Load(r); c12 = TSimd.Load(r + v); c22 = TSimd.Load(r + (2 * v)); c32 = TSimd.Load(r + (3 * v));
            r += 4 * v;
            c03 = TSimd.Load(r); c13 = TSimd.Load(r + v); c23 = TSimd.Load(r + (2 * v)); c33 = TSimd.Load(r + (3 * v));
        }
        else if (loadC)
        {
            c00 = TSimd.Load(c0); c01 = TSimd.Load(c0 + v); c02 = TSimd.Load(c0 + (2 * v)); c03 = TSimd.Load(c0 + (3 * v));
            c10 = TSimd.Load(c1); c11 = TSimd.Load(c1 + v); c12 = TSimd.Load(c1 + (2 * v)); c13 = TSimd.Load(c1 + (3 * v));
            c20 = TSimd.Load(c2); c21 = TSimd.Load(c2 + v); c22 = TSimd.Load(c2 + (2 * v)); c23 = TSimd.Load(c2 + (3 * v));
            c30 = TSimd.Load(c3); c31 = TSimd.Load(c3 + v); c32 = TSimd.Load(c3 + (2 * v)); c33 = TSimd.Load(c3 + (3 * v));
        }
        else
        {
            c00 = c01 = c02 = c03 = c10 = c11 = c12 = c13 = c20 = c21 = c22 = c23 = c30 = c31 = c32 = c33 = TSimd.Zero;
        }

        for (int q = 0; q < count; q++)
        {
            int p = TSteps.At(steps, q);
            float* bRow = TRows.Row(b, ldb, rows, p);
            TVec b0 = TSimd.Load(bRow), b1 = TSimd.Load(bRow + v), b2 = TSimd.Load(bRow + (2 * v)), b3 = TSimd.Load(bRow + (3 * v));
            TVec x = TSimd.Broadcast(a0[p]);
            c00 = TSimd.MultiplyAdd(x, b0, c00); c01 = TSimd.MultiplyAdd(x, b1, c01); c02 = TSimd.MultiplyAdd(x, b2, c02); c03 = TSimd.MultiplyAdd(x, b3, c03);
            x = TSimd.Broadcast(a1[p]);
            c10 = TSimd.MultiplyAdd(x, b0, c10); c11 = TSimd.MultiplyAdd(x, b1, c11); c12 = TSimd.MultiplyAdd(x, b2, c12); c13 = TSimd.MultiplyAdd(x, b3, c13);
            x = TSimd.Broadcast(a2[p]);
            c20 = TSimd.MultiplyAdd(x, b0, c20); c21 = TSimd.MultiplyAdd(x, b1, c21); c22 = TSimd.MultiplyAdd(x, b2, c22); c23 = TSimd.MultiplyAdd(x, b3, c23);
            x = TSimd.Broadcast(a3[p]);
            c30 = TSimd.MultiplyAdd(x, b0, c30); c31 = TSimd.MultiplyAdd(x, b1, c31); c32 = TSimd.MultiplyAdd(x, b2, c32); c33 = TSimd.MultiplyAdd(x, b3, c33);
        }

        if (TLayout.Transposed)
        {
            long columns = v * (long)ldc;
            TSimd.StoreTransposed(c00, c10, c20, c30, c0, ldc);
            TSimd.StoreTransposed(c01, c11, c21, c31, c0 + columns, ldc);
            TSimd.StoreTransposed(c02, c12, c22, c32, c0 + (2 * columns), ldc);
            TSimd.StoreTransposed(c03, c13, c23, c33, c0 + (3 * columns), ldc);
            return;
        }

        TSimd.Store(c0, c00); TSimd.Store(c0 + v, c01); TSimd.Store(c0 + (2 * v), c02); TSimd.Store(c0 + (3 * v), c03);
        TSimd.Store(c1, c10); TSimd.Store(c1 + v, c11); TSimd.Store(c1 + (2 * v), c12); TSimd.Store(c1 + (3 * v), c13);
        TSimd.Store(c2, c20); TSimd.Store(c2 + v, c21); TSimd.Store(c2 + (2 * v), c22); TSimd.Store(c2 + (3 * v), c23);
        TSimd.Store(c3, c30); TSimd.Store(c3 + v, c31); TSimd.Store(c3 + (2 * v), c32); TSimd.Store(c3 + (3 * v), c33);
    }

    /// <summary>
    /// A tile's four rows of C, kept transposed at <paramref name="c"/> (row 0's first element), into
    /// <paramref name="scratch"/> one 4-vector panel after another. A call, not inlined: only a batch of more than one K
    /// block takes it. Inlined as a loop it cost the tile registers in its K loop under the JIT; written out, Native AOT
    /// stopped inlining the tile's stores and called them, with the accumulators kept in memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LoadTransposedRows(float* c, int ldc, float* scratch)
    {
        int v = TSimd.Count;
        for (int group = 0; group < 4; group++)
        {
            TransposedTile.Load(c + (group * v * (long)ldc), ldc, scratch + (group * 4 * v));
        }
    }

    [MethodImpl(TileMethod)]
    private static void Tile4x2<TRows>(float* a, int lda, float* b, int ldb, int* rows, float* c, int ldc, int kCount, bool loadC)
        where TRows : struct, IRowAddressing
    {
        int v = TSimd.Count;
        TVec c00, c01, c10, c11, c20, c21, c30, c31;
        if (loadC)
        {
            c00 = TSimd.Load(c); c01 = TSimd.Load(c + v);
            c10 = TSimd.Load(c + ldc); c11 = TSimd.Load(c + ldc + v);
            c20 = TSimd.Load(c + 2 * ldc); c21 = TSimd.Load(c + 2 * ldc + v);
            c30 = TSimd.Load(c + 3 * ldc); c31 = TSimd.Load(c + 3 * ldc + v);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = TSimd.Zero;
        }

        float* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda;
        for (int p = 0; p < kCount; p++)
        {
            float* bRow = TRows.Row(b, ldb, rows, p);
            TVec b0 = TSimd.Load(bRow);
            TVec b1 = TSimd.Load(bRow + v);
            TVec x = TSimd.Broadcast(a0[p]);
            c00 = TSimd.MultiplyAdd(x, b0, c00);
            c01 = TSimd.MultiplyAdd(x, b1, c01);
            x = TSimd.Broadcast(a1[p]);
            c10 = TSimd.MultiplyAdd(x, b0, c10);
            c11 = TSimd.MultiplyAdd(x, b1, c11);
            x = TSimd.Broadcast(a2[p]);
            c20 = TSimd.MultiplyAdd(x, b0, c20);
            c21 = TSimd.MultiplyAdd(x, b1, c21);
            x = TSimd.Broadcast(a3[p]);
            c30 = TSimd.MultiplyAdd(x, b0, c30);
            c31 = TSimd.MultiplyAdd(x, b1, c31);
        }

        TSimd.Store(c, c00); TSimd.Store(c + v, c01);
        TSimd.Store(c + ldc, c10); TSimd.Store(c + ldc + v, c11);
        TSimd.Store(c + 2 * ldc, c20); TSimd.Store(c + 2 * ldc + v, c21);
        TSimd.Store(c + 3 * ldc, c30); TSimd.Store(c + 3 * ldc + v, c31);
    }

    [MethodImpl(TileMethod)]
    private static void Tile4x1(float* a, int lda, float* b, int ldb, float* c, int ldc, int kCount, bool loadC)
    {
        TVec c0, c1, c2, c3;
        if (loadC)
        {
            c0 = TSimd.Load(c); c1 = TSimd.Load(c + ldc); c2 = TSimd.Load(c + 2 * ldc); c3 = TSimd.Load(c + 3 * ldc);
        }
        else
        {
            c0 = c1 = c2 = c3 = TSimd.Zero;
        }

        for (int p = 0; p < kCount; p++)
        {
            TVec b0 = TSimd.Load(b + (long)p * ldb);
            c0 = TSimd.MultiplyAdd(TSimd.Broadcast(a[p]), b0, c0);
            c1 = TSimd.MultiplyAdd(TSimd.Broadcast(a[lda + p]), b0, c1);
            c2 = TSimd.MultiplyAdd(TSimd.Broadcast(a[2 * lda + p]), b0, c2);
            c3 = TSimd.MultiplyAdd(TSimd.Broadcast(a[3 * lda + p]), b0, c3);
        }

        TSimd.Store(c, c0); TSimd.Store(c + ldc, c1); TSimd.Store(c + 2 * ldc, c2); TSimd.Store(c + 3 * ldc, c3);
    }

    /// <summary>
    /// The rows a band leaves after its 4-row tiles (a 10-row product's last two), 4 vectors wide: two rows keep eight
    /// FMA chains, what two FMA ports with a 4-cycle latency need, where one vector at a time ran a single chain at an
    /// eighth of the peak. Each element still sums its K terms in order, so the result is the 1 x 1 tile's to the bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LeftoverRows4(float* a, int lda, float* b, int ldb, float* c, int ldc, int rows, int kCount, bool loadC)
    {
        for (; rows >= 2; rows -= 2, a += 2L * lda, c += 2L * ldc)
        {
            Tile2x4(a, lda, b, ldb, c, ldc, kCount, loadC);
        }

        if (rows == 1)
        {
            Tile1x4(a, b, ldb, c, kCount, loadC);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile2x4(float* a, int lda, float* b, int ldb, float* c, int ldc, int kCount, bool loadC)
    {
        int v = TSimd.Count;
        TVec c00, c01, c02, c03, c10, c11, c12, c13;
        if (loadC)
        {
            c00 = TSimd.Load(c); c01 = TSimd.Load(c + v); c02 = TSimd.Load(c + (2 * v)); c03 = TSimd.Load(c + (3 * v));
            float* r = c + ldc;
            c10 = TSimd.Load(r); c11 = TSimd.Load(r + v); c12 = TSimd.Load(r + (2 * v)); c13 = TSimd.Load(r + (3 * v));
        }
        else
        {
            c00 = c01 = c02 = c03 = c10 = c11 = c12 = c13 = TSimd.Zero;
        }

        float* a0 = a, a1 = a + lda;
        for (int p = 0; p < kCount; p++)
        {
            float* bRow = b + ((long)p * ldb);
            TVec b0 = TSimd.Load(bRow), b1 = TSimd.Load(bRow + v), b2 = TSimd.Load(bRow + (2 * v)), b3 = TSimd.Load(bRow + (3 * v));
            TVec x = TSimd.Broadcast(a0[p]);
            c00 = TSimd.MultiplyAdd(x, b0, c00); c01 = TSimd.MultiplyAdd(x, b1, c01); c02 = TSimd.MultiplyAdd(x, b2, c02); c03 = TSimd.MultiplyAdd(x, b3, c03);
            x = TSimd.Broadcast(a1[p]);
            c10 = TSimd.MultiplyAdd(x, b0, c10); c11 = TSimd.MultiplyAdd(x, b1, c11); c12 = TSimd.MultiplyAdd(x, b2, c12); c13 = TSimd.MultiplyAdd(x, b3, c13);
        }

        TSimd.Store(c, c00); TSimd.Store(c + v, c01); TSimd.Store(c + (2 * v), c02); TSimd.Store(c + (3 * v), c03);
        float* o = c + ldc;
        TSimd.Store(o, c10); TSimd.Store(o + v, c11); TSimd.Store(o + (2 * v), c12); TSimd.Store(o + (3 * v), c13);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile1x4(float* a, float* b, int ldb, float* c, int kCount, bool loadC)
    {
        int v = TSimd.Count;
        TVec c0 = loadC ? TSimd.Load(c) : TSimd.Zero, c1 = loadC ? TSimd.Load(c + v) : TSimd.Zero;
        TVec c2 = loadC ? TSimd.Load(c + (2 * v)) : TSimd.Zero, c3 = loadC ? TSimd.Load(c + (3 * v)) : TSimd.Zero;
        for (int p = 0; p < kCount; p++)
        {
            float* bRow = b + ((long)p * ldb);
            TVec x = TSimd.Broadcast(a[p]);
            c0 = TSimd.MultiplyAdd(x, TSimd.Load(bRow), c0); c1 = TSimd.MultiplyAdd(x, TSimd.Load(bRow + v), c1);
            c2 = TSimd.MultiplyAdd(x, TSimd.Load(bRow + (2 * v)), c2); c3 = TSimd.MultiplyAdd(x, TSimd.Load(bRow + (3 * v)), c3);
        }

        TSimd.Store(c, c0); TSimd.Store(c + v, c1); TSimd.Store(c + (2 * v), c2); TSimd.Store(c + (3 * v), c3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile1x1(float* a, float* b, int ldb, float* c, int kCount, bool loadC)
    {
        TVec acc = loadC ? TSimd.Load(c) : TSimd.Zero;
        for (int p = 0; p < kCount; p++)
        {
            acc = TSimd.MultiplyAdd(TSimd.Broadcast(a[p]), TSimd.Load(b + (long)p * ldb), acc);
        }

        TSimd.Store(c, acc);
    }

    /// <summary>
    /// Columns [from, to) of one row that do not fill a vector. The K loop is outermost so each column has
    /// its own accumulator: independent chains run at FMA throughput instead of waiting on FMA latency,
    /// which matters when the whole output is narrower than a vector (e.g. 10 logits).
    /// </summary>
    private static void ScalarColumns(float* a, float* b, int ldb, float* c, int from, int to, int kCount, bool loadC)
    {
        int width = to - from;
        if (width <= 0)
        {
            return;
        }

        float* acc = stackalloc float[MaxTail];
        for (int start = from; start < to; start += MaxTail)
        {
            int count = Math.Min(MaxTail, to - start);
            for (int j = 0; j < count; j++)
            {
                acc[j] = loadC ? c[start + j] : 0f;
            }

            for (int p = 0; p < kCount; p++)
            {
                float x = a[p];
                float* bRow = b + ((long)p * ldb) + start;
                for (int j = 0; j < count; j++)
                {
                    acc[j] = MathF.FusedMultiplyAdd(x, bRow[j], acc[j]);
                }
            }

            for (int j = 0; j < count; j++)
            {
                c[start + j] = acc[j];
            }
        }
    }
}

/// <summary>How a register tile finds row p of B. Generic over a struct, so each form compiles to its own tile.</summary>
internal unsafe interface IRowAddressing
{
    static abstract float* Row(float* b, int ldb, int* rows, int p);
}

/// <summary>Row p at b + p·ldb (a plain matrix, or a pack).</summary>
internal readonly unsafe struct StridedRows : IRowAddressing
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float* Row(float* b, int ldb, int* rows, int p) => b + ((long)p * ldb);
}

/// <summary>Row p at b + rows[p] (<see cref="GemmArguments.BRows"/>: a shifted input plane).</summary>
internal readonly unsafe struct TableRows : IRowAddressing
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float* Row(float* b, int ldb, int* rows, int p) => b + rows[p];
}

/// <summary>Where a register tile's rows of C are. Generic over a struct, so each layout compiles to its own tile.</summary>
internal interface ICLayout
{
    /// <summary>Whether C is stored [N, M] (<see cref="GemmArguments.TransposedC"/>) rather than row by row.</summary>
    static abstract bool Transposed { get; }
}

/// <summary>C row by row: a tile's row r at c + r·ldc, or at the row its grouping gave it.</summary>
internal readonly struct CInRows : ICLayout
{
    public static bool Transposed => false;
}

/// <summary>C stored [N, M]: a tile's four neighbouring rows are four neighbouring floats of each column.</summary>
internal readonly struct CTransposed : ICLayout
{
    public static bool Transposed => true;
}

/// <summary>Which K steps a register tile takes, in order. Generic over a struct, so each form compiles to its own tile.</summary>
internal unsafe interface IStepSequence
{
    static abstract int At(int* steps, int q);
}

/// <summary>Every step: the q-th step is q.</summary>
internal readonly unsafe struct AllSteps : IStepSequence
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int At(int* steps, int q) => q;
}

/// <summary>The steps of a list (<see cref="NonzeroSteps"/>): the q-th step is steps[q].</summary>
internal readonly unsafe struct ListedSteps : IStepSequence
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int At(int* steps, int q) => steps[q];
}

/// <summary>Everything one GEMM call needs, passed by reference to the per-width kernels.</summary>
internal unsafe struct GemmArguments
{
    public float* A;
    public int Lda;
    public float* B;
    public int Ldb;
    public float* C;
    public int Ldc;
    public int M;
    public int N;
    public int K;
    public bool Accumulate;
    public float* Bias;
    public Activation Activation;
    public float Alpha;

    /// <summary>
    /// Where the epilogue also keeps the pre-activation (bias added, activation not yet applied), laid out like C; null
    /// unless the activation's derivative needs it (GELU, Swish).
    /// </summary>
    public float* PreActivation;

    /// <summary>A dropout layer reading this product's output, applied to each finished row (<see cref="DropoutRows"/>); its mask is null otherwise.</summary>
    public DropoutRows Dropout;

    /// <summary>
    /// B is stored transposed, as [N, K] rows with stride <see cref="Ldb"/> (a dense weight [out, in] for X·Wᵀ). The kernel
    /// then transposes one panel of B at a time into <see cref="Pack"/>, where it stays in L1 for every row tile that
    /// uses it, instead of the caller writing and reading back the whole transposed matrix.
    /// </summary>
    public bool TransposedB;

    /// <summary>
    /// When not null, row k of B starts at B + BRows[k] (offsets may be negative) instead of B + k·Ldb; the 4- and
    /// 2-vector register tiles read those rows in place, narrower panels copy them into <see cref="Pack"/> first. A
    /// stride-1 convolution reads its input this way: row
    /// (channel, tap) of its column matrix is the padded input plane shifted by the tap's offset, so the matrix is
    /// never built.
    /// </summary>
    public int* BRows;

    /// <summary>
    /// Skip the K steps where all four rows of a register tile of A are zero (<see cref="NonzeroSteps"/>): worth it when A
    /// holds many zeros, as an image batch with a black background or ReLU outputs do. Needs <see cref="StepLists"/>.
    /// </summary>
    public bool SkipZeroA;

    /// <summary>
    /// C is stored transposed, as [N, M] rows with stride <see cref="Ldc"/>: the tiles write each 4 x 16 block through
    /// <see cref="TransposedTile"/>. Only with <see cref="SkipZeroA"/> on AVX-512, N a whole number of 4-vector panels,
    /// M of row tiles, and no epilogue (the engine's transposed weight gradient, which then needs no transpose pass).
    /// </summary>
    public bool TransposedC;

    /// <summary>The calling worker's step-list buffer (<see cref="GemmKernel{TSimd, TVec}.StepListLength"/> ints) when <see cref="SkipZeroA"/>.</summary>
    public int* StepLists;

    /// <summary>
    /// The calling worker's panel buffer (<see cref="GemmJob.PackLength"/> floats): needed when <see cref="TransposedB"/> or
    /// <see cref="BRows"/>; otherwise, when set, it takes copies of the panels whose rows alias in L1 (GemmKernel.CopiesPanel).
    /// </summary>
    public float* Pack;

    /// <summary>
    /// Whether a finished row has anything done to it: a bias, a pre-activation to keep, an activation or a dropout. A plain
    /// product (a gradient) skips the per-row call, which for the logits' 128 x 128 x 10 input gradient was 8% of it.
    /// </summary>
    public readonly bool HasEpilogue => Bias != null || PreActivation != null || Activation != Activation.Linear || Dropout.Mask != null;

    /// <summary>
    /// The same product restricted to columns [<paramref name="first"/>, first + <paramref name="count"/>) of C: B, C,
    /// the bias, the pre-activation and the dropout's buffers and first index move to the first column, so the kernels
    /// and the epilogue run unchanged on it.
    /// </summary>
    public readonly GemmArguments Columns(int first, int count)
    {
        GemmArguments band = this;
        band.N = count;
        band.B = TransposedB ? B + ((long)first * Ldb) : B + first;
        band.C = TransposedC ? C + ((long)first * Ldc) : C + first;
        band.Bias = Bias == null ? null : Bias + first;
        band.PreActivation = PreActivation == null ? null : PreActivation + first;
        band.Dropout = Dropout.Columns(first);
        return band;
    }
}
