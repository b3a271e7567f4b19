import Foundation

/// What a finished run of a command-line program printed and how it ended.
public struct BinaryRun: Sendable, CustomStringConvertible {
    /// Everything written to standard output.
    public let standardOutput: String
    /// Everything written to standard error.
    public let standardError: String
    /// The exit status, or the signal number when ``terminatedBySignal``.
    public let exitCode: Int32
    /// Whether the program was killed by a signal (a trap or crash) instead of exiting.
    public let terminatedBySignal: Bool

    /// Whether the output shows a crash: a signal, or the runtime's trap messages.
    public var crashed: Bool {
        terminatedBySignal || ["Fatal error", "Stack dump", "Illegal instruction", "Segmentation fault"]
            .contains { standardError.contains($0) }
    }

    /// The last non-empty line of standard output.
    public var lastLine: String {
        standardOutput.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// The exit code and both streams, for failure messages.
    public var description: String {
        "exit \(exitCode)\(terminatedBySignal ? " (signal)" : "")\n--- stdout\n\(standardOutput)--- stderr\n\(standardError)"
    }
}

/// Why a program could not be run.
public enum RunBinaryError: Error, CustomStringConvertible {
    /// No built executable of this name was found in any of the searched folders.
    case notFound(name: String, searched: [String])

    public var description: String {
        switch self {
        case .notFound(let name, let searched):
            return "no executable '\(name)' in \(searched.joined(separator: ", ")); build the package's products first"
        }
    }
}

/// The folders where SwiftPM puts the package's built products, nearest first.
///
/// Tests run inside a test runner that SwiftPM builds into the products folder of the
/// configuration (`.build/<triple>/debug` or `/release`); on Linux it is an executable
/// (`…PackageTests.xctest`) in that folder, elsewhere a bundle inside it. Either way the
/// products folder holds the runner or its bundle.
public func productsDirectories() -> [URL] {
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
        candidates.append(executable.deletingLastPathComponent())
    }
    let bundle = Bundle.main.bundleURL.resolvingSymlinksInPath()
    candidates.append(bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
    for bundle in Bundle.allBundles.map({ $0.bundleURL.resolvingSymlinksInPath() }) where bundle.pathExtension == "xctest" {
        candidates.append(bundle.deletingLastPathComponent())
    }
    var unique: [URL] = []
    for url in candidates where !unique.contains(url) { unique.append(url) }
    return unique
}

/// The built executable `name` next to the test runner.
public func builtExecutable(_ name: String) throws -> URL {
    let folders = productsDirectories()
    for folder in folders {
        let url = folder.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    throw RunBinaryError.notFound(name: name, searched: folders.map(\.path))
}

/// Runs the built executable `name` with `arguments` and waits for it to finish.
///
/// Both streams go to temporary files rather than pipes, so a program that writes much to one
/// stream cannot block while the other is being read.
public func runBinary(_ name: String, _ arguments: [String]) throws -> BinaryRun {
    let executable = try builtExecutable(name)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outURL = folder.appendingPathComponent("stdout")
    let errURL = folder.appendingPathComponent("stderr")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    defer { try? out.close(); try? err.close() }

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    return BinaryRun(
        standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
        standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
        exitCode: process.terminationStatus,
        terminatedBySignal: process.terminationReason == .uncaughtSignal)
}
