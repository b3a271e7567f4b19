import RealModule

// The FloatingPoint requirements. Classification, comparison and the constants look at the
// value alone. Operations that move x by a constant (nextUp) keep its derivative; those that
// snap x to a grid (rounding, ulp) have derivative 0; those that scale x by a constant fixed by
// its value (copysign, significand, exponent scaling, remainders) scale the derivative alike.
extension DualNumber {
    @inlinable public static var radix: Int { Value.radix }
    @inlinable public static var nan: Self { Self(Value.nan) }
    @inlinable public static var signalingNaN: Self { Self(Value.signalingNaN) }
    @inlinable public static var infinity: Self { Self(Value.infinity) }
    @inlinable public static var greatestFiniteMagnitude: Self { Self(Value.greatestFiniteMagnitude) }
    @inlinable public static var pi: Self { Self(Value.pi) }
    @inlinable public static var leastNormalMagnitude: Self { Self(Value.leastNormalMagnitude) }
    @inlinable public static var leastNonzeroMagnitude: Self { Self(Value.leastNonzeroMagnitude) }

    /// The spacing of the value's floating-point grid, a constant.
    @inlinable public var ulp: Self { Self(value.ulp) }
    @inlinable public var sign: FloatingPointSign { value.sign }
    @inlinable public var exponent: Exponent { value.exponent }

    /// |x|·2^(−exponent); its derivative is x's scaled by the same constant ±2^(−exponent)
    /// (0 where x is zero, infinite or NaN and no such constant exists).
    @inlinable
    public var significand: Self {
        guard value.isFinite && !value.isZero else { return Self.flat(value.significand, tag: tag) }
        let factor = Value(sign: value.sign, exponent: 0, significand: 1)
            / Value(sign: .plus, exponent: value.exponent, significand: 1)
        return Self.linear(value.significand, self, factor: factor)
    }

    /// significand·2^exponent with its sign: linear in the significand.
    @inlinable
    public init(sign: FloatingPointSign, exponent: Exponent, significand: Self) {
        let factor = Value(sign: sign, exponent: exponent, significand: 1)
        self = Self.linear(
            Value(sign: sign, exponent: exponent, significand: significand.value), significand,
            factor: factor)
    }

    /// The magnitude of `magnitudeOf` with the sign of `signOf`: ±magnitudeOf, so its derivative
    /// is ±that of `magnitudeOf`; `signOf` contributes none.
    @inlinable
    public init(signOf: Self, magnitudeOf: Self) {
        let value = Value(signOf: signOf.value, magnitudeOf: magnitudeOf.value)
        let factor: Value = value.sign == magnitudeOf.value.sign ? 1 : -1
        self = Self.linear(value, magnitudeOf, factor: factor)
    }

    /// x − n·y with n = x/y rounded to nearest: derivative dx − n·dy.
    @inlinable
    public mutating func formRemainder(dividingBy other: Self) {
        self = removingMultiple(of: other) { $0.formRemainder(dividingBy: $1) }
    }

    /// x − n·y with n = x/y rounded toward zero: derivative dx − n·dy.
    @inlinable
    public mutating func formTruncatingRemainder(dividingBy other: Self) {
        self = removingMultiple(of: other) { $0.formTruncatingRemainder(dividingBy: $1) }
    }

    /// The remainder computed in `Value` by `remainder`, with the derivative of x − n·y for the
    /// integer n it removed.
    @inlinable
    func removingMultiple(of other: Self, _ remainder: (inout Value, Value) -> Void) -> Self {
        var r = value
        remainder(&r, other.value)
        let n = ((value - r) / other.value).rounded()
        return Self(
            value: r, partials: Self.combine(partials, times: 1, other.partials, times: -n),
            tag: DualTag.merge(tag, other.tag))
    }

    @inlinable public mutating func formSquareRoot() { self = Self.unary(.sqrt, self) }
    @inlinable public mutating func addProduct(_ lhs: Self, _ rhs: Self) { self = self + lhs * rhs }

    /// The next representable value above: x plus a constant, so the derivative is kept.
    @inlinable public var nextUp: Self { Self(value: value.nextUp, partials: partials, tag: tag) }

    /// Rounds the value; the result is piecewise constant, so its derivative is 0.
    @inlinable public mutating func round(_ rule: FloatingPointRoundingRule) {
        self = Self.flat(value.rounded(rule), tag: tag)
    }

    @inlinable public func isEqual(to other: Self) -> Bool { value.isEqual(to: other.value) }
    @inlinable public func isLess(than other: Self) -> Bool { value.isLess(than: other.value) }
    @inlinable public func isLessThanOrEqualTo(_ other: Self) -> Bool { value.isLessThanOrEqualTo(other.value) }
    @inlinable public func isTotallyOrdered(belowOrEqualTo other: Self) -> Bool {
        value.isTotallyOrdered(belowOrEqualTo: other.value)
    }
    @inlinable public var isNormal: Bool { value.isNormal }
    @inlinable public var isFinite: Bool { value.isFinite }
    @inlinable public var isZero: Bool { value.isZero }
    @inlinable public var isSubnormal: Bool { value.isSubnormal }
    @inlinable public var isInfinite: Bool { value.isInfinite }
    @inlinable public var isNaN: Bool { value.isNaN }
    @inlinable public var isSignalingNaN: Bool { value.isSignalingNaN }
    @inlinable public var isCanonical: Bool { value.isCanonical }
}
