import RealModule

/// A dual number a + b·ε with ε² = 0: the value of a function and its derivative along one
/// direction, computed together (forward-mode differentiation).
///
/// `Dual` conforms to `Real`, so any generic code `func f<R: Real>(_ x: R) -> R` evaluated at
/// `Dual(x, derivative: 1)` returns f(x) + f′(x)·ε. It also conforms to ``DerivativeAlgebra``,
/// so `Dual<Dual<Double>>` differentiates the derivative rules themselves: second and higher
/// derivatives by nesting (see ``ForwardMode``). All arithmetic is described on ``DualNumber``.
@frozen
public struct Dual<T: Real & DerivativeAlgebra>: DualNumber {
    public typealias Value = T
    public typealias Partials = T
    public typealias Exponent = T.Exponent
    public typealias Magnitude = Dual
    public typealias Stride = Dual
    public typealias IntegerLiteralType = Int

    /// The value a.
    public var value: T
    /// The derivative part b.
    public var derivative: T
    /// The perturbation ε the derivative belongs to.
    public var tag: DualTag

    /// a + b·ε.
    @inlinable
    public init(_ value: T, derivative: T, tag: DualTag = .none) {
        self.value = value
        self.derivative = derivative
        self.tag = tag
    }

    @inlinable
    public init(value: T, partials: T, tag: DualTag) {
        self.init(value, derivative: partials, tag: tag)
    }

    /// The derivative part (the ``DualNumber`` name of ``derivative``).
    @inlinable public var partials: T { derivative }

    @inlinable public static var zeroPartials: T { 0 }

    @inlinable
    public static func combine(_ a: T, times wa: T, _ b: T, times wb: T) -> T { a * wa + b * wb }

    @inlinable public static func scale(_ p: T, by w: T) -> T { p * w }
}

extension Dual: Sendable where T: Sendable {}

extension Dual: ExpressibleByFloatLiteral where T: ExpressibleByFloatLiteral {
    /// The constant `value`.
    @inlinable
    public init(floatLiteral value: T.FloatLiteralType) {
        self.init(T(floatLiteral: value))
    }
}
