import CKernels

/// Binds an element type to its C GEMM entry points.
protocol PackedGemmElement: GemmScalar {
    static func blocking(_ kernel: Int32) -> gg_gemm_blocking
    static func packB(
        _ kernel: Int32, _ transB: Bool, _ kc: Int, _ nc: Int, _ b: UnsafePointer<Self>, _ ldb: Int,
        _ packed: UnsafeMutablePointer<Self>)
    static func block(
        _ kernel: Int32, _ transA: Bool, _ mc: Int, _ nc: Int, _ kc: Int, _ a: UnsafePointer<Self>,
        _ lda: Int, _ packedB: UnsafePointer<Self>, _ c: UnsafeMutablePointer<Self>, _ ldc: Int,
        _ accumulate: Bool, _ transC: Bool)
    static func small(
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<Self>,
        _ lda: Int, _ b: UnsafePointer<Self>, _ ldb: Int, _ c: UnsafeMutablePointer<Self>,
        _ ldc: Int, _ accumulate: Bool)
}

extension Float: PackedGemmElement {
    static func blocking(_ kernel: Int32) -> gg_gemm_blocking { gg_sgemm_blocking(kernel) }
    static func packB(
        _ kernel: Int32, _ transB: Bool, _ kc: Int, _ nc: Int, _ b: UnsafePointer<Float>,
        _ ldb: Int, _ packed: UnsafeMutablePointer<Float>
    ) {
        gg_sgemm_pack_b(kernel, transB, Int64(kc), Int64(nc), b, Int64(ldb), packed)
    }
    static func block(
        _ kernel: Int32, _ transA: Bool, _ mc: Int, _ nc: Int, _ kc: Int,
        _ a: UnsafePointer<Float>, _ lda: Int, _ packedB: UnsafePointer<Float>,
        _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ accumulate: Bool, _ transC: Bool
    ) {
        gg_sgemm_block(
            kernel, transA, Int64(mc), Int64(nc), Int64(kc), a, Int64(lda), packedB, c,
            Int64(ldc), accumulate, transC)
    }
    static func small(
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<Float>,
        _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ c: UnsafeMutablePointer<Float>,
        _ ldc: Int, _ accumulate: Bool
    ) {
        gg_sgemm_small(
            transA, transB, Int64(m), Int64(n), Int64(k), a, Int64(lda), b, Int64(ldb), c,
            Int64(ldc), accumulate)
    }
}

extension Double: PackedGemmElement {
    static func blocking(_ kernel: Int32) -> gg_gemm_blocking { gg_dgemm_blocking(kernel) }
    static func packB(
        _ kernel: Int32, _ transB: Bool, _ kc: Int, _ nc: Int, _ b: UnsafePointer<Double>,
        _ ldb: Int, _ packed: UnsafeMutablePointer<Double>
    ) {
        gg_dgemm_pack_b(kernel, transB, Int64(kc), Int64(nc), b, Int64(ldb), packed)
    }
    static func block(
        _ kernel: Int32, _ transA: Bool, _ mc: Int, _ nc: Int, _ kc: Int,
        _ a: UnsafePointer<Double>, _ lda: Int, _ packedB: UnsafePointer<Double>,
        _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ accumulate: Bool, _ transC: Bool
    ) {
        gg_dgemm_block(
            kernel, transA, Int64(mc), Int64(nc), Int64(kc), a, Int64(lda), packedB, c,
            Int64(ldc), accumulate, transC)
    }
    static func small(
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<Double>,
        _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int, _ c: UnsafeMutablePointer<Double>,
        _ ldc: Int, _ accumulate: Bool
    ) {
        gg_dgemm_small(
            transA, transB, Int64(m), Int64(n), Int64(k), a, Int64(lda), b, Int64(ldb), c,
            Int64(ldc), accumulate)
    }
}

/// The Goto/BLIS loop nest around the C micro-kernels: for each nc-wide column block and each
/// kc-deep slice of k (in order), pack that B block once (in parallel), then run independent
/// tasks that each pack an mc-row block of A and update one rectangle of C.
///
/// Determinism: a C element belongs to exactly one task per k slice, the slices are applied in
/// order, and the micro-kernel rounds an element the same way wherever it sits in a tile, so the
/// result depends only on the shapes and the kernel family, never on the thread count or the
/// task split.
enum PackedGemm {
    /// Products with at most this many multiply-adds skip packing.
    static let smallProblem = 8 * 1024
    /// Products with fewer multiply-adds per k slice than this stay on the calling thread. Handing
    /// work to a second thread costs tens of microseconds on a shared 2-core machine (waking the
    /// worker, and waiting at the end for one that another process preempted): SGC's gradient
    /// product (7 × 1433 × 140, about 30 µs on one thread) and the other 1–2M multiply-add
    /// products of Cora's models took longer on 2 threads than on 1.
    static let parallelWork = 1 << 21
    /// Elements one B-packing chunk copies at least.
    static let packChunkElements = 1 << 15

    /// `constantA` / `constantB` keep the panels of an operand that does not change between calls;
    /// each is used where its operand is the one packed whole (B, or A in a transposed product).
    static func multiply<T: PackedGemmElement>(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
        c: UnsafeMutablePointer<T>, ldc: Int, accumulate: Bool,
        constantA: GemmPanelCache<T>?, constantB: GemmPanelCache<T>?
    ) {
        require(m >= 0 && n >= 0 && k >= 0, "gemm sizes must be ≥ 0, got m=\(m) n=\(n) k=\(k)")
        require(
            lda >= max(1, transA ? m : k) && ldb >= max(1, transB ? k : n) && ldc >= max(1, n),
            "gemm leading dimensions too small: lda=\(lda) ldb=\(ldb) ldc=\(ldc) for m=\(m) n=\(n) "
                + "k=\(k) transA=\(transA) transB=\(transB)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            if !accumulate {
                for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
            }
            return
        }
        if m * n * k <= smallProblem {
            T.small(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate)
            return
        }

        let kernel = gg_gemm_active_kernel()
        let blocking = T.blocking(kernel)
        let (mr, nr) = (Int(blocking.mr), Int(blocking.nr))
        if 4 * roundUp(n, to: mr) * roundUp(m, to: nr) < 3 * roundUp(m, to: mr) * roundUp(n, to: nr) {
            // A product with few columns (logits over a few classes) would fill a sliver of each
            // nr-wide register tile; as Cᵀ = op(B)ᵀ·op(A)ᵀ those columns become rows, which tiles
            // hold mr at a time. The tiles are stored transposed, straight into C; every element
            // takes the same multiply-adds and the same single addition to C, so the bits do not
            // change.
            multiplyBlocked(
                kernel: kernel, blocking: blocking, transA: !transB, transB: !transA, m: n, n: m, k: k, a: b,
                lda: ldb, b: a, ldb: lda, c: c, ldc: ldc, accumulate: accumulate, transC: true,
                constantB: constantA)
        } else {
            multiplyBlocked(
                kernel: kernel, blocking: blocking, transA: transA, transB: transB, m: m, n: n, k: k, a: a,
                lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate, transC: false,
                constantB: constantB)
        }
    }

    /// The loop nest for a product past the small-problem cut; with `transC`, element (i, j) of
    /// the m × n product is stored at c[j·ldc + i].
    private static func multiplyBlocked<T: PackedGemmElement>(
        kernel: Int32, blocking: gg_gemm_blocking, transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
        c: UnsafeMutablePointer<T>, ldc: Int, accumulate: Bool, transC: Bool, constantB: GemmPanelCache<T>?
    ) {
        let (mr, nr) = (Int(blocking.mr), Int(blocking.nr))
        let (mc, kc, nc) = (Int(blocking.mc), Int(blocking.kc), Int(blocking.nc))
        let threads = Threading.threadCount
        let cachedB = constantB.map { cache in
            keptPanels(cache, kernel: kernel, transB: transB, k: k, n: n, b: b, ldb: ldb, kc: kc, nc: nc, nr: nr)
        }
        let packedCount = min(kc, k) * roundUp(min(nc, n), to: nr)
        let freshB = cachedB != nil ? nil : gg_thread_packed_b(Int64(packedCount * MemoryLayout<T>.stride))!
            .bindMemory(to: T.self, capacity: packedCount)

        for jc in stride(from: 0, to: n, by: nc) {
            let ncur = min(nc, n - jc)
            for pc in stride(from: 0, to: k, by: kc) {
                let kcur = min(kc, k - pc)
                let packedB: UnsafePointer<T>
                if let cachedB {
                    packedB = cachedB + keptOffset(jc: jc, pc: pc, k: k, ncur: ncur, nr: nr)
                } else {
                    packBlock(
                        kernel: kernel, transB: transB, b: b, ldb: ldb, pc: pc, kcur: kcur, jc: jc, ncur: ncur,
                        nr: nr, into: freshB!)
                    packedB = UnsafePointer(freshB!)
                }

                let plan = TaskPlan(m: m, n: ncur, k: kcur, mc: mc, mr: mr, nr: nr, threads: threads)
                let sliceAccumulates = accumulate || pc > 0
                parallelChunks(count: plan.tasks, grain: 1) { range in
                    for task in range {
                        let (rows, cols) = plan.rectangle(task)
                        let aBlock = transA ? a + pc * lda + rows.lowerBound : a + rows.lowerBound * lda + pc
                        let (row, column) = (rows.lowerBound, jc + cols.lowerBound)
                        T.block(
                            kernel, transA, rows.count, cols.count, kcur, aBlock, lda,
                            packedB + cols.lowerBound * kcur, c + (transC ? column * ldc + row : row * ldc + column),
                            ldc, sliceAccumulates, transC)
                    }
                }
            }
        }
    }

    /// Packs the kcur × ncur block of op(B) at (pc, jc) into nr-wide panels, in parallel chunks of
    /// panels.
    private static func packBlock<T: PackedGemmElement>(
        kernel: Int32, transB: Bool, b: UnsafePointer<T>, ldb: Int, pc: Int, kcur: Int, jc: Int, ncur: Int,
        nr: Int, into packed: UnsafeMutablePointer<T>
    ) {
        let block = transB ? b + jc * ldb + pc : b + pc * ldb + jc
        parallelChunks(count: (ncur + nr - 1) / nr, grain: max(1, packChunkElements / (kcur * nr))) { range in
            let j0 = range.lowerBound * nr
            T.packB(
                kernel, transB, kcur, min(ncur, range.upperBound * nr) - j0, transB ? block + j0 * ldb : block + j0,
                ldb, packed + j0 * kcur)
        }
    }

    /// Every block of op(B), packed as ``packBlock`` packs it, from `cache` or into it.
    private static func keptPanels<T: PackedGemmElement>(
        _ cache: GemmPanelCache<T>, kernel: Int32, transB: Bool, k: Int, n: Int, b: UnsafePointer<T>, ldb: Int,
        kc: Int, nc: Int, nr: Int
    ) -> UnsafePointer<T> {
        let count = n / nc * nc * k + k * roundUp(n % nc, to: nr)
        return cache.panels(kernel: kernel, transposed: transB, shape: [k, n, ldb], count: count) { panels in
            for jc in stride(from: 0, to: n, by: nc) {
                for pc in stride(from: 0, to: k, by: kc) {
                    let ncur = min(nc, n - jc)
                    packBlock(
                        kernel: kernel, transB: transB, b: b, ldb: ldb, pc: pc, kcur: min(kc, k - pc), jc: jc,
                        ncur: ncur, nr: nr, into: panels + keptOffset(jc: jc, pc: pc, k: k, ncur: ncur, nr: nr))
                }
            }
        }
    }

    /// Where block (jc, pc) starts in ``keptPanels``: after the full column blocks before it
    /// (k·nc each) and the k slices before it in its own.
    private static func keptOffset(jc: Int, pc: Int, k: Int, ncur: Int, nr: Int) -> Int {
        jc * k + pc * roundUp(ncur, to: nr)
    }

    static func roundUp(_ value: Int, to multiple: Int) -> Int {
        (value + multiple - 1) / multiple * multiple
    }

    /// Splits one k slice of C (m × n) into tasks of whole row blocks × column groups, aiming at
    /// `tasksPerThread` tasks per thread (one task for one thread or a small slice). Rows are split
    /// first: row blocks of at most mc rows, made thinner (down to `minRowsPerTask` register tiles)
    /// and evened out until there are enough tasks, since a row split shares the packed B and packs
    /// each A row once. Only then are columns split into groups of whole nr panels, each of which
    /// packs its A block again. The split never changes the result: each element is still summed
    /// by one task in k order.
    struct TaskPlan {
        static let minRowsPerTask = 4
        static let tasksPerThread = 4
        let rowBlock: Int
        let rowBlocks: Int
        let groupWidth: Int
        let groups: Int
        let m: Int
        let n: Int

        init(m: Int, n: Int, k: Int, mc: Int, mr: Int, nr: Int, threads: Int) {
            self.m = m
            self.n = n
            let wantedTasks = threads == 1 || m * n * k < PackedGemm.parallelWork
                ? 1 : threads * TaskPlan.tasksPerThread
            let minRows = TaskPlan.minRowsPerTask * mr
            let blocks = max((m + mc - 1) / mc, min(wantedTasks, (m + minRows - 1) / minRows))
            rowBlock = PackedGemm.roundUp((m + blocks - 1) / blocks, to: mr)
            rowBlocks = (m + rowBlock - 1) / rowBlock
            let panels = (n + nr - 1) / nr
            let groupCount = max(1, min(panels, (wantedTasks + rowBlocks - 1) / rowBlocks))
            groupWidth = (panels + groupCount - 1) / groupCount * nr
            groups = (n + groupWidth - 1) / groupWidth
        }

        var tasks: Int { rowBlocks * groups }

        func rectangle(_ task: Int) -> (rows: Range<Int>, cols: Range<Int>) {
            let (block, group) = task.quotientAndRemainder(dividingBy: groups)
            return (block * rowBlock..<min(m, (block + 1) * rowBlock),
                    group * groupWidth..<min(n, (group + 1) * groupWidth))
        }
    }
}
