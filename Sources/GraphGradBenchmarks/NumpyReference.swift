import Foundation

/// Runs Benchmarks/numpy_matmul.py in a python3 subprocess with a given BLAS thread count.
///
/// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from the subprocess environment only: some
/// machines set them to work around old OpenBLAS builds, and they force a current numpy onto a
/// slower kernel. The report names the OpenBLAS kernel that actually ran.
struct NumpyReference {
    /// What the script reported: the BLAS line and GFLOP/s per size.
    struct Report {
        var blas: String
        var gflops: [Int: Rates]
    }

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Benchmarks/numpy_matmul.py")

    /// The measurement, or why there is none (no python3, no numpy, script failed).
    static func measure(sizes: [Int], threads: Int) -> Result<Report, NumpyUnavailable> {
        guard FileManager.default.fileExists(atPath: script.path) else {
            return .failure(NumpyUnavailable(reason: "script not found at \(script.path)"))
        }
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        environment["OPENBLAS_L2_SIZE"] = nil
        environment["OPENBLAS_NUM_THREADS"] = "\(threads)"
        environment["OMP_NUM_THREADS"] = "\(threads)"

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script.path, "--sizes", sizes.map(String.init).joined(separator: ","),
            "--min-repeats", "\(BenchmarkTiming.minRepeats)", "--min-seconds", "\(BenchmarkTiming.minSeconds)",
            "--max-repeats", "\(BenchmarkTiming.maxRepeats)",
        ]
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(NumpyUnavailable(reason: "cannot start python3: \(error)"))
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: stderr, as: UTF8.self).split(separator: "\n").last ?? ""
            return .failure(NumpyUnavailable(
                reason: "python3 exited with status \(process.terminationStatus): \(message)"))
        }

        var result = Report(blas: "unknown BLAS", gflops: [:])
        for line in String(decoding: stdout, as: UTF8.self).split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                continue
            }
            if let blas = object["blas"] as? [String: Any] {
                result.blas = "numpy \(blas["numpy"] ?? "?"), OpenBLAS kernel \(blas["openblas_core"] ?? "?"), "
                    + "\(blas["threads"] ?? "?") thread(s) (read with \(blas["detected_with"] ?? "?"))"
            } else if let size = object["size"] as? Int, let wall = object["gflops"] as? Double,
                let threadCPU = object["thread_cpu_gflops"] as? Double
            {
                result.gflops[size] = Rates(wall: wall, threadCPU: threadCPU)
            }
        }
        return .success(result)
    }
}

/// Why the numpy comparison was skipped.
struct NumpyUnavailable: Error, CustomStringConvertible {
    let reason: String
    var description: String { "numpy comparison skipped: \(reason)" }
}
