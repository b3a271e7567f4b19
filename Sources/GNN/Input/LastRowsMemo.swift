import Foundation

/// The value derived for the rows of a graph context last asked for, kept while the same ones
/// come back: training asks for the same labelled rows every epoch. Safe to use from several
/// threads.
final class LastRowsMemo<Value>: @unchecked Sendable {
    private let lock = NSLock()
    /// The context is held (not just its identity), so that a new one at the same address
    /// never matches.
    private var last: (context: AnyObject, rows: [Int], value: Value)?

    /// The value for `rows` of `context`, built by `build` unless they are the ones asked for last.
    func value(on context: AnyObject, rows: [Int], _ build: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.context === context, last.rows == rows { return last.value }
        let value = build()
        last = (context, rows, value)
        return value
    }
}
