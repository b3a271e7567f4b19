import Foundation
import GraphGrad
import Testing
import _TestSupport

/// Runs `graphgrad <subcommand>` with `arguments`.
func graphgrad(_ subcommand: String, _ arguments: [String]) throws -> BinaryRun {
    try runBinary("graphgrad", [subcommand] + arguments)
}

/// A fresh empty folder, removed by the caller.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("train-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The numbers of a JSON array.
func numbers(_ report: [String: Any], _ key: String) throws -> [Double] {
    try flatNumbers(try #require(report[key], "no \(key) in \(report)"))
}

/// The number under `key`.
func number(_ report: [String: Any], _ key: String) throws -> Double {
    try #require((report[key] as? NSNumber)?.doubleValue, "no number \(key) in \(report)")
}

/// Writes karate's dataset file with `change` applied to its arrays, and returns its path.
func karateVariant(in folder: URL, named name: String, _ change: (inout NpzFile) -> Void) throws -> String {
    var npz = try NodeDataset.load(named: "karate").npz
    change(&npz)
    let url = folder.appendingPathComponent(name)
    try npz.write(to: url)
    return url.path
}

/// Runs `graphgrad` through the shell with the file-size limit set to `kibibytes`: a write
/// that would grow a file beyond it kills the process with SIGXFSZ, even for root. Returns the
/// exit status, or the signal number when `signalled`.
///
/// Spawned with SIGXFSZ's default action restored and no signal blocked: a test runner may
/// ignore or block signals, which stays so across exec (the write would fail with EFBIG
/// instead of ending the process).
func graphgradWithFileSizeLimit(kibibytes: Int, _ arguments: [String]) throws -> (status: Int32, signalled: Bool) {
    let script = "ulimit -f \(kibibytes) && exec \"$0\" \"$@\" >/dev/null 2>&1"
    let argv = ["/bin/sh", "-c", script, try builtExecutable("graphgrad").path] + arguments
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGXFSZ)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    let cArguments = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, cArguments, environ)
    try #require(spawned == 0, "posix_spawn failed: \(String(cString: strerror(spawned)))")
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // The wait status: the low 7 bits are the terminating signal, or 0 for a normal exit.
    let signal = status & 0x7f
    return signal != 0 ? (signal, true) : ((status >> 8) & 0xff, false)
}
