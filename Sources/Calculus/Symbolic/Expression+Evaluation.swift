import RealModule

/// Numerical evaluation of an expression, checking every primitive's domain.
extension Expression {
    /// The value at the point `bindings` (variable name → value).
    ///
    /// - Throws: ``ExpressionEvaluationError`` naming the variable that has no value, or the
    ///   function and argument where a primitive is outside its domain (log of a negative,
    ///   sqrt of a negative, asin outside [−1, 1], division by zero).
    public func evaluate(_ bindings: [String: Double]) throws(ExpressionEvaluationError) -> Double {
        try evaluate(bindings as [String: Double], as: Double.self)
    }

    /// The value at `bindings` in any number type the rule table speaks: with dual numbers
    /// this is forward-mode differentiation of the same expression.
    ///
    /// Integer powers are computed by repeated multiplication (so `(−2)^3` is defined and a
    /// dual number's derivative flows through `*`); non-integer powers need a positive base.
    /// Each shared node is evaluated once.
    public func evaluate<T: Real & DerivativeAlgebra>(
        _ bindings: [String: T]
    ) throws(ExpressionEvaluationError) -> T {
        try evaluate(bindings, as: T.self)
    }

    private func evaluate<T: Real & DerivativeAlgebra>(
        _ bindings: [String: T], as: T.Type
    ) throws(ExpressionEvaluationError) -> T {
        var memo: [ObjectIdentifier: T] = [:]
        func value(_ e: Expression) throws(ExpressionEvaluationError) -> T {
            let key = ObjectIdentifier(e.node)
            if let known = memo[key] { return known }
            let result = try e.evaluateNode(bindings, children: value)
            memo[key] = result
            return result
        }
        return try value(self)
    }

    private func evaluateNode<T: Real & DerivativeAlgebra>(
        _ bindings: [String: T],
        children value: (Expression) throws(ExpressionEvaluationError) -> T
    ) throws(ExpressionEvaluationError) -> T {
        switch kind {
        case .number(let n):
            return T.constant(n.doubleValue, like: .zero)
        case .constant(let c):
            return T.constant(c.value, like: .zero)
        case .variable(let name):
            guard let v = bindings[name] else { throw .unboundVariable(name) }
            return v
        case .sum(let terms):
            var total = try value(terms[0])
            for term in terms.dropFirst() { total = total + (try value(term)) }
            return total
        case .product(let factors):
            var total = try value(factors[0])
            for factor in factors.dropFirst() { total = total * (try value(factor)) }
            return total
        case .power(let base, let exponent):
            let b = try value(base)
            if let n = exponent.number?.integerValue {
                if b == 0 && n < 0 { throw .divisionByZero(expression: "(\(base))^(\(exponent)) at base 0") }
                return Expression.integerPower(b, n)
            }
            let x = try value(exponent)
            if b < 0 { throw .negativeBaseFractionalPower(base: "\(b)", exponent: "\(x)") }
            if b == 0 && x <= 0 { throw .divisionByZero(expression: "(\(base))^(\(exponent)) at base 0") }
            return T.apply(.pow, b, x)
        case .unary(let f, let argument):
            let x = try value(argument)
            guard f.isDefined(at: x) else { throw .outsideDomain(function: f.rawValue, argument: "\(x)") }
            return T.apply(f, x)
        case .binary(let f, let a, let b):
            return T.apply(f, try value(a), try value(b))
        }
    }

    /// `x^n` by repeated squaring with `*` and one division for negative `n`.
    static func integerPower<T: Real & DerivativeAlgebra>(_ x: T, _ n: Int) -> T {
        var base = x
        var remaining = n.magnitude
        var result: T? = nil
        while remaining > 0 {
            if remaining & 1 == 1 { result = result.map { $0 * base } ?? base }
            remaining >>= 1
            if remaining > 0 { base = base * base }
        }
        let positive = result ?? T(1)
        return n < 0 ? 1 / positive : positive
    }
}
