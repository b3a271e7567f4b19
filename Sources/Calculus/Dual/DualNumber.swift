import RealModule

/// A number a + b·ε with ε² = 0 (or a + Σ bᵢεᵢ with εᵢεⱼ = 0): forward-mode differentiation.
///
/// ``Dual`` (one derivative) and ``DualVector`` (a SIMD vector of partials) share all of their
/// arithmetic through this protocol; they differ only in how partials are stored and scaled.
/// Every derivative comes from the rule table: an operation computes its value in `Value`,
/// asks ``UnaryPrimitive/derivative(at:output:)`` or ``BinaryPrimitive/partials(at:_:output:)``
/// for the local derivatives (evaluated in `Value`, so nested duals differentiate the rules
/// themselves), and combines the operands' partials with them by the chain rule.
///
/// Functions of `Real` outside the table are built from table primitives (see
/// `DualNumber+RealFunctions.swift`); rounding operations have derivative 0. Non-differentiable
/// points take the subgradients the table chooses: |x|′(0) = sign(0) = 0, relu′(0) = step(0) = 0,
/// and max/min send the whole derivative to the first operand on ties.
public protocol DualNumber: Real, DerivativeAlgebra, CustomStringConvertible
where Exponent == Value.Exponent, Stride == Self {
    /// The number type of the value and of the local derivatives.
    associatedtype Value: Real & DerivativeAlgebra
    /// The derivative part: one `Value` or a vector of them.
    associatedtype Partials

    /// The value a.
    var value: Value { get }
    /// The derivative part b.
    var partials: Partials { get }
    /// The perturbation the partials belong to (see ``DualTag``).
    var tag: DualTag { get }

    /// A dual number from its parts.
    init(value: Value, partials: Partials, tag: DualTag)

    /// Partials that are all zero (the derivative of a constant).
    static var zeroPartials: Partials { get }
    /// wa·a + wb·b.
    static func combine(_ a: Partials, times wa: Value, _ b: Partials, times wb: Value) -> Partials
    /// w·p.
    static func scale(_ p: Partials, by w: Value) -> Partials
}

extension DualNumber {
    /// The constant `value` (zero partials, no tag).
    @inlinable
    public init(_ value: Value) {
        self.init(value: value, partials: Self.zeroPartials, tag: .none)
    }

    /// Applies a unary primitive: y = f(a), partials f′(a)·b.
    @inlinable
    public static func unary(_ primitive: UnaryPrimitive, _ x: Self) -> Self {
        let y = Value.apply(primitive, x.value)
        let slope = primitive.derivative(at: x.value, output: y)
        return Self(value: y, partials: scale(x.partials, by: slope), tag: x.tag)
    }

    /// Applies a binary primitive: z = f(a, c), partials ∂ₓf·b + ∂ᵧf·d.
    @inlinable
    public static func binary(_ primitive: BinaryPrimitive, _ x: Self, _ y: Self) -> Self {
        let z = Value.apply(primitive, x.value, y.value)
        let (dx, dy) = primitive.partials(at: x.value, y.value, output: z)
        return Self(
            value: z, partials: combine(x.partials, times: dx, y.partials, times: dy),
            tag: DualTag.merge(x.tag, y.tag))
    }

    /// The accurately computed `value` with the partials of `composite`, a composition of
    /// table primitives equal to the same function: used for `Real` functions outside the table
    /// whose direct formula would lose accuracy in the value (acosh, log2, hypot, …).
    @inlinable
    static func composed(value: Value, derivativeFrom composite: Self) -> Self {
        Self(value: value, partials: composite.partials, tag: composite.tag)
    }

    /// `value` with the partials of `x` scaled by `factor`: for operations that are linear in x
    /// with a constant factor determined by x's value (copysign, significand, remainders).
    @inlinable
    static func linear(_ value: Value, _ x: Self, factor: Value) -> Self {
        Self(value: value, partials: scale(x.partials, by: factor), tag: x.tag)
    }

    /// `value` with derivative 0: the result of a rounding operation or a constant.
    @inlinable
    static func flat(_ value: Value, tag: DualTag) -> Self {
        Self(value: value, partials: zeroPartials, tag: tag)
    }

    // MARK: DerivativeAlgebra

    @inlinable
    public static func constant(_ value: Double, like: Self) -> Self {
        Self(Value.constant(value, like: like.value))
    }

    @inlinable
    public static func apply(_ primitive: UnaryPrimitive, _ x: Self) -> Self { unary(primitive, x) }

    @inlinable
    public static func apply(_ primitive: BinaryPrimitive, _ x: Self, _ y: Self) -> Self {
        binary(primitive, x, y)
    }

    // MARK: Arithmetic

    @inlinable public static func + (lhs: Self, rhs: Self) -> Self { binary(.add, lhs, rhs) }
    @inlinable public static func - (lhs: Self, rhs: Self) -> Self { binary(.subtract, lhs, rhs) }
    @inlinable public static func * (lhs: Self, rhs: Self) -> Self { binary(.multiply, lhs, rhs) }
    @inlinable public static func / (lhs: Self, rhs: Self) -> Self { binary(.divide, lhs, rhs) }
    @inlinable public static prefix func - (operand: Self) -> Self { unary(.negate, operand) }
    @inlinable public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    @inlinable public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
    @inlinable public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
    @inlinable public static func /= (lhs: inout Self, rhs: Self) { lhs = lhs / rhs }
    @inlinable public mutating func negate() { self = -self }

    /// |x|, differentiated by the table (subgradient 0 at 0).
    @inlinable public var magnitude: Self { Self.unary(.abs, self) }

    // MARK: Integers and literals

    @inlinable public init(integerLiteral value: Int) { self.init(Value(value)) }
    @inlinable public init(_ value: Int) { self.init(Value(value)) }
    @inlinable public init<Source: BinaryInteger>(_ value: Source) { self.init(Value(value)) }

    @inlinable
    public init?<Source: BinaryInteger>(exactly value: Source) {
        guard let exact = Value(exactly: value) else { return nil }
        self.init(exact)
    }

    // MARK: Comparison and hashing: by value, as the derivative does not change which is larger.

    @inlinable public static func == (lhs: Self, rhs: Self) -> Bool { lhs.value == rhs.value }
    @inlinable public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(value) }

    // MARK: Strideable

    @inlinable public func distance(to other: Self) -> Self { other - self }
    @inlinable public func advanced(by n: Self) -> Self { self + n }

    /// `"a + bε"`.
    public var description: String { "\(value) + \(partials)\(tag)" }
}
