import Foundation
import GraphGrad

/// `graphgrad-bench matmul`: square Float32 C = A·B through `Float.gemm` on 1 and all threads,
/// numpy (OpenBLAS) measured in the same run with the same timing policy, and a comparison of the
/// micro-kernel families and of a Swift-only SIMD16<Float> kernel at 1024³ on one thread.
enum MatmulBenchmark {
    static let sizes = [256, 1024, 2048]
    static let comparisonSize = 1024

    static func run() {
        let allThreads = Threading.threadCount
        defer { Threading.threadCount = allThreads }
        print("GraphGrad matmul benchmark: Float32 C = A·B, row-major, square; best of ≥\(BenchmarkTiming.minRepeats) "
            + "runs and ≥\(BenchmarkTiming.minSeconds) s after a warm-up")
        print("micro-kernel: \(gemmKernelName) (supported here: \(supportedGemmKernelNames.joined(separator: ", ")))\n")

        print(row([("threads", 9), ("size", 7), ("GraphGrad GFLOP/s", 19), ("numpy GFLOP/s", 15), ("GraphGrad/numpy", 15)]))
        var notes: [String] = []
        for threads in Array(Set([1, allThreads])).sorted() {
            Threading.threadCount = threads
            let ours = sizes.map { gflops(size: $0) { Float.gemm(transA: false, transB: false, m: $0, n: $0, k: $0, a: $1, lda: $0, b: $2, ldb: $0, c: $3, ldc: $0, accumulate: false) } }
            let numpy: [Int: Double]
            switch NumpyReference.measure(sizes: sizes, threads: threads) {
            case .success(let result):
                numpy = result.gflops
                notes.append("numpy with \(threads) thread(s): \(result.blas)")
            case .failure(let reason):
                numpy = [:]
                notes.append("\(reason)")
            }
            for (size, value) in zip(sizes, ours) {
                let reference = numpy[size]
                print(row([("\(threads)", 9), ("\(size)", 7), (fixed(value), 19), (fixed(reference), 15),
                           (fixed(reference.map { value / $0 }, 2), 15)]))
            }
        }
        print("")
        for note in notes { print(note) }
        print("(OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for the numpy subprocess only)\n")

        compareKernels()
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
            let float = gflops(size: n) { Float.gemm(transA: false, transB: false, m: $0, n: $0, k: $0, a: $1, lda: $0, b: $2, ldb: $0, c: $3, ldc: $0, accumulate: false) }
            let double: Double = gflops(size: n) { Double.gemm(transA: false, transB: false, m: $0, n: $0, k: $0, a: $1, lda: $0, b: $2, ldb: $0, c: $3, ldc: $0, accumulate: false) }
            print(row([("C \(kernel), Float32", 40), (fixed(float), 10)]))
            print(row([("C \(kernel), Float64", 40), (fixed(double), 10)]))
        }
        let swift = gflops(size: n) { SwiftSIMDMatmul.multiply(n: $0, a: $1, b: $2, c: $3) }
        print(row([("Swift SIMD16<Float> 4×16, Float32", 40), (fixed(swift), 10)]))
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
