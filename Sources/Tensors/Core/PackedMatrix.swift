/// A constant matrix that keeps the packed panels its products make, so that multiplying it
/// again (every training step) skips the packing.
///
/// The products ``Tensor/matmul(_:_:transposingA:)`` make with it give the same bits as
/// ``Tensor/matmul(_:_:transposingA:transposingB:)`` with ``value``; only the packing work is
/// saved. No gradient flows to the matrix, so it must not require one.
public final class PackedMatrix<Scalar: TensorScalar>: @unchecked Sendable {
    /// The matrix, `[rows, columns]`.
    public let value: Tensor<Scalar>
    /// Its panels, one set per orientation and kernel family it has been multiplied in.
    let panels = GemmPanelCache<Scalar>()

    /// Keeps `value`, a rank-2 tensor off the tape and without a tangent.
    public init(_ value: Tensor<Scalar>) {
        require(value.rank == 2, "PackedMatrix needs a matrix, got shape \(value.shape)")
        require(!value.requiresGradient && value.tangent == nil, "PackedMatrix holds constants, not a differentiated tensor")
        self.value = value
    }
}
