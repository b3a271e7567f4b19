/// An exact fraction `numerator / denominator` of machine integers, in lowest terms with a
/// positive denominator.
///
/// Every operation reports overflow by returning `nil`, so that callers can fall back to
/// floating point instead of trapping or wrapping.
public struct Rational: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The numerator; carries the sign.
    public let numerator: Int
    /// The denominator; always positive.
    public let denominator: Int

    /// The integer `value` as a fraction over 1.
    public init(_ value: Int) {
        numerator = value
        denominator = 1
    }

    /// `numerator / denominator` reduced to lowest terms; `nil` when the denominator is zero or
    /// the sign cannot be normalised without overflow (`Int.min`).
    public init?(_ numerator: Int, _ denominator: Int) {
        guard denominator != 0 else { return nil }
        let divisor = Rational.gcd(numerator.magnitude, denominator.magnitude)
        var n = numerator / Int(truncatingIfNeeded: divisor)
        var d = denominator / Int(truncatingIfNeeded: divisor)
        if d < 0 {
            guard n != .min, d != .min else { return nil }
            n = -n
            d = -d
        }
        self.numerator = n
        self.denominator = d
    }

    /// The exact value of `value` when it is a fraction whose denominator divides
    /// `maxDenominator` (a power of two), else `nil`: 0.5 and 3 are exact, 0.1 is not.
    public init?(exactly value: Double, maxDenominator: Int = 1 << 20) {
        guard value.isFinite else { return nil }
        var denominator = 1
        var scaled = value
        while scaled != scaled.rounded() {
            guard denominator < maxDenominator else { return nil }
            denominator *= 2
            scaled *= 2
        }
        guard let numerator = Int(exactly: scaled) else { return nil }
        self.init(numerator, denominator)
    }

    /// Zero.
    public static let zero = Rational(0)
    /// One.
    public static let one = Rational(1)

    /// Whether the value is a whole number.
    public var isInteger: Bool { denominator == 1 }

    /// The nearest `Double`.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// `n / d` in plain text, or just `n` for integers.
    public var description: String {
        isInteger ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    /// `-self`, or `nil` on overflow.
    public var negated: Rational? {
        numerator == .min ? nil : Rational(-numerator, denominator)
    }

    /// `1 / self`, or `nil` for zero or on overflow.
    public var reciprocal: Rational? { Rational(denominator, numerator) }

    /// `self + other`, or `nil` on overflow.
    public func adding(_ other: Rational) -> Rational? {
        let (a, o1) = numerator.multipliedReportingOverflow(by: other.denominator)
        let (b, o2) = other.numerator.multipliedReportingOverflow(by: denominator)
        let (n, o3) = a.addingReportingOverflow(b)
        let (d, o4) = denominator.multipliedReportingOverflow(by: other.denominator)
        guard !(o1 || o2 || o3 || o4) else { return nil }
        return Rational(n, d)
    }

    /// `self × other`, or `nil` on overflow.
    public func multiplied(by other: Rational) -> Rational? {
        // Cross-reducing first keeps intermediate products small.
        let g1 = Int(truncatingIfNeeded: Rational.gcd(numerator.magnitude, other.denominator.magnitude))
        let g2 = Int(truncatingIfNeeded: Rational.gcd(other.numerator.magnitude, denominator.magnitude))
        let (n, o1) = (numerator / g1).multipliedReportingOverflow(by: other.numerator / g2)
        let (d, o2) = (denominator / g2).multipliedReportingOverflow(by: other.denominator / g1)
        guard !(o1 || o2) else { return nil }
        return Rational(n, d)
    }

    /// `self ^ exponent` by repeated squaring, or `nil` on overflow or for `0 ^ negative`.
    public func power(_ exponent: Int) -> Rational? {
        guard exponent != .min else { return nil }
        var base = exponent < 0 ? reciprocal : self
        var remaining = exponent.magnitude
        var result = Rational.one
        while remaining > 0 {
            guard let b = base else { return nil }
            if remaining & 1 == 1 {
                guard let r = result.multiplied(by: b) else { return nil }
                result = r
            }
            remaining >>= 1
            if remaining > 0 { base = b.multiplied(by: b) }
        }
        return result
    }

    /// The exact square root when numerator and denominator are perfect squares, else `nil`.
    public var exactSquareRoot: Rational? {
        guard numerator >= 0, let n = Rational.integerSquareRoot(numerator),
              let d = Rational.integerSquareRoot(denominator) else { return nil }
        return Rational(n, d)
    }

    /// Orders by value; cross-multiplies in `Double` when the exact products would overflow.
    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        let (a, o1) = lhs.numerator.multipliedReportingOverflow(by: rhs.denominator)
        let (b, o2) = rhs.numerator.multipliedReportingOverflow(by: lhs.denominator)
        if o1 || o2 { return lhs.doubleValue < rhs.doubleValue }
        return a < b
    }

    private static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }

    private static func integerSquareRoot(_ n: Int) -> Int? {
        let root = Int(Double(n).squareRoot().rounded())
        for candidate in Swift.max(root - 1, 0)...(root + 1) {
            let (square, overflow) = candidate.multipliedReportingOverflow(by: candidate)
            if !overflow && square == n { return candidate }
        }
        return nil
    }
}
