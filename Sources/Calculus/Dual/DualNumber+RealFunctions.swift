import RealModule

// The elementary functions. Those in the rule table apply it directly. The others are built
// from table primitives, so their derivatives still come from the table; where the composite
// would compute the value less accurately than `Value` does, the value is taken from `Value`
// and only the partials from the composite (see `composed(value:derivativeFrom:)`).
extension DualNumber {
    @inlinable public static func exp(_ x: Self) -> Self { unary(.exp, x) }
    @inlinable public static func expMinusOne(_ x: Self) -> Self { unary(.expm1, x) }
    @inlinable public static func log(_ x: Self) -> Self { unary(.log, x) }
    @inlinable public static func log(onePlus x: Self) -> Self { unary(.log1p, x) }
    @inlinable public static func sin(_ x: Self) -> Self { unary(.sin, x) }
    @inlinable public static func cos(_ x: Self) -> Self { unary(.cos, x) }
    @inlinable public static func tan(_ x: Self) -> Self { unary(.tan, x) }
    @inlinable public static func asin(_ x: Self) -> Self { unary(.asin, x) }
    @inlinable public static func acos(_ x: Self) -> Self { unary(.acos, x) }
    @inlinable public static func atan(_ x: Self) -> Self { unary(.atan, x) }
    @inlinable public static func sinh(_ x: Self) -> Self { unary(.sinh, x) }
    @inlinable public static func cosh(_ x: Self) -> Self { unary(.cosh, x) }
    @inlinable public static func tanh(_ x: Self) -> Self { unary(.tanh, x) }
    @inlinable public static func sqrt(_ x: Self) -> Self { unary(.sqrt, x) }
    @inlinable public static func atan2(y: Self, x: Self) -> Self { binary(.atan2, y, x) }

    /// x^y for real y. The table's ∂/∂y = x^y·log x is NaN at x = 0 even when y is a constant,
    /// so the derivative part is NaN there; use `pow(_:_: Int)` for integer exponents.
    @inlinable public static func pow(_ x: Self, _ y: Self) -> Self { binary(.pow, x, y) }

    /// xⁿ by repeated squaring, differentiated through the products (defined for every x,
    /// including 0 and negative x); the value is `Value.pow(x, n)`.
    @inlinable
    public static func pow(_ x: Self, _ n: Int) -> Self {
        var result: Self = 1
        var base = x
        var remaining = n.magnitude
        while remaining > 0 {
            if remaining & 1 == 1 { result *= base }
            remaining >>= 1
            if remaining > 0 { base *= base }
        }
        return composed(value: Value.pow(x.value, n), derivativeFrom: n < 0 ? 1 / result : result)
    }

    /// The real n-th root, sign(x)·|x|^(1/n), differentiated as ±exp(log|x| / n).
    @inlinable
    public static func root(_ x: Self, _ n: Int) -> Self {
        let magnitudeRoot = exp(log(x.magnitude) / Self(n))
        return composed(value: Value.root(x.value, n), derivativeFrom: x.value < 0 ? -magnitudeRoot : magnitudeRoot)
    }

    /// acosh x = log(x + √(x² − 1)).
    @inlinable
    public static func acosh(_ x: Self) -> Self {
        composed(value: Value.acosh(x.value), derivativeFrom: log(x + sqrt(x * x - 1)))
    }

    /// asinh x = log(x + √(x² + 1)), taken on |x| and mirrored (asinh is odd) to avoid the
    /// cancellation of x + √(x² + 1) for negative x.
    @inlinable
    public static func asinh(_ x: Self) -> Self {
        let positive = x.value < 0 ? -x : x
        let composite = log(positive + sqrt(positive * positive + 1))
        return composed(value: Value.asinh(x.value), derivativeFrom: x.value < 0 ? -composite : composite)
    }

    /// atanh x = (log1p(x) − log1p(−x)) / 2.
    @inlinable
    public static func atanh(_ x: Self) -> Self {
        composed(value: Value.atanh(x.value), derivativeFrom: (log(onePlus: x) - log(onePlus: -x)) / 2)
    }

    /// 2ˣ = exp(x·log 2).
    @inlinable
    public static func exp2(_ x: Self) -> Self {
        composed(value: Value.exp2(x.value), derivativeFrom: exp(x * Self(Value.log(2))))
    }

    /// 10ˣ = exp(x·log 10).
    @inlinable
    public static func exp10(_ x: Self) -> Self {
        composed(value: Value.exp10(x.value), derivativeFrom: exp(x * Self(Value.log(10))))
    }

    /// log₂ x = log x / log 2.
    @inlinable
    public static func log2(_ x: Self) -> Self {
        composed(value: Value.log2(x.value), derivativeFrom: log(x) / Self(Value.log(2)))
    }

    /// log₁₀ x = log x / log 10.
    @inlinable
    public static func log10(_ x: Self) -> Self {
        composed(value: Value.log10(x.value), derivativeFrom: log(x) / Self(Value.log(10)))
    }

    /// √(x² + y²), differentiated as s·√((x/s)² + (y/s)²) with the constant s = max(|x|, |y|) so
    /// that the squares cannot overflow. At the origin the derivative part is 0, the subgradient
    /// of least norm (as for |x| at 0).
    @inlinable
    public static func hypot(_ x: Self, _ y: Self) -> Self {
        let value = Value.hypot(x.value, y.value)
        let s = Swift.max(Swift.abs(x.value), Swift.abs(y.value))
        guard s > 0 && s.isFinite else { return flat(value, tag: DualTag.merge(x.tag, y.tag)) }
        let scale = Self(s)
        let (u, v) = (x / scale, y / scale)
        return composed(value: value, derivativeFrom: scale * sqrt(u * u + v * v))
    }

    // erf, erfc, gamma and logGamma have no primitive in the rule table and no closed form in
    // terms of its primitives. Their values are exact; their derivative parts are NaN, so that
    // any derivative depending on them is visibly undefined instead of silently wrong.

    /// The error function; derivative part NaN (no rule-table primitive).
    @inlinable public static func erf(_ x: Self) -> Self { withoutDerivative(Value.erf(x.value), x) }
    /// The complementary error function; derivative part NaN (no rule-table primitive).
    @inlinable public static func erfc(_ x: Self) -> Self { withoutDerivative(Value.erfc(x.value), x) }
    /// Γ(x); derivative part NaN (no rule-table primitive).
    @inlinable public static func gamma(_ x: Self) -> Self { withoutDerivative(Value.gamma(x.value), x) }
    /// log |Γ(x)|; derivative part NaN (no rule-table primitive).
    @inlinable public static func logGamma(_ x: Self) -> Self { withoutDerivative(Value.logGamma(x.value), x) }
    /// The sign of Γ(x).
    @inlinable public static func signGamma(_ x: Self) -> FloatingPointSign { Value.signGamma(x.value) }

    @inlinable
    static func withoutDerivative(_ value: Value, _ x: Self) -> Self {
        linear(value, x, factor: .nan)
    }
}
