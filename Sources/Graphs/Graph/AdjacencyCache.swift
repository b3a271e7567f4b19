import Foundation

/// Holds a graph's compressed adjacency once built, shared by every copy of the graph.
///
/// `Graph` is an immutable value, so the cache can never go stale; the lock makes the first,
/// lazy build safe when several threads ask at once (each form is built exactly once).
final class AdjacencyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var bySource: CompressedAdjacency?
    private var byTarget: CompressedAdjacency?

    func outgoing(build: () -> CompressedAdjacency) -> CompressedAdjacency {
        lock.lock()
        defer { lock.unlock() }
        if let bySource { return bySource }
        let built = build()
        bySource = built
        return built
    }

    func incoming(build: () -> CompressedAdjacency) -> CompressedAdjacency {
        lock.lock()
        defer { lock.unlock() }
        if let byTarget { return byTarget }
        let built = build()
        byTarget = built
        return built
    }
}
