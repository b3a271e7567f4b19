import CKernels
import Dispatch

/// Process-wide settings of the multithreaded kernels.
public enum Threading {
    /// Number of threads the kernels may use (default: the processors this process may run on).
    /// Results never depend on it (see `parallelChunks`). Thread-safe to read and set; must be ≥ 1.
    // Read once: asking the kernel for the affinity mask is a system call, and the thread
    // count is consulted on every kernel launch.
    private static let availableProcessors = Int(gg_available_processors())

    public static var threadCount: Int {
        get {
            let setting = Int(gg_thread_count())
            return setting > 0 ? setting : availableProcessors
        }
        set {
            require(newValue >= 1, "Threading.threadCount must be at least 1, got \(newValue)")
            gg_set_thread_count(Int64(newValue))
        }
    }
}

/// Runs `body` over `0..<count` cut into chunks `[i·grain, min((i+1)·grain, count))`.
///
/// The chunk boundaries depend only on `count` and `grain`, never on the thread count, so a body
/// whose per-chunk work is deterministic gives bitwise identical results on 1 or N threads. With
/// `Threading.threadCount > 1` and more than one chunk, chunks run concurrently on up to
/// `threadCount` workers that take the next unclaimed chunk; otherwise they run in order on the
/// calling thread. `body` must therefore be safe to call concurrently for disjoint chunks; callers
/// pick `grain` so that a chunk is worth a thread hand-off (a single chunk never leaves the caller).
public func parallelChunks(count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
    require(grain >= 1, "parallelChunks grain must be at least 1, got \(grain)")
    guard count > 0 else { return }
    let chunks = (count - 1) / grain + 1
    let workers = chunks == 1 ? 1 : min(Threading.threadCount, chunks)
    guard workers > 1 else {
        for index in 0..<chunks { body(index * grain..<min(count, (index + 1) * grain)) }
        return
    }
    // Workers only touch disjoint chunks and the atomic counter; the box states that for the
    // compiler, which cannot see it through the non-Sendable body.
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendable((body: body, next: UnsafeMutablePointer<Int64>.allocate(capacity: 1)))
        shared.value.next.initialize(to: 0)
        defer { shared.value.next.deallocate() }
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = Int(gg_fetch_increment(shared.value.next))
                guard index < chunks else { return }
                shared.value.body(index * grain..<min(count, (index + 1) * grain))
            }
        }
    }
}

/// Carries values the caller guarantees are used without data races into a `@Sendable` closure.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
