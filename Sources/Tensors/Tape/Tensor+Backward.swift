import CKernels
import Calculus
extension Tensor {
    /// Gradients of `self` with respect to each of `inputs` (reverse mode).
    ///
    /// - Parameters:
    ///   - seed: the cotangent of `self`; may be omitted only for a single-element tensor.
    ///   - createGraph: record the backward pass on the tape, so the gradients can be
    ///     differentiated again (second derivatives, Hessian-vector products).
    /// - Returns: one gradient per input, of the input's shape; zeros for an input `self`
    ///   does not depend on.
    @inlinable
    public func gradients(wrt inputs: [Tensor], seed: Tensor? = nil, createGraph: Bool = false) -> [Tensor] {
        let cotangents = propagateBack(seed: seed, createGraph: createGraph, wanted: inputs.map { $0.node })
        return zip(inputs, cotangents).map { input, cotangent in cotangent ?? Tensor.zeros(input.shape) }
    }

    /// Accumulates d self / d leaf into the ``grad`` of every leaf that `self` depends on,
    /// as PyTorch's `backward()` does.
    @inlinable
    public func backward(seed: Tensor? = nil, createGraph: Bool = false) {
        _ = propagateBack(seed: seed, createGraph: createGraph, wanted: []) { leaf, cotangent in
            leaf.grad = leaf.grad.map { $0 + cotangent } ?? cotangent
        }
    }

    /// The gradient accumulated into this leaf by ``backward(seed:createGraph:)``.
    @inlinable
    public var grad: Tensor? { node?.grad }

    /// Clears the gradient accumulated into this leaf.
    @inlinable
    public func zeroGrad() { node?.grad = nil }

    /// Walks the tape from `self` back to its leaves in reverse creation order.
    ///
    /// - Parameters:
    ///   - wanted: nodes whose cotangents are returned, in order (nil where none is reached).
    ///   - reportLeaf: called with each leaf reached and its cotangent.
    @inlinable
    func propagateBack(
        seed: Tensor?, createGraph: Bool, wanted: [TapeNode<Scalar>?],
        leaf reportLeaf: ((TapeNode<Scalar>, Tensor) -> Void)? = nil
    ) -> [Tensor?] {
        if let seed {
            require(seed.shape == shape, "seed of shape \(seed.shape) for an output of shape \(shape)")
        } else {
            require(
                count == 1,
                "gradient of a non-scalar output of shape \(shape) needs a seed (the output's cotangent)")
        }
        guard let root = node else { return wanted.map { _ in nil } }
        var pass = CotangentSlots(root: root)
        defer { pass.release() }
        // Cotangents are dropped once sent back, except those asked for.
        var keeps = [Bool](repeating: false, count: pass.nodes.count)
        let wantedSlots = wanted.map { $0.flatMap(pass.slot(of:)) }
        for case let slot? in wantedSlots { keeps[slot] = true }
        pass.cotangents[0] = seed ?? Tensor.ones(shape)
        let wasRecording = GradientMode.isEnabled
        gg_set_tape_recording(createGraph)
        defer { gg_set_tape_recording(wasRecording) }
        for (slot, node) in pass.nodes.enumerated() {
            guard let cotangent = keeps[slot] ? pass.cotangents[slot] : pass.cotangents[slot].take() else { continue }
            switch node.rule {
            case .leaf:
                reportLeaf?(node, cotangent)
            case let .unary(p):
                guard let x = node.lhs, let link = node.parents.first else { continue }
                pass.accumulate(Tensor.pullback(of: p, at: x, output: node.output(), cotangent: cotangent), into: link)
            case let .binary(p):
                guard let a = node.lhs, let b = node.rhs else { continue }
                let (da, db) = Tensor.pullback(of: p, at: a, b, output: node.output(), cotangent: cotangent)
                if let da, let link = node.parents.first { pass.accumulate(da, into: link) }
                if let db, let link = node.parents.second { pass.accumulate(db, into: link) }
            case .custom:
                guard let pullback = node.pullback else { continue }
                let inputCotangents = pullback(cotangent, node.output())
                for (position, g) in inputCotangents.prefix(node.parents.count).enumerated() {
                    guard let g, let link = node.parents[position] else { continue }
                    pass.accumulate(g, into: link)
                }
            }
        }
        return wantedSlots.map { $0.flatMap { pass.cotangents[$0] } }
    }
}

/// Gradients of the scalar `f(inputs)` with respect to each input.
@inlinable
public func gradient<Scalar: TensorScalar>(
    at inputs: [Tensor<Scalar>], of f: ([Tensor<Scalar>]) -> Tensor<Scalar>
) -> [Tensor<Scalar>] {
    let leaves = inputs.map { $0.requiringGradient() }
    return f(leaves).gradients(wrt: leaves)
}

/// Value and gradient of the scalar `f(x)`.
@inlinable
public func valueWithGradient<Scalar: TensorScalar>(
    at x: Tensor<Scalar>, of f: (Tensor<Scalar>) -> Tensor<Scalar>
) -> (value: Tensor<Scalar>, gradient: Tensor<Scalar>) {
    let leaf = x.requiringGradient()
    let y = f(leaf)
    return (y.detached(), y.gradients(wrt: [leaf])[0])
}
