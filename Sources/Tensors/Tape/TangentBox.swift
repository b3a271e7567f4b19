import Calculus
/// Holds a tensor's forward-mode tangent; a class, because a struct cannot contain itself.
public final class TangentBox<Scalar: TensorScalar>: @unchecked Sendable {
    @usableFromInline let value: Tensor<Scalar>
    @usableFromInline init(_ value: Tensor<Scalar>) { self.value = value }
}

extension Tensor {
    /// The forward-mode tangent attached to this tensor, if any.
    @inlinable
    public var tangent: Tensor? { tangentBox?.value }

    /// This tensor with `tangent` attached: every operation on it also computes the directional
    /// derivative of its result along `tangent` (a dual tensor, `x + ẋε`).
    @inlinable
    public func withTangent(_ tangent: Tensor) -> Tensor {
        require(tangent.shape == shape, "tangent of shape \(tangent.shape) for a tensor of shape \(shape)")
        return Tensor(shape: shape, storage: storage, node: node, tangentBox: TangentBox(tangent.detachedFromTangent()))
    }

    /// The same tensor without its tangent (the tape is kept).
    @inlinable
    public func detachedFromTangent() -> Tensor {
        Tensor(shape: shape, storage: storage, node: node, tangentBox: nil)
    }
}
