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

    /// The value at `bindings` in a type that speaks the rule table but is not a number, such as
    /// a tensor on the tape (evaluating on tape leaves is reverse-mode differentiation).
    ///
    /// Such a type cannot be compared, so the domain checks read each intermediate value through
    /// `scalarValue`; numeric constants of the expression are made by `constant`.
    ///
    /// - Parameters:
    ///   - constant: the value of type `A` of a number of the expression.
    ///   - scalarValue: the real number a value of type `A` stands for.
    /// - Throws: ``ExpressionEvaluationError`` as ``evaluate(_:)-(Dictionary<String,Double>)``.
    public func evaluate<A: DerivativeAlgebra>(
        _ bindings: [String: A], constant: (Double) -> A, scalarValue: (A) -> Double
    ) throws(ExpressionEvaluationError) -> A {
        try evaluate(bindings, constant: constant, real: scalarValue)
    }

    private func evaluate<T: Real & DerivativeAlgebra>(
        _ bindings: [String: T], as: T.Type
    ) throws(ExpressionEvaluationError) -> T {
        try evaluate(bindings, constant: { T.constant($0, like: .zero) }, real: { $0 })
    }

    /// The shared evaluation: `constant` makes the expression's numbers in `A`, and `real` reads
    /// a value as a real number for the domain checks (the identity for numbers and dual
    /// numbers, which compare by value).
    private func evaluate<A: DerivativeAlgebra, R: Real>(
        _ bindings: [String: A], constant: (Double) -> A, real: (A) -> R
    ) throws(ExpressionEvaluationError) -> A {
        var memo: [ObjectIdentifier: A] = [:]
        func value(_ e: Expression) throws(ExpressionEvaluationError) -> A {
            let key = ObjectIdentifier(e.node)
            if let known = memo[key] { return known }
            let result = try e.evaluateNode(bindings, constant: constant, real: real, children: value)
            memo[key] = result
            return result
        }
        return try value(self)
    }

    private func evaluateNode<A: DerivativeAlgebra, R: Real>(
        _ bindings: [String: A], constant: (Double) -> A, real: (A) -> R,
        children value: (Expression) throws(ExpressionEvaluationError) -> A
    ) throws(ExpressionEvaluationError) -> A {
        switch kind {
        case .number(let n):
            return constant(n.doubleValue)
        case .constant(let c):
            return constant(c.value)
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
            let realBase = real(b)
            if let n = exponent.number?.integerValue {
                if realBase == 0 && n < 0 { throw .divisionByZero(expression: "(\(base))^(\(exponent)) at base 0") }
                return Expression.integerPower(b, n, one: constant(1))
            }
            let x = try value(exponent)
            let realExponent = real(x)
            if realBase < 0 {
                throw .negativeBaseFractionalPower(
                    base: Self.plainDescription(realBase), exponent: Self.plainDescription(realExponent))
            }
            if realBase == 0 && realExponent <= 0 {
                throw .divisionByZero(expression: "(\(base))^(\(exponent)) at base 0")
            }
            return A.apply(.pow, b, x)
        case .unary(let f, let argument):
            let x = try value(argument)
            let realArgument = real(x)
            guard f.isDefined(at: realArgument) else {
                throw .outsideDomain(function: f.rawValue, argument: Self.plainDescription(realArgument))
            }
            return A.apply(f, x)
        case .binary(let f, let a, let b):
            return A.apply(f, try value(a), try value(b))
        }
    }

    /// The number a value stands for: a dual number's value without its perturbations, so that
    /// an error names the argument the user gave rather than `-2.0 + 1.0ε1`.
    static func plainDescription(_ x: Any) -> String {
        if let dual = x as? any DualNumber { return plainDescription(dual.value) }
        return "\(x)"
    }

    /// `x^n` by repeated squaring with `*` and one division for negative `n`.
    static func integerPower<A: DerivativeAlgebra>(_ x: A, _ n: Int, one: A) -> A {
        var base = x
        var remaining = n.magnitude
        var result: A? = nil
        while remaining > 0 {
            if remaining & 1 == 1 { result = result.map { $0 * base } ?? base }
            remaining >>= 1
            if remaining > 0 { base = base * base }
        }
        let positive = result ?? one
        return n < 0 ? one / positive : positive
    }
}
