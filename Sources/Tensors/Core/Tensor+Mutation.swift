extension Tensor {
    /// Rewrites the elements in place, keeping this tensor's node on the tape.
    ///
    /// A leaf that an optimizer updates must stay the same leaf: its identity (and so the
    /// gradient that ``backward(seed:createGraph:)`` accumulates into it) lives in the node,
    /// which an ordinary reassignment through tensor operations would replace. Copies of this
    /// tensor made earlier (for instance, captured by a tape still alive) keep their old
    /// values: the storage is copied on write.
    @inlinable
    public mutating func withUnsafeMutableScalars<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        if isKnownUniquelyReferenced(&storage) {
            storage.forgetArray()
        } else {
            storage = withUnsafePointer { .copying(UnsafeBufferPointer(start: $0, count: count)) }
        }
        var buffer = UnsafeMutableBufferPointer(start: storage.base, count: count)
        return try withExtendedLifetime(storage) { try body(&buffer) }
    }

    /// Replaces the gradient accumulated into this leaf (nil clears it), as gradient clipping
    /// does.
    ///
    /// - Precondition: this tensor requires gradients and `gradient` has its shape.
    @inlinable
    public func setGrad(_ gradient: Tensor?) {
        require(node != nil, "setGrad on a tensor that does not require gradients")
        if let gradient {
            require(gradient.shape == shape, "gradient of shape \(gradient.shape) for a leaf of shape \(shape)")
        }
        node?.grad = gradient
    }
}
