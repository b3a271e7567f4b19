import Foundation
import GraphGrad

/// `graphgrad-bench matmul`: square Float32 C = A·B through `Float.gemm` on 1 and all threads,
/// numpy (OpenBLAS) measured in the same run with the same timing policy, and a comparison of the
/// micro-kernel families and of a Swift-only SIMD16<Float> kernel at 1024³ on one thread.
enum MatmulBenchmark {
    static let sizes = [256, 1024, 2048]
    static let comparisonSize = 1024

    /// Each (threads, size) pair alternates GraphGrad and numpy this many times and keeps the best
    /// of each, so a burst of load from other processes does not land on one side only.
    static let rounds = 2

    static func run() {
        let allThreads = Threading.threadCount
        defer { Threading.threadCount = allThreads }
        print("GraphGrad matmul benchmark: Float32 C = A·B, row-major, square; best of "
            + "≥\(BenchmarkTiming.minRepeats) runs and ≥\(BenchmarkTiming.minSeconds) s after a warm-up, "
            + "\(rounds) alternating rounds with numpy")
        let supported = supportedGemmKernelNames.joined(separator: ", ")
        print("micro-kernel: \(gemmKernelName) (supported here: \(supported))")
        print("load average before: \(loadAverage())\n")

        print(row([
            ("threads", 9), ("size", 7), ("GraphGrad GFLOP/s", 19), ("numpy GFLOP/s", 15),
            ("GraphGrad/numpy", 15),
        ]))
        var notes: [String] = []
        for threads in Array(Set([1, allThreads])).sorted() {
            Threading.threadCount = threads
            var blas: String?
            for size in sizes {
                var ours = 0.0
                var numpy: Double?
                for _ in 0..<rounds {
                    ours = max(ours, gemmGFLOPs(Float.self, size: size))
                    switch NumpyReference.measure(sizes: [size], threads: threads) {
                    case .success(let result):
                        blas = result.blas
                        numpy = max(numpy ?? 0, result.gflops[size] ?? 0)
                    case .failure(let reason):
                        if !notes.contains("\(reason)") { notes.append("\(reason)") }
                    }
                }
                print(row([
                    ("\(threads)", 9), ("\(size)", 7), (fixed(ours), 19), (fixed(numpy), 15),
                    (fixed(numpy.map { ours / $0 }, 2), 15),
                ]))
            }
            if let blas { notes.append("numpy with \(threads) thread(s): \(blas)") }
        }
        print("")
        for note in notes { print(note) }
        print("(OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for the numpy subprocess only)\n")

        compareKernels()
        print("\nload average after: \(loadAverage())")
    }

    /// /proc/loadavg's first three fields: other processes on a small machine move these numbers.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// Every supported C micro-kernel family, the Float64 path, and the Swift-only SIMD16 kernel
    /// at comparisonSize³ on one thread: the numbers behind keeping the kernels in C.
    static func compareKernels() {
        Threading.threadCount = 1
        let active = gemmKernelName
        defer { gemmKernelName = active }
        let n = comparisonSize
        print("kernel comparison at \(n)³, 1 thread:")
        print(row([("kernel", 40), ("GFLOP/s", 10)]))
        for kernel in supportedGemmKernelNames {
            gemmKernelName = kernel
            print(row([("C \(kernel), Float32", 40), (fixed(gemmGFLOPs(Float.self, size: n)), 10)]))
            print(row([("C \(kernel), Float64", 40), (fixed(gemmGFLOPs(Double.self, size: n)), 10)]))
        }
        let swift = gflops(size: n) { SwiftSIMDMatmul.multiply(n: $0, a: $1, b: $2, c: $3) }
        print(row([("Swift SIMD16<Float> 4×16, Float32", 40), (fixed(swift), 10)]))
    }

    /// GFLOP/s of `T.gemm` for C = A·B on n×n operands.
    static func gemmGFLOPs<T: GemmScalar>(_: T.Type, size n: Int) -> Double {
        gflops(size: n) { (n, a, b, c: UnsafeMutablePointer<T>) in
            T.gemm(
                transA: false, transB: false, m: n, n: n, k: n, a: a, lda: n, b: b, ldb: n, c: c, ldc: n,
                accumulate: false)
        }
    }

    /// GFLOP/s of `product(n, a, b, c)` on n×n operands filled with values in [-1, 1].
    static func gflops<T: BinaryFloatingPoint>(
        size n: Int,
        _ product: (Int, UnsafePointer<T>, UnsafePointer<T>, UnsafeMutablePointer<T>) -> Void
    ) -> Double {
        let a = UnsafeMutablePointer<T>.allocate(capacity: n * n)
        let b = UnsafeMutablePointer<T>.allocate(capacity: n * n)
        let c = UnsafeMutablePointer<T>.allocate(capacity: n * n)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        for i in 0..<n * n {
            a[i] = T((i * 7919) % 2001) / 1000 - 1
            b[i] = T((i * 104_729) % 2001) / 1000 - 1
        }
        c.initialize(repeating: 0, count: n * n)
        let seconds = BenchmarkTiming.bestSeconds { product(n, a, b, c) }
        return 2 * Double(n) * Double(n) * Double(n) / seconds / 1e9
    }
}
