/// Symbolic differentiation by the chain rule, asking the project's single rule table
/// (``UnaryPrimitive/derivative(at:output:)``, ``BinaryPrimitive/partials(at:_:output:)``)
/// for every local derivative.
extension Expression {
    /// ∂self/∂`variable`, simplified.
    ///
    /// Each distinct node of the DAG is differentiated once (memoized by identity), so a
    /// subexpression shared n times costs one derivative, not n.
    public func derivative(wrt variable: String) -> Expression {
        var differentiator = Differentiator(variable: variable, splits: SplitCache())
        return differentiator.derivative(of: self)
    }

    /// The `order`-th derivative with respect to `variable` (`order` ≥ 0; 0 gives `self`).
    public func derivative(wrt variable: String, order: Int) -> Expression {
        precondition(order >= 0, "derivative order must be non-negative, got \(order)")
        var result = self
        for _ in 0..<order { result = result.derivative(wrt: variable) }
        return result
    }

    /// The partial derivatives with respect to each of `variables`, in order.
    public func gradient(wrt variables: [String]) -> [Expression] {
        let splits = SplitCache()
        return variables.map {
            var differentiator = Differentiator(variable: $0, splits: splits)
            return differentiator.derivative(of: self)
        }
    }

    /// The matrix of second partials `H[i][j] = ∂²self/∂v_i∂v_j`.
    ///
    /// The upper triangle is differentiated and mirrored: mixed partials of these (piecewise)
    /// smooth primitives commute, and mirroring makes the result exactly symmetric.
    public func hessian(wrt variables: [String]) -> [[Expression]] {
        let first = gradient(wrt: variables)
        let splits = SplitCache()
        var rows = Array(repeating: Array(repeating: Expression.zero, count: variables.count), count: variables.count)
        for i in variables.indices {
            var differentiator = Differentiator(variable: variables[i], splits: splits)
            for j in i..<variables.count {
                // ∂/∂v_i of ∂f/∂v_j: one memo per variable serves the whole row.
                rows[i][j] = differentiator.derivative(of: first[j])
                rows[j][i] = rows[i][j]
            }
        }
        return rows
    }
}

/// Forward differentiation of a DAG with respect to one variable, memoized per node.
private struct Differentiator {
    let variable: String
    let splits: SplitCache
    /// Keyed by nodes of the DAG being differentiated, which the caller keeps alive.
    var memo: [ObjectIdentifier: Expression] = [:]

    init(variable: String, splits: SplitCache) {
        self.variable = variable
        self.splits = splits
    }

    mutating func derivative(of e: Expression) -> Expression {
        guard e.node.freeVariables.contains(variable) else { return .zero }
        let key = ObjectIdentifier(e.node)
        if let known = memo[key] { return known }
        let result = computeDerivative(of: e)
        memo[key] = result
        return result
    }

    private mutating func computeDerivative(of e: Expression) -> Expression {
        switch e.kind {
        case .number, .constant:
            return .zero
        case .variable(let name):
            return name == variable ? .one : .zero
        case .sum(let terms):
            return foldDerivative(terms, primitive: .add, output: e)
        case .product(let factors):
            return foldDerivative(factors, primitive: .multiply, output: e)
        case .power(let base, let exponent):
            return binaryDerivative(.pow, base, exponent, output: e)
        case .binary(let f, let a, let b):
            return binaryDerivative(f, a, b, output: e)
        case .unary(let f, let argument):
            let inner = derivative(of: argument)
            return inner.isZero ? .zero : f.derivative(at: argument, output: e) * inner
        }
    }

    /// d f(a, b) = ∂f/∂a · da + ∂f/∂b · db, skipping a partial whose factor is zero (so that
    /// `x^3` never asks for `log x`, which the exponent's partial would bring in).
    private mutating func binaryDerivative(
        _ f: BinaryPrimitive, _ a: Expression, _ b: Expression, output: Expression
    ) -> Expression {
        let da = derivative(of: a)
        let db = derivative(of: b)
        if da.isZero && db.isZero { return .zero }
        let (pa, pb) = f.partials(at: a, b, output: output)
        if db.isZero { return pa * da }
        if da.isZero { return pb * db }
        return pa * da + pb * db
    }

    /// An n-ary sum or product differentiated as a balanced binary tree of the primitive,
    /// with its partials at each join: `d(L ∘ R) = ∂L · dL + ∂R · dR`.
    ///
    /// A half that does not depend on the variable contributes nothing and is not entered, so
    /// a sum of n terms of which one varies costs O(log n) joins. The halves themselves are
    /// the same for every variable and are kept in ``SplitCache``, shared by all the partials
    /// of a gradient or Hessian: a Rosenbrock sum in 1000 variables is split once, not 1000
    /// times.
    private mutating func foldDerivative(
        _ children: [Expression], primitive: BinaryPrimitive, output: Expression
    ) -> Expression {
        joinDerivative(of: output, output, children, children.indices, primitive: primitive)
    }

    private mutating func joinDerivative(
        of value: Expression, _ parent: Expression, _ children: [Expression], _ range: Range<Int>,
        primitive: BinaryPrimitive
    ) -> Expression {
        if range.count == 1 { return derivative(of: children[range.lowerBound]) }
        guard value.node.freeVariables.contains(variable) else { return .zero }
        let middle = range.lowerBound + range.count / 2
        let left = splits.half(of: parent, children, range.lowerBound..<middle, primitive: primitive)
        let right = splits.half(of: parent, children, middle..<range.upperBound, primitive: primitive)
        let dl = joinDerivative(of: left, parent, children, range.lowerBound..<middle, primitive: primitive)
        let dr = joinDerivative(of: right, parent, children, middle..<range.upperBound, primitive: primitive)
        if dl.isZero && dr.isZero { return .zero }
        let (pl, pr) = primitive.partials(at: left, right, output: value)
        if dr.isZero { return pl * dl }
        if dl.isZero { return pr * dr }
        return pl * dl + pr * dr
    }
}

/// The halves of the balanced split of sums and products, built once per differentiation
/// session and shared by every variable differentiated in it.
final class SplitCache {
    private struct Key: Hashable {
        let parent: ObjectIdentifier
        let range: Range<Int>
    }
    /// The parent is stored with its half so that its identity cannot be reused while cached.
    private var halves: [Key: (parent: Expression, half: Expression)] = [:]

    /// The sum or product of `children[range]`, a contiguous run of `parent`'s children.
    func half(of parent: Expression, _ children: [Expression], _ range: Range<Int>, primitive: BinaryPrimitive) -> Expression {
        if range.count == 1 { return children[range.lowerBound] }
        let key = Key(parent: ObjectIdentifier(parent.node), range: range)
        if let known = halves[key] { return known.half }
        let half = Expression.nary(primitive, Array(children[range]))
        halves[key] = (parent, half)
        return half
    }
}

extension Expression {
    /// The sum or product of `children`, a subsequence of a canonical sum's terms or product's
    /// factors: such a subsequence is itself canonical (sorted, collected, the number still
    /// first), so it is interned directly, in time linear in its length. This keeps the
    /// derivative of a large sum with respect to each of its many variables cheap.
    static func nary(_ primitive: BinaryPrimitive, _ children: [Expression]) -> Expression {
        if children.count == 1 { return children[0] }
        return Expression(interning: primitive == .add ? .sum(children) : .product(children))
    }
}
