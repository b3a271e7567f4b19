import Calculus

/// A random expression over `x` and `y` in two independent forms: an `Expression` built
/// through the simplifying constructors, and a plain closure that computes the same function
/// directly with `Double` arithmetic and the primitives. The closure is the oracle the
/// simplified expression is checked against.
///
/// Every construction keeps its argument inside the domain for all real inputs (log of
/// 1 + u², asin of tanh(u)/2, division by 1 + u², fractional powers of positive bases), and
/// the bounded wrappers (sin, tanh, sigmoid) keep values moderate at depth 5 and more.
struct SymbolicRandomExpression {
    let expression: Expression
    let oracle: @Sendable (Double, Double) -> Double

    static let variables = ["x", "y"]

    static func make(depth: Int, using rng: inout SplitMix64) -> SymbolicRandomExpression {
        if depth == 0 { return leaf(using: &rng) }
        let u = make(depth: depth - 1, using: &rng)
        let ue = u.expression, uf = u.oracle
        switch Int.random(in: 0..<18, using: &rng) {
        case 0:
            let v = make(depth: Int.random(in: 0..<depth, using: &rng), using: &rng)
            let ve = v.expression, vf = v.oracle
            return .init(expression: ue + ve, oracle: { uf($0, $1) + vf($0, $1) })
        case 1:
            let v = make(depth: Int.random(in: 0..<depth, using: &rng), using: &rng)
            let ve = v.expression, vf = v.oracle
            return .init(expression: ue - ve, oracle: { uf($0, $1) - vf($0, $1) })
        case 2:
            let v = make(depth: Int.random(in: 0..<depth, using: &rng), using: &rng)
            let ve = v.expression, vf = v.oracle
            return .init(expression: ue * ve, oracle: { uf($0, $1) * vf($0, $1) })
        case 3:
            let v = make(depth: Int.random(in: 0..<depth, using: &rng), using: &rng)
            let ve = v.expression, vf = v.oracle
            return .init(expression: ue / (1 + ve * ve), oracle: { let b = vf($0, $1); return uf($0, $1) / (1 + b * b) })
        case 4: return unary(.sin, u)
        case 5: return unary(.cos, u)
        case 6:
            let inner = unary(.tanh, u)
            return unary(.tan, inner)
        case 7:
            let half = unary(.tanh, u).scaled(0.5)
            return unary(Bool.random(using: &rng) ? .asin : .acos, half)
        case 8: return unary(.atan, u)
        case 9: return unary(Bool.random(using: &rng) ? .sinh : .cosh, unary(.tanh, u))
        case 10: return unary(.exp, unary(.sin, u))
        case 11:
            let shifted = SymbolicRandomExpression(expression: 1 + ue * ue, oracle: { let a = uf($0, $1); return 1 + a * a })
            return unary(Bool.random(using: &rng) ? .log : .sqrt, shifted)
        case 12: return unary(.sigmoid, u)
        case 13:
            let shifted = SymbolicRandomExpression(expression: unary(.tanh, u).expression - 2,
                                                   oracle: { UnaryPrimitive.tanh(uf($0, $1)) - 2 })
            return unary(.abs, shifted)
        case 14:
            let n = Int.random(in: 2...3, using: &rng)
            let bounded = unary(.sin, u)
            let be = bounded.expression, bf = bounded.oracle
            return .init(expression: be.raised(to: Expression(n)), oracle: { let b = bf($0, $1); return n == 2 ? b * b : b * b * b })
        case 15:
            let p = Double.random(in: -2...2, using: &rng)
            let base = unary(.sigmoid, u)
            let be = base.expression, bf = base.oracle
            return .init(expression: (1 + be).raised(to: Expression(p)), oracle: { BinaryPrimitive.pow(1 + bf($0, $1), p) })
        case 16: return unary(.tanh, u)
        default:
            return .init(expression: -ue, oracle: { -uf($0, $1) })
        }
    }

    private static func unary(_ f: UnaryPrimitive, _ u: SymbolicRandomExpression) -> SymbolicRandomExpression {
        let uf = u.oracle
        return .init(expression: .apply(f, u.expression), oracle: { f(uf($0, $1)) })
    }

    private func scaled(_ c: Double) -> SymbolicRandomExpression {
        let f = oracle
        return .init(expression: Expression.scaled(expression, by: c), oracle: { c * f($0, $1) })
    }

    private static func leaf(using rng: inout SplitMix64) -> SymbolicRandomExpression {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0, 1: return .init(expression: .variable("x"), oracle: { x, _ in x })
        case 2, 3: return .init(expression: .variable("y"), oracle: { _, y in y })
        case 4:
            let n = Int.random(in: -5...5, using: &rng), d = Int.random(in: 1...4, using: &rng)
            let r = Rational(n, d) ?? Rational(n)
            return .init(expression: Expression(r), oracle: { _, _ in r.doubleValue })
        default:
            let c = (Double.random(in: -3...3, using: &rng) * 1000).rounded() / 1000
            return .init(expression: Expression(c), oracle: { _, _ in c })
        }
    }
}

/// A random point with coordinates in [−1.5, 1.5].
func symbolicRandomPoint(using rng: inout SplitMix64) -> [String: Double] {
    ["x": Double.random(in: -1.5...1.5, using: &rng), "y": Double.random(in: -1.5...1.5, using: &rng)]
}

/// Central difference of `f` at `x` with one Richardson step: (4·D(h/2) − D(h)) / 3 cancels
/// the h² error term of D(h) = (f(x+h) − f(x−h)) / 2h, leaving O(h⁴).
func symbolicCentralDifference(_ f: (Double) -> Double, at x: Double, step h: Double) -> Double {
    func d(_ h: Double) -> Double { (f(x + h) - f(x - h)) / (2 * h) }
    return (4 * d(h / 2) - d(h)) / 3
}

/// The second derivative by the second central difference with one Richardson step.
func symbolicSecondDifference(_ f: (Double) -> Double, at x: Double, step h: Double) -> Double {
    func d2(_ h: Double) -> Double { (f(x + h) - 2 * f(x) + f(x - h)) / (h * h) }
    return (4 * d2(h / 2) - d2(h)) / 3
}
