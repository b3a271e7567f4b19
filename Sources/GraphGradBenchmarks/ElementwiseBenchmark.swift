import Foundation
import GraphGrad

/// `graphgrad-bench elementwise`: throughput of elementwise operations and reductions on
/// Float32 tensors of 2²⁴ elements, in GB/s of memory traffic (bytes read + written), against
/// a plain memory copy and against numpy, all in the same run.
enum ElementwiseBenchmark {
    static let count = 1 << 24

    /// An operation, the bytes it must move per element, and its numpy spelling.
    struct Case: Sendable {
        let name: String
        let bytesPerElement: Int
        let numpy: String
        let run: @Sendable (Tensor<Float>, Tensor<Float>, Tensor<Float>) -> Tensor<Float>
    }

    static let cases: [Case] = [
        Case(name: "a + b", bytesPerElement: 12, numpy: "a + b") { a, b, _ in a + b },
        Case(name: "a * 2", bytesPerElement: 8, numpy: "a * 2") { a, _, _ in a * 2 },
        Case(name: "a + row", bytesPerElement: 8, numpy: "m + row") { _, _, m in m + m.sliced(along: 0, 0..<1) },
        Case(name: "relu(a)", bytesPerElement: 8, numpy: "np.maximum(a, 0)") { a, _, _ in a.relu() },
        Case(name: "exp(a)", bytesPerElement: 8, numpy: "np.exp(a)") { a, _, _ in a.exp() },
        Case(name: "sum(a)", bytesPerElement: 4, numpy: "a.sum()") { a, _, _ in a.sum() },
        Case(name: "sum rows", bytesPerElement: 4, numpy: "m.sum(axis=1)") { _, _, m in m.sum(along: 1) },
        Case(name: "sum cols", bytesPerElement: 4, numpy: "m.sum(axis=0)") { _, _, m in m.sum(along: 0) },
    ]

    static func run() {
        var generator = SplitMix64(seed: 1)
        let a = Tensor<Float>.uniform([count], low: -1, high: 1, using: &generator)
        let b = Tensor<Float>.uniform([count], low: -1, high: 1, using: &generator)
        let m = a.reshaped([4096, count / 4096])
        let allThreads = Threading.threadCount
        defer { Threading.threadCount = allThreads }
        print("GraphGrad elementwise benchmark: Float32, \(count) elements (\(count * 4 >> 20) MiB per operand); "
            + "GB/s of bytes read + written; best of ≥\(BenchmarkTiming.minRepeats) runs")
        for threads in Array(Set([1, 2, allThreads])).sorted() {
            let copy = 2 * CopyBenchmark.copiedGigabytesPerSecond(threads: threads)
            let numpy = numpyRates(threads: threads)
            Threading.threadCount = threads
            print("\n\(threads) thread(s): memcpy moves \(fixed(copy)) GB/s (read + write)"
                + (numpy == nil ? "; numpy not available" : ""))
            print(row([("op", 10), ("GB/s", 8), ("% of copy", 11), ("numpy GB/s", 12), ("vs numpy", 9)]))
            for c in cases {
                let seconds = BenchmarkTiming.bestSeconds { _ = c.run(a, b, m) }
                let rate = Double(c.bytesPerElement * count) / seconds / 1e9
                let peer = numpy?[c.numpy]
                print(row([
                    (c.name, 10), (fixed(rate), 8), (fixed(100 * rate / copy, 0) + "%", 11),
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
