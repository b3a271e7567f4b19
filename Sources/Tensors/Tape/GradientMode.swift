/// Whether operations are recorded on the tape.
///
/// The setting is task-local (thread-local outside Swift concurrency), so concurrent
/// computations, such as tests running in parallel, never switch each other's tape off.
public enum GradientMode {
    @TaskLocal static var isRecording = true

    /// Whether operations are currently recorded.
    public static var isEnabled: Bool { isRecording }

    /// Runs `body` with recording switched to `enabled`, restoring the previous mode after.
    public static func with<R>(enabled: Bool, _ body: () throws -> R) rethrows -> R {
        try $isRecording.withValue(enabled, operation: body)
    }
}

/// Runs `body` without recording anything on the tape (inference, optimizer updates).
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    try GradientMode.with(enabled: false, body)
}
