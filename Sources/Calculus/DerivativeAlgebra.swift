/// The operations a type must offer so that the derivative-rule table can speak about it.
///
/// The table in ``UnaryPrimitive`` and ``BinaryPrimitive`` writes each derivative once,
/// generically over this protocol. Plain numbers (`Float`, `Double`), dual numbers,
/// symbolic expressions and tensors all conform, so `d sin(x) = cos(x)` written once serves
/// numerical evaluation, forward mode, symbolic differentiation and the tensor tape alike.
/// Because tensors and expressions conform too, a rule's result is itself differentiable:
/// applying the table to its own output gives second and higher derivatives.
public protocol DerivativeAlgebra {
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self

    /// A constant with the shape of `like` (a scalar for numbers, a filled tensor for tensors).
    static func constant(_ value: Double, like: Self) -> Self

    /// Applies a unary primitive.
    static func apply(_ primitive: UnaryPrimitive, _ x: Self) -> Self

    /// Applies a binary primitive.
    static func apply(_ primitive: BinaryPrimitive, _ x: Self, _ y: Self) -> Self
}

extension DerivativeAlgebra {
    /// `c * x` for a numeric constant `c`.
    @inlinable
    public static func scaled(_ x: Self, by c: Double) -> Self {
        constant(c, like: x) * x
    }
}
