/// Stops the program with `message` when `condition` is false, in every build configuration.
///
/// Swift's `precondition` drops its message in optimized builds; a user who passes tensors of
/// the wrong shape to a release build needs the shapes in the message all the same.
@inlinable
@inline(__always)
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
