import RealModule

/// A numeric leaf of an ``Expression``: an exact ``Rational`` while arithmetic stays exact,
/// a `Double` once a floating-point literal is involved or an exact result would overflow.
public enum SymbolicNumber: Hashable, Sendable, CustomStringConvertible {
    /// An exact fraction.
    case rational(Rational)
    /// A finite floating-point value (never −0.0, which is stored as 0.0).
    case real(Double)

    /// Wraps a finite double, normalising −0.0 so that equal values intern to one node.
    init(real value: Double) {
        self = .real(value == 0 ? 0 : value)
    }

    /// The integer `value` exactly.
    public init(_ value: Int) { self = .rational(Rational(value)) }

    static let zero = SymbolicNumber(0)
    static let one = SymbolicNumber(1)
    static let minusOne = SymbolicNumber(-1)

    /// The value as a double.
    public var doubleValue: Double {
        switch self {
        case .rational(let r): return r.doubleValue
        case .real(let d): return d
        }
    }

    /// The exact value, if this number is exact.
    public var rationalValue: Rational? {
        if case .rational(let r) = self { return r }
        return nil
    }

    /// The value as an `Int` when it is a whole number (exact or floating) of moderate size.
    public var integerValue: Int? {
        switch self {
        case .rational(let r): return r.isInteger ? r.numerator : nil
        case .real(let d): return abs(d) < 0x1p53 ? Int(exactly: d) : nil
        }
    }

    /// Whether the value equals zero.
    public var isZero: Bool { doubleValue == 0 }
    /// Whether the value equals one.
    public var isOne: Bool { doubleValue == 1 }
    /// Whether the value is below zero.
    public var isNegative: Bool { doubleValue < 0 }

    /// The number as it prints in expressions: `3`, `1/2`, `2.5`.
    public var description: String {
        switch self {
        case .rational(let r): return r.description
        case .real(let d): return "\(d)"
        }
    }

    /// Combines two numbers exactly when both are exact and the exact result fits, otherwise in
    /// floating point.
    private static func combine(
        _ a: SymbolicNumber, _ b: SymbolicNumber,
        exact: (Rational, Rational) -> Rational?, real: (Double, Double) -> Double
    ) -> SymbolicNumber {
        if case .rational(let x) = a, case .rational(let y) = b, let r = exact(x, y) {
            return .rational(r)
        }
        return SymbolicNumber(real: real(a.doubleValue, b.doubleValue))
    }

    static func + (a: SymbolicNumber, b: SymbolicNumber) -> SymbolicNumber {
        combine(a, b, exact: { $0.adding($1) }, real: +)
    }

    static func * (a: SymbolicNumber, b: SymbolicNumber) -> SymbolicNumber {
        combine(a, b, exact: { $0.multiplied(by: $1) }, real: *)
    }

    static prefix func - (a: SymbolicNumber) -> SymbolicNumber {
        SymbolicNumber.minusOne * a
    }

    /// `self ^ exponent` when the result is a finite real number: exact for an exact base and
    /// an integer exponent; `nil` when it is undefined (0 to a negative power, a negative base
    /// to a fractional power) so that the power stays symbolic and evaluation reports it.
    func raised(to exponent: SymbolicNumber) -> SymbolicNumber? {
        if let n = exponent.integerValue {
            if case .rational(let r) = self, case .rational = exponent {
                if let exact = r.power(n) { return .rational(exact) }
                if r.numerator == 0 { return nil }
            }
            if isZero && n < 0 { return nil }
            let value = Double.pow(doubleValue, n)
            return value.isFinite ? SymbolicNumber(real: value) : nil
        }
        guard doubleValue > 0 || (isZero && exponent.doubleValue > 0) else { return nil }
        let value = Double.pow(doubleValue, exponent.doubleValue)
        return value.isFinite ? SymbolicNumber(real: value) : nil
    }
}
