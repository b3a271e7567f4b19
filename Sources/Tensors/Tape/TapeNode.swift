import Calculus
import Synchronization

/// The part of a tape node that does not depend on the element type: its place in the
/// graph. Kept non-generic so that walking and freeing the graph needs no generic metadata.
public class TapeLink: @unchecked Sendable {
    /// Creation order; reverse creation order is a topological order of the tape.
    @usableFromInline let id: Int
    /// One entry per input of the operation; nil where that input is not on the tape.
    @usableFromInline var parents: [TapeLink?]

    @usableFromInline
    init(parents: [TapeLink?]) {
        self.id = tapeNodeCount.wrappingAdd(1, ordering: .relaxed).newValue
        self.parents = parents
    }

    /// Releases what the node's pullback captured (overridden by the typed node).
    func dropCaptures() {}

    // A long chain (10,000 ops) would otherwise be freed by 10,000 nested deinits and
    // overflow the stack: unlink it iteratively instead. Each node's captures hold its
    // parents too, so they are dropped while the parents are still held by `stack`.
    deinit {
        guard !parents.isEmpty else { return }
        var stack: [TapeLink] = []
        for case let parent? in parents { stack.append(parent) }
        parents = []
        while var node = stack.popLast() {
            if isKnownUniquelyReferenced(&node) {
                for case let parent? in node.parents { stack.append(parent) }
                node.parents = []
                node.dropCaptures()
            }
        }
    }
}

/// A tensor's record on the tape: which tensors it was computed from and how to send a
/// cotangent back to them.
///
/// Nodes point only at their inputs, never at their outputs, so a graph is freed as soon as
/// the last tensor computed from it is gone.
public final class TapeNode<Scalar: TensorScalar>: TapeLink, @unchecked Sendable {
    /// Sends the output's cotangent back: one cotangent per input (nil where an input does not
    /// require gradients or receives none). The second argument is the op's output, rebuilt
    /// from ``savedOutput`` for rules written in terms of it (exp, tanh, sigmoid, ...).
    @usableFromInline
    typealias Pullback = (_ cotangent: Tensor<Scalar>, _ output: Tensor<Scalar>) -> [Tensor<Scalar>?]

    @usableFromInline let shape: [Int]
    @usableFromInline var pullback: Pullback?
    @usableFromInline let savedOutput: [Scalar]?
    @usableFromInline let savedTangent: TangentBox<Scalar>?
    /// Gradient accumulated by ``Tensor/backward(seed:createGraph:)`` (leaves only).
    @usableFromInline var grad: Tensor<Scalar>?

    @usableFromInline
    init(
        shape: [Int], parents: [TapeLink?], pullback: Pullback?, savedOutput: [Scalar]?,
        savedTangent: TangentBox<Scalar>?
    ) {
        self.shape = shape
        self.pullback = pullback
        self.savedOutput = savedOutput
        self.savedTangent = savedTangent
        super.init(parents: parents)
    }

    @usableFromInline
    convenience init(leafOfShape shape: [Int]) {
        self.init(shape: shape, parents: [], pullback: nil, savedOutput: nil, savedTangent: nil)
    }

    override func dropCaptures() { pullback = nil }

    @usableFromInline
    var isLeaf: Bool { pullback == nil }

    @inlinable
    func output() -> Tensor<Scalar> {
        Tensor(shape: shape, scalars: savedOutput ?? [], node: self, tangentBox: savedTangent)
    }
}

/// Nodes created so far in this process; gives each node its creation order (a node is
/// always created after its parents, on any thread).
@usableFromInline
let tapeNodeCount = Atomic<Int>(0)
