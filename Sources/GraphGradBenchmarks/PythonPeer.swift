import Foundation

/// Runs `Benchmarks/<script>` with a Python interpreter and returns its stdout, or nil when no
/// suitable interpreter is there. Peers that need torch use GRAPHGRAD_TORCH_PYTHON (a
/// virtualenv's python, see Benchmarks/setup_torch_venv.sh); the others use python3.
func runPythonPeer(script: String, arguments: [String], needsTorch: Bool = false, environment: [String: String] = [:]) -> String? {
    let env = ProcessInfo.processInfo.environment
    let python = needsTorch ? env["GRAPHGRAD_TORCH_PYTHON"] : (env["GRAPHGRAD_PYTHON"] ?? "/usr/bin/env")
    guard let python else { return nil }
    let scriptPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Benchmarks").appendingPathComponent(script).path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = (python == "/usr/bin/env" ? ["python3"] : []) + [scriptPath] + arguments
    process.environment = env.merging(environment) { $1 }
    let output = Pipe()
    process.standardOutput = output
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
}
