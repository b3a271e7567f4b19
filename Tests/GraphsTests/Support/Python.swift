import Foundation

/// Runs `python3` scripts for the interoperability tests.
enum Python {
    /// True when `python3` runs and can import numpy; tests that need it are skipped otherwise.
    static let hasNumPy: Bool = (try? run(script: "import numpy", arguments: []))?.status == 0

    /// True when `python3` can import networkx.
    static let hasNetworkX: Bool = (try? run(script: "import networkx", arguments: []))?.status == 0

    /// Runs `script` with `python3 -c`, returning its exit status and combined output.
    static func run(script: String, arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

/// A fresh folder under the system temporary directory, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("graphgrad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
