import Foundation
import GraphGrad

/// `graphgrad-bench spmm`: sum-aggregation SpMM on a random graph with 1M nodes, 10M edges and
/// 64 Float32 features, against scipy.sparse (`csr @ dense`) on the same graph in the same run,
/// and against the memory-bandwidth floor.
func runSpmmBenchmark() {
    SpmmBenchmark.run()
}

enum SpmmBenchmark {
    static let nodeCount = 1_000_000
    static let edgeCount = 10_000_000
    static let features = 64

    static func run() {
        let allThreads = Threading.threadCount
        defer { Threading.threadCount = allThreads }
        let (graph, x) = makeProblem()
        // Build the cached CSC outside the timings: it is shared by every later product.
        _ = graph.csc

        // Byte model: what one product must move at the least. indptr (8 B per node) and
        // indices (4 B per edge) are streamed once; every edge reads its source's feature row
        // (F·4 B), from DRAM since the rows are picked at random from a 256 MB matrix; the
        // output (F·4 B per node) is written once.
        let n = Double(nodeCount), e = Double(edgeCount), f = Double(features)
        let bytes = 8 * (n + 1) + 4 * e + 4 * e * f + 4 * n * f
        // A timed copy moves at least as many bytes as a product, so both are timed over about
        // as long (see CopyBenchmark.copiedGigabytesPerSecond).
        let copyPasses = Int((bytes / Double(2 * CopyBenchmark.bytes)).rounded(.up))
        print("GraphGrad SpMM benchmark: sum over incoming edges, \(nodeCount) nodes, \(edgeCount) edges "
            + "(uniform random endpoints, SplitMix64 seed 2024), \(features) Float32 features")
        print("byte model: indptr 8(N+1) + indices 4E + gathered rows 4EF + output 4NF = "
            + "\(fixed(bytes / 1e9, 2)) GB per product; floor = bytes ÷ memcpy read+write bandwidth, each timed copy "
            + "moving \(copyPasses) × 2 × \(CopyBenchmark.bytes >> 20) MiB ≥ the same bytes")
        print("timing: best of ≥\(BenchmarkTiming.minRepeats) runs and ≥\(BenchmarkTiming.minSeconds) s after a warm-up\n")

        var checksum = (sum: 0.0, squares: 0.0)
        var results: [(threads: Int, seconds: Double, copy: Double)] = []
        for threads in Array(Set([1, 2, allThreads])).sorted() {
            Threading.threadCount = threads
            var y = Tensor<Float>.zeros([0])
            let seconds = BenchmarkTiming.bestSeconds { y = spmm(graph, x) }
            checksum = y.scalars.reduce(into: (0.0, 0.0)) { $0.0 += Double($1); $0.1 += Double($1) * Double($1) }
            results.append((threads, seconds, 2 * CopyBenchmark.copiedGigabytesPerSecond(threads: threads, passes: copyPasses)))
        }

        let scipy = scipyReference(graph: graph, x: x)
        print(row([("threads", 9), ("ms", 9), ("GB/s", 8), ("memcpy GB/s", 13), ("of floor", 10), ("vs scipy", 10)]))
        for result in results {
            let floor = bytes / (result.copy * 1e9)
            let ratio = scipy.map { $0.seconds / result.seconds }
            print(row([
                ("\(result.threads)", 9), (fixed(result.seconds * 1e3), 9), (fixed(bytes / result.seconds / 1e9), 8),
                (fixed(result.copy), 13), (fixed(100 * floor / result.seconds) + "%", 10),
                (ratio.map { fixed($0, 2) + "×" } ?? "-", 10),
            ]))
        }
        switch scipy {
        case .some(let reference):
            print("\nscipy \(reference.version) csr @ dense (single-threaded), nnz \(reference.nnz): "
                + "\(fixed(reference.seconds * 1e3)) ms, \(fixed(bytes / reference.seconds / 1e9)) GB/s")
            print("checksums: Σy = \(checksum.sum) (GraphGrad) vs \(reference.sum) (scipy); "
                + "Σy² = \(checksum.squares) vs \(reference.squares)")
        case .none:
            break
        }
    }

    /// The seeded random graph and features.
    static func makeProblem() -> (Graph, Tensor<Float>) {
        var generator = SplitMix64(seed: 2024)
        let source = (0..<edgeCount).map { _ in Int32(truncatingIfNeeded: generator.next() % UInt64(nodeCount)) }
        let target = (0..<edgeCount).map { _ in Int32(truncatingIfNeeded: generator.next() % UInt64(nodeCount)) }
        let scalars = (0..<(nodeCount * features)).map { _ in Float(generator.nextUniform() * 2 - 1) }
        do {
            return (try Graph(nodeCount: nodeCount, source: source, target: target),
                    Tensor(shape: [nodeCount, features], scalars: scalars))
        } catch {
            preconditionFailure("the generated graph is valid by construction: \(error)")
        }
    }

    struct ScipyResult {
        var version: String
        var nnz: Int
        var seconds: Double
        var sum: Double
        var squares: Double
    }

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Benchmarks/scipy_spmm.py")

    /// Writes the problem to a temporary folder and times scipy on it; nil (with the reason
    /// printed) when python3 or scipy is missing.
    static func scipyReference(graph: Graph, x: Tensor<Float>) -> ScipyResult? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("graphgrad-spmm-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try graph.source.withUnsafeBytes { try Data($0).write(to: folder.appendingPathComponent("source.i32")) }
            try graph.target.withUnsafeBytes { try Data($0).write(to: folder.appendingPathComponent("target.i32")) }
            try x.scalars.withUnsafeBytes { try Data($0).write(to: folder.appendingPathComponent("x.f32")) }
        } catch {
            print("scipy comparison skipped: cannot write the problem: \(error)")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script.path, "--dir", folder.path, "--nodes", "\(nodeCount)", "--features", "\(features)",
            "--min-repeats", "\(BenchmarkTiming.minRepeats)", "--min-seconds", "\(BenchmarkTiming.minSeconds)",
            "--max-repeats", "\(BenchmarkTiming.maxRepeats)",
        ]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            print("scipy comparison skipped: cannot start python3: \(error)")
            return nil
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let object = try? JSONSerialization.jsonObject(with: stdout) as? [String: Any],
            let seconds = object["seconds"] as? Double
        else {
            let message = String(decoding: stderr, as: UTF8.self).split(separator: "\n").last ?? ""
            print("scipy comparison skipped: python3 exited with status \(process.terminationStatus): \(message)")
            return nil
        }
        return ScipyResult(
            version: object["scipy"] as? String ?? "?", nnz: object["nnz"] as? Int ?? 0, seconds: seconds,
            sum: object["sum"] as? Double ?? .nan, squares: object["sum_of_squares"] as? Double ?? .nan)
    }
}
