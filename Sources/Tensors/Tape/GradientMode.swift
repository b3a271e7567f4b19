import CKernels

/// Whether operations are recorded on the tape.
///
/// The setting is per thread, so concurrent computations, such as tests running in parallel,
/// never switch each other's tape off.
public enum GradientMode {
    /// Whether operations are currently recorded on this thread.
    @inlinable
    public static var isEnabled: Bool { gg_tape_recording() }

    /// Runs `body` with recording switched to `enabled`, restoring the previous mode after.
    @inlinable
    public static func with<R>(enabled: Bool, _ body: () throws -> R) rethrows -> R {
        let previous = gg_tape_recording()
        gg_set_tape_recording(enabled)
        defer { gg_set_tape_recording(previous) }
        return try body()
    }
}

/// Runs `body` without recording anything on the tape (inference, optimizer updates).
@inlinable
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    try GradientMode.with(enabled: false, body)
}
