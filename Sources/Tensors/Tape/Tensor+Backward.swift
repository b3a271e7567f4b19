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
        let cotangents = propagateBack(seed: seed, createGraph: createGraph, keep: Set(inputs.compactMap { $0.node.map(ObjectIdentifier.init) }))
        return inputs.map { input in
            input.node.flatMap { cotangents[ObjectIdentifier($0)] } ?? Tensor.zeros(input.shape)
        }
    }

    /// Accumulates d self / d leaf into the ``grad`` of every leaf that `self` depends on,
    /// as PyTorch's `backward()` does.
    @inlinable
    public func backward(seed: Tensor? = nil, createGraph: Bool = false) {
        _ = propagateBack(seed: seed, createGraph: createGraph, keep: nil) { leaf, cotangent in
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
    /// - Parameter keep: nodes whose cotangent is returned (nil: keep none, report leaves).
    @inlinable
    func propagateBack(
        seed: Tensor?, createGraph: Bool, keep: Set<ObjectIdentifier>?,
        leaf reportLeaf: ((TapeNode<Scalar>, Tensor) -> Void)? = nil
    ) -> [ObjectIdentifier: Tensor] {
        if let seed {
            require(seed.shape == shape, "seed of shape \(seed.shape) for an output of shape \(shape)")
        } else {
            require(
                count == 1,
                "gradient of a non-scalar output of shape \(shape) needs a seed (the output's cotangent)")
        }
        guard let root = node else { return [:] }
        let order = Tensor.reverseTopologicalOrder(from: root)
        var cotangents: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed ?? Tensor.ones(shape)]
        let wasRecording = GradientMode.isEnabled
        gg_set_tape_recording(createGraph)
        defer { gg_set_tape_recording(wasRecording) }
        do {
            for node in order {
                let key = ObjectIdentifier(node)
                guard let cotangent = cotangents[key] else { continue }
                if keep.map({ !$0.contains(key) }) ?? true { cotangents[key] = nil }
                guard let pullback = node.pullback else {
                    reportLeaf?(node, cotangent)
                    continue
                }
                let inputCotangents = pullback(cotangent, node.output())
                for (link, g) in zip(node.parents, inputCotangents) {
                    guard let link, let g else { continue }
                    let parent = unsafeDowncast(link, to: TapeNode<Scalar>.self)
                    require(g.shape == parent.shape, "pullback produced shape \(g.shape) for an input of shape \(parent.shape)")
                    let pk = ObjectIdentifier(parent)
                    cotangents[pk] = cotangents[pk].map { $0 + g } ?? g
                }
            }
        }
        return cotangents
    }

    /// All nodes reachable from `root`, latest first: every node comes before its parents.
    @inlinable
    static func reverseTopologicalOrder(from root: TapeNode<Scalar>) -> [TapeNode<Scalar>] {
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var stack = [root]
        var nodes: [TapeNode<Scalar>] = []
        while let node = stack.popLast() {
            nodes.append(node)
            for case let link? in node.parents where seen.insert(ObjectIdentifier(link)).inserted {
                stack.append(unsafeDowncast(link, to: TapeNode<Scalar>.self))
            }
        }
        nodes.sort { $0.id > $1.id }
        return nodes
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
