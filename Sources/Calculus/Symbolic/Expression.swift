/// A symbolic real-valued expression: a hash-consed DAG kept in a canonical, simplified form.
///
/// Expressions are built with the arithmetic operators, ``Expression/apply(_:_:)-(UnaryPrimitive,_)``
/// and the parser (``Expression/init(parsing:)``). Every constructor simplifies on the way in
/// (see `Expression+Simplification.swift`), and every node is interned, so two expressions
/// that are structurally equal are the *same* node: `==` and hashing are identity, and a
/// subexpression that occurs many times is stored once.
///
/// Canonical form (the invariants every constructor keeps):
/// - `sum` has at least two terms, none of them a sum; at most one number, which comes first
///   and is not zero; no two terms differ only by a numeric coefficient.
/// - `product` has at least two factors, none of them a product; at most one number (the
///   coefficient), which comes first and is neither 0 nor 1; no two factors share a base
///   (`x · x^2` is `x^3`).
/// - Children of sums and products are in the canonical order of `Expression+Ordering.swift`.
/// - `power` never has exponent 0 or 1, and an integer power of a product or of a power is
///   distributed.
public struct Expression: Hashable, Sendable {
    /// The shape of one node; its children are again canonical expressions.
    public enum Kind: Sendable {
        /// A numeric constant.
        case number(SymbolicNumber)
        /// A free variable, bound at evaluation.
        case variable(String)
        /// A named mathematical constant (π, e).
        case constant(MathematicalConstant)
        /// An n-ary sum; the first term may be a number.
        case sum([Expression])
        /// An n-ary product; the first factor may be the numeric coefficient.
        case product([Expression])
        /// `base ^ exponent` (``BinaryPrimitive/pow``).
        case power(Expression, Expression)
        /// A unary primitive applied to an argument (never `negate` or `square`, which are
        /// products and powers).
        case unary(UnaryPrimitive, Expression)
        /// A binary primitive other than the arithmetic ones and `pow` (max, min, atan2).
        case binary(BinaryPrimitive, Expression, Expression)
    }

    let node: ExpressionNode

    init(node: ExpressionNode) { self.node = node }

    /// Interns `kind` (assumed canonical) and returns its unique node.
    init(interning kind: Kind) {
        node = ExpressionNode.intern(kind)
    }

    /// The shape of this node.
    public var kind: Kind { node.kind }

    /// The names of the variables this expression depends on.
    public var variables: Set<String> { node.freeVariables }

    /// Identity: interning makes it the same as structural equality.
    public static func == (lhs: Expression, rhs: Expression) -> Bool { lhs.node === rhs.node }

    /// Hashes the node identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(node)) }

    /// A variable named `name`.
    public static func variable(_ name: String) -> Expression { Expression(interning: .variable(name)) }

    /// The exact integer `value`.
    public init(_ value: Int) { self.init(interning: .number(SymbolicNumber(value))) }

    /// The exact fraction `value`.
    public init(_ value: Rational) { self.init(interning: .number(.rational(value))) }

    /// The floating-point constant `value`, which must be finite.
    public init(_ value: Double) {
        precondition(value.isFinite, "Expression constants must be finite, got \(value)")
        self.init(interning: .number(SymbolicNumber(real: value)))
    }

    init(_ number: SymbolicNumber) { self.init(interning: .number(number)) }

    /// π.
    public static var pi: Expression { Expression(interning: .constant(.pi)) }
    /// Euler's number e.
    public static var e: Expression { Expression(interning: .constant(.e)) }

    static var zero: Expression { Expression(SymbolicNumber.zero) }
    static var one: Expression { Expression(SymbolicNumber.one) }

    /// The numeric value when this node is a number.
    public var number: SymbolicNumber? {
        if case .number(let n) = kind { return n }
        return nil
    }

    /// Whether this is the number 0.
    public var isZero: Bool { number?.isZero ?? false }
}

/// The named constants an ``Expression`` may contain.
public enum MathematicalConstant: String, Sendable, CaseIterable {
    /// π = 3.14159…
    case pi
    /// e = 2.71828…, the base of the natural logarithm.
    case e

    /// The constant's value in double precision.
    public var value: Double {
        switch self {
        case .pi: return Double.pi
        case .e: return 2.718281828459045
        }
    }
}

extension Expression: ExpressibleByIntegerLiteral {
    /// An exact integer constant.
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Expression: ExpressibleByFloatLiteral {
    /// A floating-point constant.
    public init(floatLiteral value: Double) { self.init(value) }
}
