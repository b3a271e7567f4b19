import Tensors

/// A trainable tensor of a ``Module``: a leaf of the tape whose gradient accumulates across
/// `backward()` calls until ``zeroGrad()``.
///
/// A class, so that a module, its optimizer and a checkpoint all refer to the same storage.
/// Optimizers write it in place through ``update(_:)``, which keeps the leaf (and so its
/// gradient) intact.
public final class Parameter<Scalar: TensorScalar> {
    /// The current value, a leaf of the tape; use it in forward computations.
    public private(set) var value: Tensor<Scalar>

    /// Creates a parameter holding `initialValue` (detached from any tape it was part of).
    public init(_ initialValue: Tensor<Scalar>) {
        value = initialValue.detached().requiringGradient()
    }

    /// The extent of each axis.
    public var shape: [Int] { value.shape }
    /// The number of elements.
    public var count: Int { value.count }

    /// The gradient accumulated by `backward()` since the last ``zeroGrad()``, if any.
    public var grad: Tensor<Scalar>? { value.grad }

    /// Replaces the accumulated gradient (nil clears it).
    public func setGrad(_ gradient: Tensor<Scalar>?) { value.setGrad(gradient) }

    /// Clears the accumulated gradient.
    public func zeroGrad() { value.zeroGrad() }

    /// Rewrites the elements in place without recording anything on the tape.
    public func update<R>(_ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try value.withUnsafeMutableScalars { try body($0) }
    }

    /// Runs `body` with ``value`` temporarily replaced by `substitute` (which may be any tensor
    /// on the tape), then puts the parameter back.
    func substituting<R>(_ substitute: Tensor<Scalar>, _ body: () throws -> R) rethrows -> R {
        require(substitute.shape == shape, "substituting shape \(substitute.shape) for a parameter of shape \(shape)")
        let original = value
        value = substitute
        defer { value = original }
        return try body()
    }

    /// Overwrites the elements with `newValue`, which must have this parameter's shape.
    public func assign(_ newValue: Tensor<Scalar>) {
        require(newValue.shape == shape, "assigning shape \(newValue.shape) to a parameter of shape \(shape)")
        newValue.withUnsafePointer { source in
            update { $0.baseAddress?.update(from: source, count: $0.count) }
        }
    }
}

/// A tensor of a ``Module`` that is state but not trained, such as batch normalization's
/// running statistics: saved in checkpoints, never seen by optimizers.
public final class Buffer<Scalar: TensorScalar> {
    /// The current value (never on the tape).
    public private(set) var value: Tensor<Scalar>

    /// Creates a buffer holding `initialValue`.
    public init(_ initialValue: Tensor<Scalar>) {
        value = initialValue.detached()
    }

    /// Replaces the value with `newValue` (detached), which must have the buffer's shape.
    public func assign(_ newValue: Tensor<Scalar>) {
        require(newValue.shape == value.shape, "assigning shape \(newValue.shape) to a buffer of shape \(value.shape)")
        value = newValue.detached()
    }
}
