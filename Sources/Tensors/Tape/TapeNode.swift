import Calculus
import Synchronization

/// The part of a tape node that does not depend on the element type: its place in the
/// graph. Kept non-generic so that walking and freeing the graph needs no generic metadata.
public class TapeLink: @unchecked Sendable {
    /// Creation order; reverse creation order is a topological order of the tape.
    @usableFromInline final let id: Int
    /// The node of each input of the operation; nil where that input is not on the tape.
    @usableFromInline final var parents: TapeParents
    /// The backward pass that holds this node now and the node's cotangent slot in it, packed
    /// (see ``CotangentSlots``); 0 when no pass holds it. An atomic, so that passes on other
    /// threads can tell that it is taken, and a `let`, so that reading it costs no dynamic
    /// exclusivity check.
    @usableFromInline final let claim = Atomic<Int>(0)

    @inlinable
    init(parents: TapeParents) {
        self.id = tapeNodeCount.wrappingAdd(1, ordering: .relaxed).newValue
        self.parents = parents
    }

    // A long chain (10,000 ops) would otherwise be freed by 10,000 nested deinits and
    // overflow the stack: unlink it iteratively instead. A node's rule holds its parents too
    // (its inputs' tensors); the node is freed at the end of its turn, while `next` or `stack`
    // still holds the parents, so that release never frees one. A chain passes through `next`
    // alone: appending to `stack` costs more than the rest of a node's turn.
    deinit {
        guard !parents.isEmpty else { return }
        var inputs = parents
        parents = TapeParents()
        var stack: [TapeLink] = []
        while true {
            // The first input of the node just unlinked goes next; any others wait on the stack.
            var next = inputs.first
            if let link = inputs.second {
                if next == nil { next = link } else { stack.append(link) }
            }
            for case let link? in inputs.rest {
                if next == nil { next = link } else { stack.append(link) }
            }
            inputs = TapeParents()
            guard var node = next ?? stack.popLast() else { return }
            next = nil
            if isKnownUniquelyReferenced(&node) {
                inputs = node.parents
                node.parents = TapeParents()
            }
        }
    }
}

/// The input nodes of an operation by input position. Nearly every operation has one or two
/// inputs: those are stored inline, so recording one allocates no array.
@usableFromInline
struct TapeParents {
    @usableFromInline var first: TapeLink?
    @usableFromInline var second: TapeLink?
    /// Inputs from the third on.
    @usableFromInline var rest: [TapeLink?]
    /// Number of inputs, on the tape or not.
    @usableFromInline var count: Int

    @inlinable
    init() {
        (first, second, rest, count) = (nil, nil, [], 0)
    }

    @inlinable
    init(_ first: TapeLink?) {
        (self.first, second, rest, count) = (first, nil, [], 1)
    }

    @inlinable
    init(_ first: TapeLink?, _ second: TapeLink?) {
        (self.first, self.second, rest, count) = (first, second, [], 2)
    }

    @inlinable
    init<Scalar>(of inputs: [Tensor<Scalar>]) {
        count = inputs.count
        first = count > 0 ? inputs[0].node : nil
        second = count > 1 ? inputs[1].node : nil
        rest = count > 2 ? inputs[2...].map { $0.node } : []
    }

    @inlinable
    subscript(position: Int) -> TapeLink? {
        switch position {
        case 0: return first
        case 1: return second
        default: return rest[position - 2]
        }
    }

    @inlinable
    var isEmpty: Bool { first == nil && second == nil && rest.isEmpty }

    /// Calls `body` with each input that is on the tape, in input order.
    @inlinable
    func forEach(_ body: (TapeLink) -> Void) {
        if let first { body(first) }
        if let second { body(second) }
        for case let link? in rest { body(link) }
    }
}

/// How a node sends a cotangent back. The elementwise primitives, most of a tape, keep their
/// primitive and inputs (``TapeNode/lhs``, ``TapeNode/rhs``) instead of a closure: no closure
/// context to allocate, and no array of results.
@usableFromInline
enum TapeRule {
    case leaf
    case unary(UnaryPrimitive)
    case binary(BinaryPrimitive)
    /// ``TapeNode/pullback`` computes the input cotangents.
    case custom
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
    // The rule's fields are constants: reading a class's `var` from inlinable code costs a
    // dynamic exclusivity check.
    @usableFromInline let rule: TapeRule
    /// The inputs of a unary (lhs) or binary rule.
    @usableFromInline let lhs: Tensor<Scalar>?
    @usableFromInline let rhs: Tensor<Scalar>?
    /// The pullback of a custom rule.
    @usableFromInline let pullback: Pullback?
    @usableFromInline let savedOutput: TensorStorage<Scalar>?
    @usableFromInline let savedTangent: TangentBox<Scalar>?
    /// Gradient accumulated by ``Tensor/backward(seed:createGraph:)`` (leaves only).
    @usableFromInline final var grad: Tensor<Scalar>?

    @inlinable
    init(
        shape: [Int], parents: TapeParents, rule: TapeRule, lhs: Tensor<Scalar>? = nil, rhs: Tensor<Scalar>? = nil,
        pullback: Pullback? = nil, savedOutput: TensorStorage<Scalar>?, savedTangent: TangentBox<Scalar>?
    ) {
        self.shape = shape
        self.rule = rule
        self.lhs = lhs
        self.rhs = rhs
        self.pullback = pullback
        self.savedOutput = savedOutput
        self.savedTangent = savedTangent
        super.init(parents: parents)
    }

    @inlinable
    convenience init(leafOfShape shape: [Int]) {
        self.init(shape: shape, parents: TapeParents(), rule: .leaf, savedOutput: nil, savedTangent: nil)
    }

    @inlinable
    func output() -> Tensor<Scalar> {
        Tensor(shape: shape, storage: savedOutput ?? .uninitialized(count: 0), node: self, tangentBox: savedTangent)
    }
}

/// Nodes created so far in this process; gives each node its creation order (a node is
/// always created after its parents, on any thread).
@usableFromInline
let tapeNodeCount = Atomic<Int>(0)
