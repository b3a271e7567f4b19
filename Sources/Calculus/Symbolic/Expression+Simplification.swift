import RealModule

/// The canonicalising constructors: every expression is built through these, so simplification
/// happens once, on the way in, and derivatives come out small without a separate pass.
///
/// Rewrites applied (each valid for all real inputs unless noted):
/// - constant folding, exact for rationals, in floating point once a `Double` is involved;
/// - `x + 0 = x`, `x · 1 = x`, `x · 0 = 0`, `x^1 = x`, `x^0 = 1` (including `0^0 = 1`, the
///   convention of `pow`), `−(−x) = x`;
/// - flattening of nested sums and products, like terms collected (`2x + 3x = 5x`) and
///   powers of a common base collected (`x · x^2 = x^3`, `x / x = 1`);
/// - `(x^a)^n = x^(a·n)` and `(x·y)^n = x^n · y^n` for integer `n`;
/// - `log(exp(x)) = x`; `exp(log(x)) = x`, valid where `log x` is defined (x > 0): the
///   simplified form is also defined for x ≤ 0, where the original is not. Likewise
///   `x / x = 1` is not undefined at x = 0 and `x^a · x^b = x^(a+b)` for real a, b assumes
///   x > 0 — the usual conventions of computer algebra;
/// - odd primitives pull a negative coefficient out (`sin(−x) = −sin(x)`), even ones drop it
///   (`cos(−x) = cos(x)`), so that the sign lives in one place.
extension Expression {
    // MARK: Sums

    /// The canonical sum of `terms`.
    public static func sum(_ terms: [Expression]) -> Expression {
        var constant = SymbolicNumber.zero
        var order: [[Int]] = []
        var collected: [[Int]: (coefficient: SymbolicNumber, rest: [Expression])] = [:]

        func add(_ term: Expression) {
            switch term.kind {
            case .number(let n):
                constant = constant + n
            case .sum(let inner):
                inner.forEach(add)
            default:
                let (coefficient, rest) = term.coefficientView
                let key = rest.map(\.node.id)
                if let existing = collected[key] {
                    collected[key] = (existing.coefficient + coefficient, rest)
                } else {
                    order.append(key)
                    collected[key] = (coefficient, rest)
                }
            }
        }
        terms.forEach(add)

        var result: [(rest: [Expression], term: Expression)] = []
        for key in order {
            guard let (coefficient, rest) = collected[key], !coefficient.isZero else { continue }
            result.append((rest, scaledTerm(coefficient, rest)))
        }
        result.sort { canonicalCompare($0.rest, $1.rest) < 0 }
        var children = result.map(\.term)
        if !constant.isZero { children.insert(Expression(constant), at: 0) }
        switch children.count {
        case 0: return Expression(constant)
        case 1: return children[0]
        default: return Expression(interning: .sum(children))
        }
    }

    /// `(c, [f1, f2, …])` with `self = c · f1 · f2 · …` and c the numeric coefficient.
    var coefficientView: (coefficient: SymbolicNumber, rest: [Expression]) {
        if case .product(let factors) = kind {
            if let c = factors[0].number { return (c, Array(factors.dropFirst())) }
            return (.one, factors)
        }
        return (.one, [self])
    }

    /// `c · f1 · f2 · …` for factors taken from a canonical product (so already collected and
    /// sorted): the product node is built directly.
    private static func scaledTerm(_ coefficient: SymbolicNumber, _ rest: [Expression]) -> Expression {
        if coefficient.isOne { return rest.count == 1 ? rest[0] : Expression(interning: .product(rest)) }
        return Expression(interning: .product([Expression(coefficient)] + rest))
    }

    // MARK: Products

    /// The canonical product of `factors`.
    public static func product(_ factors: [Expression]) -> Expression {
        var coefficient = SymbolicNumber.one
        var order: [Int] = []
        var collected: [Int: (base: Expression, exponents: [Expression])] = [:]

        func multiply(_ factor: Expression) {
            switch factor.kind {
            case .number(let n):
                coefficient = coefficient * n
            case .product(let inner):
                inner.forEach(multiply)
            default:
                let (base, exponent) = factor.powerView
                let key = base.node.id
                if collected[key] == nil {
                    order.append(key)
                    collected[key] = (base, [exponent])
                } else {
                    collected[key]?.exponents.append(exponent)
                }
            }
        }
        factors.forEach(multiply)
        if coefficient.isZero { return Expression(coefficient) }

        var result: [Expression] = []
        var needsAnotherPass = false
        for key in order {
            guard let (base, exponents) = collected[key] else { continue }
            let factor = exponents.count == 1 ? base.raised(to: exponents[0]) : base.raised(to: sum(exponents))
            switch factor.kind {
            case .number(let n):
                coefficient = coefficient * n
            case .product:
                // e.g. (x·y)^(1/2) · (x·y)^(1/2) = x·y: its factors may meet others here.
                needsAnotherPass = true
                result.append(factor)
            default:
                if exponents.count > 1 && factor.powerView.base != base { needsAnotherPass = true }
                if !(factor.number?.isOne ?? false) { result.append(factor) }
            }
        }
        if needsAnotherPass { return product([Expression(coefficient)] + result) }
        if coefficient.isZero { return Expression(coefficient) }
        result.sort { canonicalCompare($0.powerView.base, $1.powerView.base) < 0 }
        if !coefficient.isOne { result.insert(Expression(coefficient), at: 0) }
        switch result.count {
        case 0: return Expression(coefficient)
        case 1: return result[0]
        default: return Expression(interning: .product(result))
        }
    }

    // MARK: Powers

    /// The canonical `self ^ exponent`.
    public func raised(to exponent: Expression) -> Expression {
        if let e = exponent.number {
            if e.isZero { return .one }
            if e.isOne { return self }
            if let b = number, let folded = b.raised(to: e) { return Expression(folded) }
        }
        if let b = number, b.isOne { return .one }
        if exponent.number?.rationalValue?.isInteger == true {
            switch kind {
            case .power(let base, let inner): return base.raised(to: .product([inner, exponent]))
            case .product(let factors): return .product(factors.map { $0.raised(to: exponent) })
            default: break
            }
        }
        return Expression(interning: .power(self, exponent))
    }

    // MARK: Functions

    /// The canonical `f(self)`.
    func applying(_ f: UnaryPrimitive) -> Expression {
        switch f {
        case .negate: return .product([Expression(SymbolicNumber.minusOne), self])
        case .square: return raised(to: 2)
        default: break
        }
        if let value = number, let folded = f.foldedValue(at: value) { return Expression(folded) }
        if case .unary(let g, let inner) = kind {
            if f == .log && g == .exp { return inner }
            if f == .exp && g == .log { return inner }
            if f == .abs && (g == .abs || g == .exp || g == .sqrt) { return self }
        }
        if let symmetry = f.symmetry {
            if number?.isNegative ?? coefficientView.coefficient.isNegative {
                let reflected = Expression.product([Expression(SymbolicNumber.minusOne), self])
                let value = Expression(interning: .unary(f, reflected))
                return symmetry == .odd ? .product([Expression(SymbolicNumber.minusOne), value]) : value
            }
        }
        return Expression(interning: .unary(f, self))
    }

    /// The canonical `f(lhs, rhs)` for any binary primitive.
    static func applying(_ f: BinaryPrimitive, _ lhs: Expression, _ rhs: Expression) -> Expression {
        switch f {
        case .add: return .sum([lhs, rhs])
        case .subtract: return .sum([lhs, .product([Expression(SymbolicNumber.minusOne), rhs])])
        case .multiply: return .product([lhs, rhs])
        case .divide: return .product([lhs, rhs.raised(to: Expression(SymbolicNumber.minusOne))])
        case .pow: return lhs.raised(to: rhs)
        case .maximum, .minimum, .atan2:
            guard let a = lhs.number, let b = rhs.number else {
                return Expression(interning: .binary(f, lhs, rhs))
            }
            if f != .atan2, let x = a.rationalValue, let y = b.rationalValue {
                return Expression((f == .maximum) == (x >= y) ? x : y)
            }
            if a.rationalValue == nil || b.rationalValue == nil {
                return Expression(SymbolicNumber(real: f(a.doubleValue, b.doubleValue)))
            }
            return Expression(interning: .binary(f, lhs, rhs))
        }
    }
}

extension UnaryPrimitive {
    enum Symmetry { case odd, even }

    /// Odd primitives satisfy f(−x) = −f(x), even ones f(−x) = f(x).
    var symmetry: Symmetry? {
        switch self {
        case .sin, .tan, .asin, .atan, .sinh, .tanh, .sign: return .odd
        case .cos, .cosh, .abs: return .even
        default: return nil
        }
    }

    /// f(value) as a number when that is appropriate to fold: exactly for an exact argument
    /// whose image is a simple exact number (sin 0 = 0, √(9/4) = 3/2), in floating point for a
    /// floating-point argument inside the domain. Anything else stays symbolic, so that
    /// `sin(2)` keeps its exactness and `log(−1)` is reported when evaluated.
    func foldedValue(at value: SymbolicNumber) -> SymbolicNumber? {
        switch value {
        case .real(let x):
            guard isDefined(at: x) else { return nil }
            let y = self(x)
            return y.isFinite ? SymbolicNumber(real: y) : nil
        case .rational(let r):
            return exactValue(at: r).map(SymbolicNumber.rational)
        }
    }

    private func exactValue(at r: Rational) -> Rational? {
        let sign = Rational(r.numerator.signum())
        switch self {
        case .abs: return r < .zero ? r.negated : r
        case .sign: return sign
        case .step: return r > .zero ? .one : .zero
        case .relu: return r > .zero ? r : .zero
        case .elu: return r >= .zero ? r : nil
        case .sqrt: return r.exactSquareRoot
        case .exp, .cos, .cosh: return r == .zero ? .one : nil
        case .sin, .tan, .asin, .atan, .sinh, .tanh, .log1p, .expm1: return r == .zero ? .zero : nil
        case .sigmoid: return r == .zero ? Rational(1, 2) : nil
        case .log, .acos: return r == .one ? .zero : nil
        case .softplus, .negate, .square: return nil
        }
    }
}
