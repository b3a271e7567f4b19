import Foundation
import GraphGrad

/// `graphgrad-bench copy`: memcpy of 256 MiB split into contiguous chunks over 1, 2 and all
/// threads (via parallelChunks). It is the memory-bandwidth ceiling that elementwise tensor
/// kernels are compared with: an op reading two arrays and writing one moves 3 × its size.
enum CopyBenchmark {
    static let bytes = 256 << 20

    static func run() {
        let allThreads = Threading.threadCount
        defer { Threading.threadCount = allThreads }
        print("GraphGrad copy benchmark: memcpy of \(bytes >> 20) MiB; best of ≥\(BenchmarkTiming.minRepeats) "
            + "runs and ≥\(BenchmarkTiming.minSeconds) s after a warm-up")
        print(row([("threads", 9), ("copied GB/s", 13), ("read+write GB/s", 16)]))
        for threads in Array(Set([1, 2, allThreads])).sorted() {
            let copied = copiedGigabytesPerSecond(threads: threads)
            print(row([("\(threads)", 9), (fixed(copied), 13), (fixed(2 * copied), 16)]))
        }
    }

    /// Bytes copied per second (each also read once) by memcpy over `threads` threads, in GB/s.
    ///
    /// Each timed sample copies the buffer `passes` times. A caller that compares a longer
    /// operation with this bandwidth passes enough for a sample to move as many bytes as that
    /// operation: on a shared machine the best of many short copies catches a quiet moment that
    /// a run as long as the operation rarely gets, and would measure a bandwidth burst instead.
    static func copiedGigabytesPerSecond(threads: Int, passes: Int = 1) -> Double {
        let previous = Threading.threadCount
        defer { Threading.threadCount = previous }
        Threading.threadCount = threads
        let source = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        let destination = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        defer { source.deallocate(); destination.deallocate() }
        memset(source, 1, bytes)
        memset(destination, 0, bytes)
        let chunk = bytes / threads
        let seconds = BenchmarkTiming.bestSeconds {
            for _ in 0..<passes {
                parallelChunks(count: bytes, grain: chunk) { range in
                    memcpy(destination + range.lowerBound, source + range.lowerBound, range.count)
                }
            }
        }
        return Double(passes * bytes) / seconds / 1e9
    }
}
