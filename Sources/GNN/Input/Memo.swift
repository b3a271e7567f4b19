import Foundation

/// Values derived once from immutable inputs and kept by name, safe to fill from several
/// threads. The lock is recursive so that a value may be derived from another memoized one.
final class Memo: @unchecked Sendable {
    private let lock = NSRecursiveLock()
    private var values: [String: Any] = [:]

    /// The value stored under `key`, built by `build` on the first request.
    func value<Value>(_ key: String, _ build: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored = values[key] as? Value { return stored }
        let built = build()
        values[key] = built
        return built
    }
}
