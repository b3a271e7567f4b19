import Foundation
import GraphGrad

/// GFLOP/s by wall clock and by the calling thread's CPU time (see `BenchmarkTiming.bestTimes`).
struct Rates {
    var wall: Double
    var threadCPU: Double

    /// The better of two measurements, field by field.
    func best(_ other: Rates?) -> Rates {
        guard let other else { return self }
        return Rates(wall: max(wall, other.wall), threadCPU: max(threadCPU, other.threadCPU))
    }
}

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
        print("GFLOP/s by wall clock; with 1 thread also by thread CPU time, which leaves out waiting for a core")

        print(row([
            ("threads", 9), ("size", 6), ("GraphGrad", 11), ("numpy", 8), ("ratio", 8),
            ("GraphGrad(cpu)", 16), ("numpy(cpu)", 12), ("ratio(cpu)", 10),
        ]))
        var notes: [String] = []
        for threads in Array(Set([1, allThreads])).sorted() {
            Threading.threadCount = threads
            var blas: String?
            for size in sizes {
                var ours: Rates?
                var numpy: Rates?
                for _ in 0..<rounds {
                    ours = gemmRates(Float.self, size: size).best(ours)
                    switch NumpyReference.measure(sizes: [size], threads: threads) {
                    case .success(let report):
                        blas = report.blas
                        numpy = report.gflops[size].map { $0.best(numpy) } ?? numpy
                    case .failure(let reason):
                        if !notes.contains("\(reason)") { notes.append("\(reason)") }
                    }
                }
                guard let ours else { continue }
                let cpu = threads == 1
                print(row([
                    ("\(threads)", 9), ("\(size)", 6), (fixed(ours.wall), 11), (fixed(numpy?.wall), 8),
                    (fixed(numpy.map { ours.wall / $0.wall }, 2), 8),
                    (cpu ? fixed(ours.threadCPU) : "-", 16), (cpu ? fixed(numpy?.threadCPU) : "-", 12),
                    (cpu ? fixed(numpy.map { ours.threadCPU / $0.threadCPU }, 2) : "-", 10),
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

    /// Every supported C micro-kernel family, the Float64 path, and the Swift-only SIMD16 kernel
    /// at comparisonSize³ on one thread: the numbers behind keeping the kernels in C.
    static func compareKernels() {
        Threading.threadCount = 1
        let active = gemmKernelName
        defer { gemmKernelName = active }
        let n = comparisonSize
        print("kernel comparison at \(n)³, 1 thread, GFLOP/s:")
        print(row([("kernel", 40), ("wall", 8), ("cpu", 8)]))
        func report(_ name: String, _ rates: Rates) {
            print(row([(name, 40), (fixed(rates.wall), 8), (fixed(rates.threadCPU), 8)]))
        }
        for kernel in supportedGemmKernelNames {
            gemmKernelName = kernel
            report("C \(kernel), Float32", gemmRates(Float.self, size: n))
            report("C \(kernel), Float64", gemmRates(Double.self, size: n))
        }
        let swift = rates(size: n) { SwiftSIMDMatmul.multiply(n: $0, a: $1, b: $2, c: $3) }
        report("Swift SIMD16<Float> 4×16, Float32", swift)
    }

    /// GFLOP/s of `T.gemm` for C = A·B on n×n operands.
    static func gemmRates<T: GemmScalar>(_: T.Type, size n: Int) -> Rates {
        rates(size: n) { (n, a, b, c: UnsafeMutablePointer<T>) in
            T.gemm(
                transA: false, transB: false, m: n, n: n, k: n, a: a, lda: n, b: b, ldb: n, c: c, ldc: n,
                accumulate: false)
        }
    }

    /// GFLOP/s of `product(n, a, b, c)` on n×n operands filled with values in [-1, 1].
    static func rates<T: BinaryFloatingPoint>(
        size n: Int,
        _ product: (Int, UnsafePointer<T>, UnsafePointer<T>, UnsafeMutablePointer<T>) -> Void
    ) -> Rates {
        let a = UnsafeMutablePointer<T>.allocate(capacity: n * n)
        let b = UnsafeMutablePointer<T>.allocate(capacity: n * n)
        let c = UnsafeMutablePointer<T>.allocate(capacity: n * n)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        for i in 0..<n * n {
            a[i] = T((i * 7919) % 2001) / 1000 - 1
            b[i] = T((i * 104_729) % 2001) / 1000 - 1
        }
        c.initialize(repeating: 0, count: n * n)
        let times = BenchmarkTiming.bestTimes { product(n, a, b, c) }
        let flop = 2 * Double(n) * Double(n) * Double(n)
        return Rates(wall: flop / times.wall / 1e9, threadCPU: flop / times.threadCPU / 1e9)
    }

    /// /proc/loadavg's first three fields: other processes on a small machine move these numbers.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
