import Synchronization

/// A tensor's record on the tape: which tensors it was computed from and how to send a
/// cotangent back to them.
///
/// Nodes point only at their inputs, never at their outputs, so a graph is freed as soon as
/// the last tensor computed from it is gone.
public final class TapeNode<Scalar: TensorScalar>: @unchecked Sendable {
    /// Sends the output's cotangent back: one cotangent per input (nil where an input does not
    /// require gradients or receives none). The second argument is the op's output, rebuilt
    /// from ``savedOutput`` for rules written in terms of it (exp, tanh, sigmoid, ...).
    @usableFromInline
    typealias Pullback = (_ cotangent: Tensor<Scalar>, _ output: Tensor<Scalar>) -> [Tensor<Scalar>?]

    /// Creation order; reverse creation order is a topological order of the tape.
    @usableFromInline let id: Int
    @usableFromInline let shape: [Int]
    @usableFromInline var parents: [TapeNode?]
    @usableFromInline var pullback: Pullback?
    @usableFromInline let savedOutput: [Scalar]?
    @usableFromInline let savedTangent: TangentBox<Scalar>?
    /// Gradient accumulated by ``Tensor/backward(seed:createGraph:)`` (leaves only).
    @usableFromInline var grad: Tensor<Scalar>?

    init(
        shape: [Int], parents: [TapeNode?], pullback: Pullback?, savedOutput: [Scalar]?,
        savedTangent: TangentBox<Scalar>?
    ) {
        self.id = tapeNodeCount.wrappingAdd(1, ordering: .relaxed).newValue
        self.shape = shape
        self.parents = parents
        self.pullback = pullback
        self.savedOutput = savedOutput
        self.savedTangent = savedTangent
    }

    convenience init(leafOfShape shape: [Int]) {
        self.init(shape: shape, parents: [], pullback: nil, savedOutput: nil, savedTangent: nil)
    }

    // A long chain (10,000 ops) would otherwise be freed by 10,000 nested deinits and
    // overflow the stack: unlink it iteratively instead.
    deinit {
        guard !parents.isEmpty else { return }
        var stack = parents.compactMap { $0 }
        parents = []
        pullback = nil
        while var node = stack.popLast() {
            if isKnownUniquelyReferenced(&node) {
                stack.append(contentsOf: node.parents.compactMap { $0 })
                node.parents = []
                node.pullback = nil
            }
        }
    }

    var isLeaf: Bool { pullback == nil }

    func output() -> Tensor<Scalar> {
        Tensor(shape: shape, scalars: savedOutput ?? [], node: self, tangentBox: savedTangent)
    }
}

/// Nodes created so far in this process; gives each node its creation order (a node is
/// always created after its parents, on any thread).
let tapeNodeCount = Atomic<Int>(0)
