import Foundation
import GraphGrad

/// `graphgrad-bench elementwise`: throughput of elementwise operations and reductions on
/// Float32 tensors of 2²⁴ elements, in GB/s of memory traffic (bytes read + written), against
/// a plain memory copy and against numpy, all in the same run.
///
/// Each operation is timed twice: as the tensor operation, which returns a new tensor, and as
/// its kernel alone writing into a warm buffer, as memcpy does. The tensor operation's output
/// is a block recycled by `TensorStoragePool` (the previous repetition's result), so both write
/// into mapped pages; without the pool a fresh output costs a page fault and the system's
/// zeroing of every page, one more write pass over it (numpy pays that).
enum ElementwiseBenchmark {
    static let count = 1 << 24
    static let rows = 4096

    /// An operation, the bytes it must move per element, its numpy spelling, and its kernel.
    struct Case: Sendable {
        let name: String
        let bytesPerElement: Int
        let numpy: String
        let run: @Sendable (Tensor<Float>, Tensor<Float>, Tensor<Float>) -> Tensor<Float>
        let kernel: @Sendable (Buffers) -> Void
    }

    /// The operands' storage and a warm output buffer of `count` elements.
    struct Buffers: @unchecked Sendable {
        let a: UnsafePointer<Float>, b: UnsafePointer<Float>, row: UnsafePointer<Float>, two: UnsafePointer<Float>
        let out: UnsafeMutablePointer<Float>
    }

    static let cases: [Case] = [
        Case(name: "a + b", bytesPerElement: 12, numpy: "a + b", run: { a, b, _ in a + b }) {
            Float.binaryKernel(.add, $0.a, $0.b, $0.out, plan: BroadcastPlan([count], [count]))
        },
        Case(name: "a * 2", bytesPerElement: 8, numpy: "a * 2", run: { a, _, _ in a * 2 }) {
            Float.binaryKernel(.multiply, $0.a, $0.two, $0.out, plan: BroadcastPlan([count], []))
        },
        Case(name: "a + row", bytesPerElement: 8, numpy: "m + row", run: { _, _, m in m + m.sliced(along: 0, 0..<1) }) {
            Float.binaryKernel(.add, $0.a, $0.row, $0.out, plan: BroadcastPlan([rows, count / rows], [1, count / rows]))
        },
        Case(name: "relu(a)", bytesPerElement: 8, numpy: "np.maximum(a, 0)", run: { a, _, _ in a.relu() }) {
            Float.unaryKernel(.relu, $0.a, $0.out, count: count)
        },
        Case(name: "exp(a)", bytesPerElement: 8, numpy: "np.exp(a)", run: { a, _, _ in a.exp() }) {
            Float.unaryKernel(.exp, $0.a, $0.out, count: count)
        },
        Case(name: "sum(a)", bytesPerElement: 4, numpy: "a.sum()", run: { a, _, _ in a.sum() }) {
            Float.reduceKernel(.sum, $0.a, $0.out, outer: 1, length: count, inner: 1)
        },
        Case(name: "sum rows", bytesPerElement: 4, numpy: "m.sum(axis=1)", run: { _, _, m in m.sum(along: 1) }) {
            Float.reduceKernel(.sum, $0.a, $0.out, outer: rows, length: count / rows, inner: 1)
        },
        Case(name: "sum cols", bytesPerElement: 4, numpy: "m.sum(axis=0)", run: { _, _, m in m.sum(along: 0) }) {
            Float.reduceKernel(.sum, $0.a, $0.out, outer: 1, length: rows, inner: count / rows)
        },
    ]

    static func run() {
        var generator = SplitMix64(seed: 1)
        let a = Tensor<Float>.uniform([count], low: -1, high: 1, using: &generator)
        let b = Tensor<Float>.uniform([count], low: -1, high: 1, using: &generator)
        let m = a.reshaped([rows, count / rows])
        let firstRow = m.sliced(along: 0, 0..<1)
        let two = Tensor<Float>(2)
        let out = UnsafeMutablePointer<Float>.allocate(capacity: count)
        out.initialize(repeating: 0, count: count)
        defer { out.deallocate() }
        let allThreads = Threading.threadCount
        defer { Threading.threadCount = allThreads }
        print("GraphGrad elementwise benchmark: Float32, \(count) elements (\((count * 4) >> 20) MiB per operand); "
            + "GB/s of bytes read + written; best of ≥\(BenchmarkTiming.minRepeats) runs")
        for threads in Array(Set([1, 2, allThreads])).sorted() {
            let copy = 2 * CopyBenchmark.copiedGigabytesPerSecond(threads: threads)
            let numpy = numpyRates(threads: threads)
            Threading.threadCount = threads
            print("\n\(threads) thread(s): memcpy moves \(fixed(copy)) GB/s (read + write)"
                + (numpy == nil ? "; numpy not available" : ""))
            print(row([
                ("op", 10), ("GB/s", 8), ("% of copy", 11), ("kernel GB/s", 13), ("kernel % of copy", 18),
                ("numpy GB/s", 12), ("vs numpy", 9),
            ]))
            for c in cases {
                let seconds = BenchmarkTiming.bestSeconds { _ = c.run(a, b, m) }
                let kernelSeconds = a.withUnsafePointer { pa in
                    b.withUnsafePointer { pb in
                        firstRow.withUnsafePointer { pr in
                            two.withUnsafePointer { pt in
                                let buffers = Buffers(a: pa, b: pb, row: pr, two: pt, out: out)
                                return BenchmarkTiming.bestSeconds { c.kernel(buffers) }
                            }
                        }
                    }
                }
                let rate = Double(c.bytesPerElement * count) / seconds / 1e9
                let kernelRate = Double(c.bytesPerElement * count) / kernelSeconds / 1e9
                let peer = numpy?[c.numpy]
                print(row([
                    (c.name, 10), (fixed(rate), 8), (fixed(100 * rate / copy, 0) + "%", 11),
                    (fixed(kernelRate), 13), (fixed(100 * kernelRate / copy, 0) + "%", 18),
                    (fixed(peer), 12), (peer.map { fixed(rate / $0, 2) + "x" } ?? "-", 9),
                ]))
            }
        }
    }

    /// numpy's GB/s per expression, measured by Benchmarks/numpy_elementwise.py.
    static func numpyRates(threads: Int) -> [String: Double]? {
        let environment = ["OPENBLAS_NUM_THREADS": "\(threads)", "OMP_NUM_THREADS": "\(threads)"]
        guard let output = runPythonPeer(
            script: "numpy_elementwise.py", arguments: ["\(count)"] + cases.map { "\($0.numpy)=\($0.bytesPerElement)" },
            environment: environment)
        else { return nil }
        var rates: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2, let rate = Double(parts[1]) { rates[String(parts[0])] = rate }
        }
        return rates
    }
}
