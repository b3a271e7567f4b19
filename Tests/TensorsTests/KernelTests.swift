import Calculus
import Foundation
import Testing
import Tensors
import _TestSupport

/// A row-major product problem with padded leading dimensions (so strides are exercised) and
/// seeded random operands in [-1, 1).
private struct GemmCase<T: GemmScalar>: CustomStringConvertible {
    let transA: Bool, transB: Bool, accumulate: Bool
    let m: Int, n: Int, k: Int
    let lda: Int, ldb: Int, ldc: Int
    let a: [T], b: [T], c: [T]

    init(m: Int, n: Int, k: Int, transA: Bool, transB: Bool, accumulate: Bool, seed: UInt64) {
        (self.m, self.n, self.k) = (m, n, k)
        (self.transA, self.transB, self.accumulate) = (transA, transB, accumulate)
        let (aRows, aCols) = transA ? (k, m) : (m, k)
        let (bRows, bCols) = transB ? (n, k) : (k, n)
        (lda, ldb, ldc) = (aCols + 3, bCols + 1, n + 2)
        var rng = Calculus.SplitMix64(seed: seed)
        func random(_ count: Int) -> [T] { (0..<count).map { _ in T(Double.random(in: -1..<1, using: &rng)) } }
        a = random(max(aRows * lda, 1))
        b = random(max(bRows * ldb, 1))
        c = random(max(m * ldc, 1))
    }

    var description: String {
        "m=\(m) n=\(n) k=\(k) transA=\(transA) transB=\(transB) accumulate=\(accumulate)"
    }

    func opA(_ i: Int, _ p: Int) -> Double { Double(transA ? a[p * lda + i] : a[i * lda + p]) }
    func opB(_ p: Int, _ j: Int) -> Double { Double(transB ? b[j * ldb + p] : b[p * ldb + j]) }

    /// The library's result: c after gemm.
    func run() -> [T] {
        var out = c
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { out in
                    T.gemm(
                        transA: transA, transB: transB, m: m, n: n, k: k,
                        a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb,
                        c: out.baseAddress!, ldc: ldc, accumulate: accumulate)
                }
            }
        }
        return out
    }

    /// Checks every element of `result` against a Double-accumulated triple loop. Summing k
    /// products in precision u = eps/2 errs by at most γ_k·Σ|a||b| with γ_k ≈ k·u (Higham,
    /// Accuracy and Stability, §3.5), one more rounding adds the old C; the bound (k+2)·eps
    /// covers that with a factor-2 margin and leaves no room for a wrong term. Padding columns
    /// of C must be untouched.
    func expectMatchesReference(_ result: [T]) {
        var failures = 0
        for i in 0..<m {
            for j in 0..<ldc {
                let index = i * ldc + j
                guard j < n else {
                    if result[index] != c[index] { failures += 1 }
                    continue
                }
                var sum = accumulate ? Double(c[index]) : 0
                var magnitude = accumulate ? abs(Double(c[index])) : 0
                for p in 0..<k {
                    let product = opA(i, p) * opB(p, j)
                    sum += product
                    magnitude += abs(product)
                }
                let bound = Double(k + 2) * Double(T.ulpOfOne) * magnitude
                if abs(Double(result[index]) - sum) > bound { failures += 1 }
            }
        }
        #expect(failures == 0, "\(failures) wrong elements for \(self) on kernel \(gemmKernelName)")
    }
}

/// (m, n, k): edge sizes around every register tile (1, 7, 17, 33), sizes that cross the cache
/// blocks (k > 256 needs several k slices, m > 144 several row blocks, n > 4096 two column blocks),
/// tiny products that take the unpacked loop, few-column products computed transposed (a
/// logits-shaped (300, 7, 530) over several k slices), and empty dimensions.
private let shapes: [(Int, Int, Int)] = [
    (1, 1, 1), (7, 17, 33), (33, 7, 17), (17, 33, 7), (1, 257, 100), (257, 1, 100),
    (100, 257, 33), (33, 100, 257), (150, 40, 300), (150, 33, 520), (3, 4100, 3),
    (300, 7, 530),
    (64, 64, 0), (0, 5, 5), (5, 0, 5),
]

private let transposes = [(false, false), (false, true), (true, false), (true, true)]

@Suite(.serialized)
struct KernelTests {
    @Test("gemm matches a Double-accumulated triple loop on every kernel family",
          arguments: [false, true])
    func gemmMatchesNaiveLoop(accumulate: Bool) {
        let original = gemmKernelName
        defer { gemmKernelName = original }
        for kernel in supportedGemmKernelNames {
            gemmKernelName = kernel
            for (index, (m, n, k)) in shapes.enumerated() {
                for (transA, transB) in transposes {
                    let seed = UInt64(index * 8) + (transA ? 4 : 0) + (transB ? 2 : 0) + (accumulate ? 1 : 0)
                    let floatCase = GemmCase<Float>(
                        m: m, n: n, k: k, transA: transA, transB: transB, accumulate: accumulate, seed: seed)
                    floatCase.expectMatchesReference(floatCase.run())
                    let doubleCase = GemmCase<Double>(
                        m: m, n: n, k: k, transA: transA, transB: transB, accumulate: accumulate, seed: seed)
                    doubleCase.expectMatchesReference(doubleCase.run())
                }
            }
        }
    }

    @Test("sums give the same bits on every kernel family and thread count")
    func sumsAreIndependentOfFamilyAndThreads() {
        let (originalKernel, originalThreads) = (gemmKernelName, Threading.threadCount)
        defer { (gemmKernelName, Threading.threadCount) = (originalKernel, originalThreads) }
        // Lengths around the lane count and the block size, and one that spans blocks; a
        // [rows, columns] matrix summed along both axes covers the strided path too.
        let lengths = [0, 1, 63, 64, 65, 1000, (1 << 16) + 3, 300_001]
        let vectors = lengths.map { randomTensor([$0], in: -1...1, seed: UInt64($0)) }
        let matrix = randomTensor([700, 1_100], seed: 3)
        func sums() -> [UInt64] {
            let float = vectors.map { Tensor<Float>(shape: $0.shape, scalars: $0.scalars.map(Float.init)).sum().scalar }
            let double = vectors.map { $0.sum().scalar } + [matrix.sum(along: 0), matrix.sum(along: 1)].flatMap(\.scalars)
            return float.map { UInt64($0.bitPattern) } + double.map(\.bitPattern)
        }
        gemmKernelName = "baseline"
        Threading.threadCount = 1
        let reference = sums()
        for kernel in supportedGemmKernelNames {
            for threads in [1, 2, 3] {
                (gemmKernelName, Threading.threadCount) = (kernel, threads)
                #expect(sums() == reference, "\(kernel), \(threads) threads")
            }
        }
        // And the sums are right: the Double ones against a compensated (Kahan) sum.
        for (vector, sum) in zip(vectors, vectors.map { $0.sum().scalar }) {
            var (total, compensation) = (0.0, 0.0)
            for v in vector.scalars {
                let y = v - compensation
                let t = total + y
                (compensation, total) = ((t - total) - y, t)
            }
            #expect(Swift.abs(sum - total) <= 1e-12 * Double(max(vector.count, 1)))
        }
    }

    @Test("a sum along an outer axis adds its rows in order, on every kernel family", arguments: [1, 2, 4, 5, 8, 9, 11])
    func axisSumsAddRowsInOrder(rows: Int) {
        let original = gemmKernelName
        defer { gemmKernelName = original }
        // 2100 columns span two of the kernel's column tiles; the row counts cover its passes of
        // four rows and the rows left over.
        let double = randomTensor([3, rows, 2100], in: -1...1, seed: UInt64(rows))
        let float = Tensor<Float>(shape: double.shape, scalars: double.scalars.map(Float.init))
        func inOrder<S: TensorScalar>(_ x: Tensor<S>) -> [S] {
            (0..<3).flatMap { slice in
                (0..<2100).map { column in
                    (1..<rows).reduce(x.scalars[slice * rows * 2100 + column]) { $0 + x.scalars[(slice * rows + $1) * 2100 + column] }
                }
            }
        }
        let (expectedFloat, expectedDouble) = (inOrder(float), inOrder(double))
        for kernel in supportedGemmKernelNames {
            gemmKernelName = kernel
            #expect(float.sum(along: 1).scalars.map(\.bitPattern) == expectedFloat.map(\.bitPattern), "\(kernel)")
            #expect(double.sum(along: 1).scalars.map(\.bitPattern) == expectedDouble.map(\.bitPattern), "\(kernel)")
        }
    }

    @Test("Float exp, expm1 and ELU are within an ulp of the exact value, with the same bits on every family")
    func expOnEveryFamily() {
        let original = gemmKernelName
        defer { gemmKernelName = original }
        var generator = SplitMix64(seed: 5)
        var inputs: [Float] = [
            0, -0.0, 1e-30, -1e-30, 1e-8, -1e-8, 0.5, -0.5, 0.3466, -0.3466, 0.0108, -0.0108, -17, -87.3, -88, -103.9,
            -104, -200, 88, 88.72, 88.73, 89, 1e30, -.infinity, .infinity, .nan, .leastNonzeroMagnitude,
            -.leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        ]
        inputs += (0..<100_000).map { _ in Float(generator.nextUniform() * 40 - 20) }
        inputs += (0..<20_000).map { _ in Float(generator.nextUniform() * 210 - 110) }
        inputs += (0..<20_000).map { i in Float(Foundation.pow(10, generator.nextUniform() * 40 - 38)) * (i % 2 == 0 ? 1 : -1) }
        let x = Tensor<Float>(shape: [inputs.count], scalars: inputs)
        gemmKernelName = "baseline"
        let (exp, expm1, elu) = (x.exp().scalars, x.expm1().scalars, x.elu().scalars)
        /// How many results are more than an ulp from the exact value `exact` (exp_core.h's bound).
        func misses(_ results: [Float], _ exact: (Double) -> Double) -> Int {
            zip(inputs, results).filter { v, y in
                let reference = exact(Double(v))
                let rounded = Float(reference)
                let ulp = Double(rounded.isFinite && rounded != 0 ? rounded.ulp : Float.leastNonzeroMagnitude)
                let close = rounded.isFinite ? Swift.abs(Double(y) - reference) <= ulp : y == rounded
                return !(v.isNaN ? y.isNaN : close)
            }.count
        }
        #expect(misses(exp, Foundation.exp) == 0, "exp results more than an ulp from the exact value")
        #expect(misses(expm1, Foundation.expm1) == 0, "expm1 results more than an ulp from the exact value")
        // About 92% of these inputs' results are the correctly rounded float (97% over all floats);
        // a cruder series or reduction that still stays within an ulp would fall far below.
        let correctlyRounded = zip(inputs, exp).filter { v, y in v.isNaN || y == Float(Foundation.exp(Double(v))) }.count
        #expect(Double(correctlyRounded) >= 0.9 * Double(inputs.count), "only \(correctlyRounded) of \(inputs.count) exp results correctly rounded")
        #expect(expm1[0].bitPattern == Float(0).bitPattern && expm1[1].bitPattern == Float(-0.0).bitPattern, "expm1(±0) = ±0")
        #expect(zip(inputs, zip(elu, expm1)).allSatisfy { v, pair in v > 0 ? pair.0 == v : pair.0.bitPattern == pair.1.bitPattern })
        for kernel in supportedGemmKernelNames {
            gemmKernelName = kernel
            #expect(x.exp().scalars.map(\.bitPattern) == exp.map(\.bitPattern), "exp, \(kernel)")
            #expect(x.expm1().scalars.map(\.bitPattern) == expm1.map(\.bitPattern), "expm1, \(kernel)")
        }
    }

    @Test("gemm gives the same bits on 1, 2 and 3 threads")
    func gemmIsIndependentOfThreadCount() {
        let original = Threading.threadCount
        defer { Threading.threadCount = original }
        for (index, (transA, transB)) in transposes.enumerated() {
            let floatCase = GemmCase<Float>(
                m: 301, n: 283, k: 530, transA: transA, transB: transB, accumulate: index % 2 == 0,
                seed: 1000 + UInt64(index))
            let doubleCase = GemmCase<Double>(
                m: 283, n: 301, k: 530, transA: transA, transB: transB, accumulate: index % 2 == 1,
                seed: 2000 + UInt64(index))
            Threading.threadCount = 1
            let floatSerial = floatCase.run().map(\.bitPattern)
            let doubleSerial = doubleCase.run().map(\.bitPattern)
            for threads in [2, 3] {
                Threading.threadCount = threads
                #expect(floatCase.run().map(\.bitPattern) == floatSerial, "Float \(floatCase), \(threads) threads")
                #expect(doubleCase.run().map(\.bitPattern) == doubleSerial, "Double \(doubleCase), \(threads) threads")
            }
        }
    }

    /// A tile with fewer rows than the register tile computes only those rows; each element
    /// must still round as it does inside a full tile. k = 300 takes two k slices, so the
    /// accumulating update of an edge tile is compared too.
    @Test("a row's product has the same bits whichever rows share its register tile")
    func edgeTilesRoundAsFullTiles() {
        let original = gemmKernelName
        defer { gemmKernelName = original }
        var generator = Calculus.SplitMix64(seed: 3000)
        let a = Tensor<Float>.normal([25, 300], using: &generator)
        let b = Tensor<Float>.normal([300, 64], using: &generator)
        for kernel in supportedGemmKernelNames {
            gemmKernelName = kernel
            let full = Tensor.matmul(a, b).scalars.map(\.bitPattern)
            for start in [0, 5, 12] {
                for height in 1...13 {
                    let part = Tensor.matmul(a.gatheringRows(Array(start..<start + height)), b)
                    #expect(part.scalars.map(\.bitPattern) == Array(full[(start * 64)..<((start + height) * 64)]),
                            "rows \(start)..<\(start + height) on \(kernel)")
                }
            }
        }
    }

    /// Products with a few columns run transposed, their tiles stored straight into C, and a last
    /// panel of at most one vector is packed and multiplied one vector wide; each element must
    /// still round as it does in a full tile of the direct product. 140 rows run transposed and
    /// end in a one-vector panel, 25 rows run transposed and end in a two-vector one, 9 rows run
    /// direct over a one-vector panel (7 and 12 columns) or a panel and a half (40, 48); k = 300
    /// takes two k slices, so the accumulating update is stored transposed too. Every product is
    /// past the unpacked loop's size, whose rounding differs.
    @Test("a few-column product has the bits of the same columns of a wide product")
    func fewColumnProductsRoundAsWideOnes() {
        let original = gemmKernelName
        defer { gemmKernelName = original }
        var generator = Calculus.SplitMix64(seed: 3100)
        let b = Tensor<Float>.normal([300, 64], using: &generator)
        for height in [140, 25, 9] {
            let a = Tensor<Float>.normal([height, 300], using: &generator)
            for kernel in supportedGemmKernelNames {
                gemmKernelName = kernel
                let wide = Tensor.matmul(a, b)
                for width in [7, 12, 40, 48] {
                    let part = Tensor.matmul(a, b.sliced(along: 1, 0..<width))
                    #expect(part.scalars.map(\.bitPattern) == wide.sliced(along: 1, 0..<width).scalars.map(\.bitPattern),
                            "\(height) rows, \(width) columns on \(kernel)")
                }
            }
        }
    }

    @Test("parallelChunks covers every index once, in chunks fixed by count and grain",
          arguments: [(0, 1), (1, 1), (10, 3), (1000, 7), (64, 64), (65, 64)])
    func parallelChunksPartition(count: Int, grain: Int) {
        let original = Threading.threadCount
        defer { Threading.threadCount = original }
        for threads in [1, 2, 5] {
            Threading.threadCount = threads
            let owner = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(count, 1))
            defer { owner.deallocate() }
            owner.initialize(repeating: -1)
            let visits = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(count, 1))
            defer { visits.deallocate() }
            visits.initialize(repeating: 0)
            parallelChunks(count: count, grain: grain) { range in
                for i in range {
                    owner[i] = range.lowerBound
                    visits[i] += 1
                }
            }
            for i in 0..<count {
                #expect(visits[i] == 1, "index \(i) visited \(visits[i]) times on \(threads) threads")
                #expect(owner[i] == i / grain * grain, "index \(i) in chunk \(owner[i]) on \(threads) threads")
            }
        }
    }

    /// Checks one element type's unary and binary kernels on an output large enough to be
    /// stored non-temporally, starting 0–3 elements past a 16-byte boundary, against the
    /// primitives on scalars.
    func expectLargeOutputsMatchPrimitives<T: TensorScalar>(_: T.Type) {
        let count = (16 << 20) / MemoryLayout<T>.stride + 5
        let row = 1000
        let x = (0..<count).map { T(Double($0 % 1999) / 500 - 2) }
        let y = (0..<count).map { T(Double($0 % 997) / 300 - 1.5) }
        let two: [T] = [2]
        let out = UnsafeMutablePointer<T>.allocate(capacity: count + 3)
        defer { out.deallocate() }
        for offset in 0..<4 {
            let o = out + offset
            func check(_ name: String, _ reference: (Int) -> T) {
                let wrong = (0..<count).first { o[$0] != reference($0) }
                #expect(wrong == nil, "\(T.self) \(name), offset \(offset): element \(wrong ?? -1)")
            }
            x.withUnsafeBufferPointer { px in
                y.withUnsafeBufferPointer { py in
                    two.withUnsafeBufferPointer { p2 in
                        let (a, b, s) = (px.baseAddress!, py.baseAddress!, p2.baseAddress!)
                        T.unaryKernel(.relu, a, o, count: count)
                        check("relu") { UnaryPrimitive.relu(x[$0]) }
                        // Float's exp kernel rounds its own way (not libm's): the reference is the
                        // kernel on short, cached pieces of the input.
                        let exp = stride(from: 0, to: count, by: 1000).flatMap { start in
                            let piece = min(1000, count - start)
                            return [T](unsafeUninitializedCapacity: piece) { buffer, initialized in
                                T.unaryKernel(.exp, a + start, buffer.baseAddress!, count: piece)
                                initialized = piece
                            }
                        }
                        T.unaryKernel(.exp, a, o, count: count)
                        check("exp") { exp[$0] }
                        T.binaryKernel(.add, a, b, o, plan: BroadcastPlan([count], [count]))
                        check("a + b") { x[$0] + y[$0] }
                        T.binaryKernel(.multiply, a, s, o, plan: BroadcastPlan([count], []))
                        check("a * 2") { x[$0] * 2 }
                        let rows = count / row
                        T.binaryKernel(.subtract, a, b, o, plan: BroadcastPlan([rows, row], [1, row]))
                        let matrixCount = rows * row
                        let wrong = (0..<matrixCount).first { o[$0] != x[$0] - y[$0 % row] }
                        #expect(wrong == nil, "\(T.self) a - row, offset \(offset): element \(wrong ?? -1)")
                    }
                }
            }
        }
    }

    @Test("kernels write every element of outputs stored non-temporally, at any alignment")
    func largeOutputs() {
        expectLargeOutputsMatchPrimitives(Float.self)
        expectLargeOutputsMatchPrimitives(Double.self)
    }

    @Test("threadCount defaults to at least one thread and keeps what is set")
    func threadCountSetting() {
        let original = Threading.threadCount
        defer { Threading.threadCount = original }
        #expect(original >= 1)
        Threading.threadCount = 3
        #expect(Threading.threadCount == 3)
    }

    @Test("the active kernel is a supported family and the baseline is always supported")
    func kernelSelection() {
        #expect(supportedGemmKernelNames.contains(gemmKernelName))
        #expect(supportedGemmKernelNames.contains("baseline"))
        #expect(gemmKernelName == supportedGemmKernelNames.first)
    }
}
