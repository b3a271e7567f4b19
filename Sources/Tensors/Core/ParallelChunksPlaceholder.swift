/// Sequential stand-in for the threaded scheduler of the kernel layer.
@inlinable
public func parallelChunks(count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
    if count > 0 { body(0..<count) }
}
