/// Measures of expression size.
extension Expression {
    /// The number of distinct nodes: a subexpression shared by several parents counts once.
    public var nodeCount: Int { Expression.nodeCount(of: [self]) }

    /// The number of distinct nodes of several expressions together (a gradient's
    /// components), each shared subexpression counted once across all of them.
    public static func nodeCount(of expressions: [Expression]) -> Int {
        var seen: Set<ObjectIdentifier> = []
        var stack = expressions
        while let e = stack.popLast() {
            guard seen.insert(ObjectIdentifier(e.node)).inserted else { continue }
            stack.append(contentsOf: e.children)
        }
        return seen.count
    }

    /// The number of nodes of the expression written out as a tree (every occurrence counts),
    /// saturating at `Int.max` for DAGs whose tree form is astronomically large.
    public var treeSize: Int {
        var memo: [ObjectIdentifier: Int] = [:]
        func size(_ e: Expression) -> Int {
            if let known = memo[ObjectIdentifier(e.node)] { return known }
            var total = 1
            for child in e.children {
                let (sum, overflow) = total.addingReportingOverflow(size(child))
                total = overflow ? .max : sum
            }
            memo[ObjectIdentifier(e.node)] = total
            return total
        }
        return size(self)
    }

    /// The direct subexpressions, in order.
    public var children: [Expression] {
        switch kind {
        case .number, .variable, .constant: return []
        case .sum(let c), .product(let c): return c
        case .power(let a, let b), .binary(_, let a, let b): return [a, b]
        case .unary(_, let a): return [a]
        }
    }
}
