/// Symbolic differentiation by the chain rule, asking the project's single rule table
/// (``UnaryPrimitive/derivative(at:output:)``, ``BinaryPrimitive/partials(at:_:output:)``)
/// for every local derivative.
extension Expression {
    /// ∂self/∂`variable`, simplified.
    ///
    /// Each distinct node of the DAG is differentiated once (memoized by identity), so a
    /// subexpression shared n times costs one derivative, not n.
    public func derivative(wrt variable: String) -> Expression {
        var differentiator = Differentiator(variable: variable)
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
        variables.map { derivative(wrt: $0) }
    }

    /// The matrix of second partials `H[i][j] = ∂²self/∂v_i∂v_j`.
    ///
    /// The upper triangle is differentiated and mirrored: mixed partials of these (piecewise)
    /// smooth primitives commute, and mirroring makes the result exactly symmetric.
    public func hessian(wrt variables: [String]) -> [[Expression]] {
        let first = gradient(wrt: variables)
        var rows = Array(repeating: Array(repeating: Expression.zero, count: variables.count), count: variables.count)
        for i in variables.indices {
            var differentiator = Differentiator(variable: variables[i])
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
    var memo: [ObjectIdentifier: Expression] = [:]

    init(variable: String) { self.variable = variable }

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

    /// An n-ary sum or product differentiated as a balanced tree of the binary primitive,
    /// with its partials at each join: `d(L ∘ R) = ∂L · dL + ∂R · dR`.
    ///
    /// Children that do not depend on the variable are joined first into one block, so a
    /// sum of n terms of which one varies costs O(1) joins; the balanced split keeps the
    /// intermediate sums and products at O(k log k) for k varying children.
    private mutating func foldDerivative(
        _ children: [Expression], primitive: BinaryPrimitive, output: Expression
    ) -> Expression {
        var varying: [(value: Expression, derivative: Expression)] = []
        var constant: [Expression] = []
        for child in children {
            let d = derivative(of: child)
            if d.isZero { constant.append(child) } else { varying.append((child, d)) }
        }
        guard !varying.isEmpty else { return .zero }
        let combined = balancedJoin(varying[...], primitive: primitive)
        guard !constant.isEmpty else { return combined.derivative }
        let block = Expression.nary(primitive, constant)
        return primitive.partials(at: block, combined.value, output: output).1 * combined.derivative
    }

    private func balancedJoin(
        _ parts: ArraySlice<(value: Expression, derivative: Expression)>, primitive: BinaryPrimitive
    ) -> (value: Expression, derivative: Expression) {
        if parts.count == 1, let only = parts.first { return only }
        let middle = parts.startIndex + parts.count / 2
        let left = balancedJoin(parts[..<middle], primitive: primitive)
        let right = balancedJoin(parts[middle...], primitive: primitive)
        let joined = Expression.applying(primitive, left.value, right.value)
        let (pl, pr) = primitive.partials(at: left.value, right.value, output: joined)
        return (joined, pl * left.derivative + pr * right.derivative)
    }
}

extension Expression {
    /// The canonical n-ary sum or product.
    fileprivate static func nary(_ primitive: BinaryPrimitive, _ children: [Expression]) -> Expression {
        primitive == .add ? sum(children) : product(children)
    }
}
