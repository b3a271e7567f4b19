/// Arithmetic on expressions, and the conformance that lets the derivative-rule table build
/// derivative expressions (`Expression.apply(.cos, x)` is the node `cos(x)`).
extension Expression: DerivativeAlgebra {
    /// The canonical sum.
    public static func + (lhs: Expression, rhs: Expression) -> Expression { applying(.add, lhs, rhs) }
    /// The canonical difference `lhs + (−1)·rhs`.
    public static func - (lhs: Expression, rhs: Expression) -> Expression { applying(.subtract, lhs, rhs) }
    /// The canonical product.
    public static func * (lhs: Expression, rhs: Expression) -> Expression { applying(.multiply, lhs, rhs) }
    /// The canonical quotient `lhs · rhs^(−1)`.
    public static func / (lhs: Expression, rhs: Expression) -> Expression { applying(.divide, lhs, rhs) }
    /// `(−1)·operand`.
    public static prefix func - (operand: Expression) -> Expression { operand.applying(.negate) }

    /// The number `value`, exact when it is a simple binary fraction (as the rule table's
    /// constants 1, −1, 1/2 and 2 are), so that derivatives keep exact coefficients.
    public static func constant(_ value: Double, like: Expression) -> Expression {
        if let exact = Rational(exactly: value) { return Expression(exact) }
        return Expression(value)
    }

    /// The canonical `f(x)`.
    public static func apply(_ primitive: UnaryPrimitive, _ x: Expression) -> Expression {
        x.applying(primitive)
    }

    /// The canonical `f(x, y)`.
    public static func apply(_ primitive: BinaryPrimitive, _ x: Expression, _ y: Expression) -> Expression {
        applying(primitive, x, y)
    }

}
