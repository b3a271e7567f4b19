/// Value of `f(x)` and its directional derivative along `v` (forward mode: the tangents ride
/// along with the values through every operation).
public func jvp<Scalar: TensorScalar>(
    at x: [Tensor<Scalar>], along v: [Tensor<Scalar>], of f: ([Tensor<Scalar>]) -> Tensor<Scalar>
) -> (value: Tensor<Scalar>, tangent: Tensor<Scalar>) {
    require(x.count == v.count, "\(v.count) directions for \(x.count) inputs")
    let y = f(zip(x, v).map { $0.withTangent($1) })
    return (y.detached().detachedFromTangent(), y.tangent ?? Tensor.zeros(y.shape))
}

/// Hessian-vector product H·v of the scalar `f` at `x`, by forward-over-reverse: the gradient
/// is computed with tangents attached, so its tangent is the product.
public func hessianVectorProduct<Scalar: TensorScalar>(
    at x: [Tensor<Scalar>], along v: [Tensor<Scalar>], of f: ([Tensor<Scalar>]) -> Tensor<Scalar>
) -> [Tensor<Scalar>] {
    require(x.count == v.count, "\(v.count) directions for \(x.count) inputs")
    let leaves = zip(x, v).map { $0.requiringGradient().withTangent($1) }
    let grads = f(leaves).gradients(wrt: leaves)
    return grads.map { $0.tangent ?? Tensor.zeros($0.shape) }
}

/// Hessian-vector product H·v of the scalar `f` at `x`, by reverse-over-reverse: the gradient
/// is recorded on the tape and ⟨∇f, v⟩ is differentiated again.
public func hessianVectorProductReverse<Scalar: TensorScalar>(
    at x: [Tensor<Scalar>], along v: [Tensor<Scalar>], of f: ([Tensor<Scalar>]) -> Tensor<Scalar>
) -> [Tensor<Scalar>] {
    let leaves = x.map { $0.requiringGradient() }
    let grads = f(leaves).gradients(wrt: leaves, createGraph: true)
    let inner = zip(grads, v).map { ($0 * $1).sum() }.reduce(Tensor(0), +)
    return inner.gradients(wrt: leaves)
}
