import Foundation

/// The storage of one interned ``Expression`` node.
///
/// Nodes are immutable. A process-wide table maps each canonical shape (the kind, with
/// children named by their node ids) to its live node, holding it weakly: a node that no
/// expression uses any more is freed and leaves the table in its `deinit`.
final class ExpressionNode: @unchecked Sendable {
    let kind: Expression.Kind
    /// Unique for the life of the process, never reused, so ids in table keys cannot alias.
    let id: Int
    let freeVariables: Set<String>

    private init(kind: Expression.Kind, id: Int) {
        self.kind = kind
        self.id = id
        switch kind {
        case .number, .constant: freeVariables = []
        case .variable(let name): freeVariables = [name]
        case .sum(let children), .product(let children):
            freeVariables = children.reduce(into: []) { $0.formUnion($1.node.freeVariables) }
        case .power(let a, let b), .binary(_, let a, let b):
            freeVariables = a.node.freeVariables.union(b.node.freeVariables)
        case .unary(_, let a): freeVariables = a.node.freeVariables
        }
    }

    deinit {
        ExpressionNode.table.remove(InternKey(kind), id: id)
    }

    /// The live node of shape `kind`, created if there is none.
    static func intern(_ kind: Expression.Kind) -> ExpressionNode {
        table.node(for: InternKey(kind)) { ExpressionNode(kind: kind, id: $0) }
    }

    private static let table = InternTable()
}

/// A node's shape with children replaced by their ids: hashing and comparing it never
/// touches (or retains) the children themselves.
private enum InternKey: Hashable {
    case number(SymbolicNumber)
    case variable(String)
    case constant(MathematicalConstant)
    case sum([Int])
    case product([Int])
    case power(Int, Int)
    case unary(UnaryPrimitive, Int)
    case binary(BinaryPrimitive, Int, Int)

    init(_ kind: Expression.Kind) {
        switch kind {
        case .number(let n): self = .number(n)
        case .variable(let name): self = .variable(name)
        case .constant(let c): self = .constant(c)
        case .sum(let terms): self = .sum(terms.map(\.node.id))
        case .product(let factors): self = .product(factors.map(\.node.id))
        case .power(let a, let b): self = .power(a.node.id, b.node.id)
        case .unary(let f, let a): self = .unary(f, a.node.id)
        case .binary(let f, let a, let b): self = .binary(f, a.node.id, b.node.id)
        }
    }
}

/// The weak intern table, guarded by a lock because expressions may be built on any thread.
private final class InternTable: @unchecked Sendable {
    private final class WeakNode {
        weak var node: ExpressionNode?
        let id: Int
        init(_ node: ExpressionNode) {
            self.node = node
            id = node.id
        }
    }

    private let lock = NSLock()
    private var nodes: [InternKey: WeakNode] = [:]
    private var nextID = 0

    func node(for key: InternKey, create: (Int) -> ExpressionNode) -> ExpressionNode {
        lock.lock()
        defer { lock.unlock() }
        if let existing = nodes[key]?.node { return existing }
        let node = create(nextID)
        nextID += 1
        nodes[key] = WeakNode(node)
        return node
    }

    func remove(_ key: InternKey, id: Int) {
        lock.lock()
        defer { lock.unlock() }
        // A dying node may already have been replaced by a fresh one of the same shape.
        if nodes[key]?.id == id { nodes[key] = nil }
    }
}
