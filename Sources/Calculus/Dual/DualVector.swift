import RealModule

/// A dual number a + Σᵢ bᵢεᵢ with εᵢεⱼ = 0 carrying the N partials bᵢ in a SIMD vector: one
/// evaluation of f yields N directional derivatives (chunk mode, as in ForwardDiff.jl).
///
/// ``ForwardMode/gradient(of:at:chunk:)`` seeds N inputs per pass with the unit vectors, so an
/// n-input gradient takes ⌈n/N⌉ passes. The partials are scaled and added lane by lane with the
/// same operations as ``Dual``'s derivative, so each lane equals the scalar-mode derivative
/// exactly.
@frozen
public struct DualVector<T: Real & DerivativeAlgebra & SIMDScalar, V: SIMD>: DualNumber
where V.Scalar == T {
    public typealias Value = T
    public typealias Partials = V
    public typealias Exponent = T.Exponent
    public typealias Magnitude = DualVector
    public typealias Stride = DualVector
    public typealias IntegerLiteralType = Int

    /// The value a.
    public var value: T
    /// The partials b₀, …, b_{N−1}.
    public var partials: V
    /// The perturbation the partials belong to.
    public var tag: DualTag

    /// a + Σᵢ bᵢεᵢ.
    @inlinable
    public init(value: T, partials: V, tag: DualTag = .none) {
        self.value = value
        self.partials = partials
        self.tag = tag
    }

    @inlinable public static var zeroPartials: V { .zero }

    @inlinable
    public static func combine(_ a: V, times wa: T, _ b: V, times wb: T) -> V { a * wa + b * wb }

    @inlinable public static func scale(_ p: V, by w: T) -> V { p * w }
}

extension DualVector: Sendable where T: Sendable, V: Sendable {}

extension DualVector: ExpressibleByFloatLiteral where T: ExpressibleByFloatLiteral {
    /// The constant `value`.
    @inlinable
    public init(floatLiteral value: T.FloatLiteralType) {
        self.init(T(floatLiteral: value))
    }
}
