import Calculus

extension Tensor {
    /// Applies a unary primitive elementwise; its derivative comes from the shared rule table.
    @inlinable
    public func applying(_ p: UnaryPrimitive) -> Tensor {
        let x = self
        let value = Tensor.build(shape: shape) { out in
            withUnsafePointer { Scalar.unaryKernel(p, $0, out, count: count) }
        }
        guard x.isTracked else { return value }
        return .recording(value, p, of: x)
    }

    /// Applies a binary primitive elementwise with NumPy broadcasting; its partial derivatives
    /// come from the shared rule table and are summed back over broadcast axes.
    @inlinable
    public func applying(_ p: BinaryPrimitive, _ other: Tensor) -> Tensor {
        let (a, b) = (self, other)
        let plan = BroadcastPlan(a.shape, b.shape)
        let value = Tensor.build(shape: plan.shape) { out in
            a.withUnsafePointer { pa in
                b.withUnsafePointer { pb in Scalar.binaryKernel(p, pa, pb, out, plan: plan) }
            }
        }
        guard a.isTracked || b.isTracked else { return value }
        return .recording(value, p, of: a, b)
    }

    /// The cotangent of `x` from the cotangent `ct` of y = p(x) (reverse mode).
    @inlinable
    static func pullback(of p: UnaryPrimitive, at x: Tensor, output y: Tensor, cotangent ct: Tensor) -> Tensor {
        guard !(x.isTracked || y.isTracked || ct.isTracked) else { return ct * p.derivative(at: x, output: y) }
        // Nothing to record or push forward: the same rule on the scalars, in one pass
        // instead of one per tensor operation.
        return build(shape: x.shape) { out in
            x.withUnsafePointer { px in
                y.withUnsafePointer { py in
                    ct.withUnsafePointer { pc in Scalar.unaryPullbackKernel(p, px, py, pc, out, count: x.count) }
                }
            }
        }
    }

    /// The cotangent of `a` and of `b` (nil for one not on the tape) from the cotangent `ct`
    /// of z = p(a, b), summed back over the axes each was broadcast along.
    @inlinable
    static func pullback(
        of p: BinaryPrimitive, at a: Tensor, _ b: Tensor, output z: Tensor, cotangent ct: Tensor
    ) -> (Tensor?, Tensor?) {
        let (da, db) = p.partials(at: a, b, output: z)
        return (
            a.requiresGradient ? (ct * da).summed(toShape: a.shape) : nil,
            b.requiresGradient ? (ct * db).summed(toShape: b.shape) : nil
        )
    }

    /// The tangent of z = p(a, b) from the tangents of `a` and `b` (forward mode); nil when
    /// neither has one.
    @inlinable
    static func pushforward(of p: BinaryPrimitive, at a: Tensor, _ b: Tensor, output z: Tensor) -> Tensor? {
        let (da, db) = p.partials(at: a, b, output: z)
        let ta = a.tangent.map { $0 * da }
        let tb = b.tangent.map { $0 * db }
        switch (ta, tb) {
        case let (x?, y?): return (x + y).broadcasted(to: z.shape)
        case let (x?, nil): return x.broadcasted(to: z.shape)
        case let (nil, y?): return y.broadcasted(to: z.shape)
        case (nil, nil): return nil
        }
    }

    /// Whether this is a constant 1 (no tape, no tangent), which multiplication can skip.
    @inlinable
    var isConstantOne: Bool {
        shape.isEmpty && scalars[0] == 1 && node == nil && tangentBox == nil
    }
}

extension Tensor: DerivativeAlgebra {
    /// Elementwise sum with broadcasting.
    @inlinable
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.applying(.add, rhs) }
    /// Elementwise difference with broadcasting.
    @inlinable
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.applying(.subtract, rhs) }
    /// Elementwise product with broadcasting.
    @inlinable
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        // Rules such as d(x + y)/dx = 1 produce constant ones; multiplying by them is a copy.
        if rhs.isConstantOne { return lhs }
        if lhs.isConstantOne { return rhs }
        return lhs.applying(.multiply, rhs)
    }
    /// Elementwise quotient with broadcasting.
    @inlinable
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.applying(.divide, rhs) }
    /// Elementwise negation.
    @inlinable
    public static prefix func - (operand: Tensor) -> Tensor { operand.applying(.negate) }
    /// A 0-dimensional constant, which broadcasts against any shape.
    @inlinable
    public static func constant(_ value: Double, like: Tensor) -> Tensor { Tensor(Scalar(value)) }
    /// Applies a unary primitive elementwise.
    @inlinable
    public static func apply(_ primitive: UnaryPrimitive, _ x: Tensor) -> Tensor { x.applying(primitive) }
    /// Applies a binary primitive elementwise with broadcasting.
    @inlinable
    public static func apply(_ primitive: BinaryPrimitive, _ x: Tensor, _ y: Tensor) -> Tensor {
        x.applying(primitive, y)
    }
}

extension Tensor {
    /// Adds a scalar to every element.
    @inlinable
    public static func + (lhs: Tensor, rhs: Scalar) -> Tensor { lhs + Tensor(rhs) }
    /// Adds a scalar to every element.
    @inlinable
    public static func + (lhs: Scalar, rhs: Tensor) -> Tensor { Tensor(lhs) + rhs }
    /// Subtracts a scalar from every element.
    @inlinable
    public static func - (lhs: Tensor, rhs: Scalar) -> Tensor { lhs - Tensor(rhs) }
    /// Subtracts every element from a scalar.
    @inlinable
    public static func - (lhs: Scalar, rhs: Tensor) -> Tensor { Tensor(lhs) - rhs }
    /// Multiplies every element by a scalar.
    @inlinable
    public static func * (lhs: Tensor, rhs: Scalar) -> Tensor { lhs * Tensor(rhs) }
    /// Multiplies every element by a scalar.
    @inlinable
    public static func * (lhs: Scalar, rhs: Tensor) -> Tensor { Tensor(lhs) * rhs }
    /// Divides every element by a scalar.
    @inlinable
    public static func / (lhs: Tensor, rhs: Scalar) -> Tensor { lhs / Tensor(rhs) }
    /// Divides a scalar by every element.
    @inlinable
    public static func / (lhs: Scalar, rhs: Tensor) -> Tensor { Tensor(lhs) / rhs }

    /// In-place sum (records like `self = self + rhs`).
    @inlinable
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs = lhs + rhs }
    /// In-place difference.
    @inlinable
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs - rhs }
    /// In-place product.
    @inlinable
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs * rhs }
    /// In-place quotient.
    @inlinable
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs / rhs }
}

/// Elementwise functions, each a primitive of the shared rule table.
extension Tensor {
    /// Elementwise `exp` (rule: ``UnaryPrimitive/exp``).
    @inlinable
    public func exp() -> Tensor { applying(.exp) }
    /// Elementwise `log` (rule: ``UnaryPrimitive/log``).
    @inlinable
    public func log() -> Tensor { applying(.log) }
    /// Elementwise `sin` (rule: ``UnaryPrimitive/sin``).
    @inlinable
    public func sin() -> Tensor { applying(.sin) }
    /// Elementwise `cos` (rule: ``UnaryPrimitive/cos``).
    @inlinable
    public func cos() -> Tensor { applying(.cos) }
    /// Elementwise `tan` (rule: ``UnaryPrimitive/tan``).
    @inlinable
    public func tan() -> Tensor { applying(.tan) }
    /// Elementwise `asin` (rule: ``UnaryPrimitive/asin``).
    @inlinable
    public func asin() -> Tensor { applying(.asin) }
    /// Elementwise `acos` (rule: ``UnaryPrimitive/acos``).
    @inlinable
    public func acos() -> Tensor { applying(.acos) }
    /// Elementwise `atan` (rule: ``UnaryPrimitive/atan``).
    @inlinable
    public func atan() -> Tensor { applying(.atan) }
    /// Elementwise `sinh` (rule: ``UnaryPrimitive/sinh``).
    @inlinable
    public func sinh() -> Tensor { applying(.sinh) }
    /// Elementwise `cosh` (rule: ``UnaryPrimitive/cosh``).
    @inlinable
    public func cosh() -> Tensor { applying(.cosh) }
    /// Elementwise `tanh` (rule: ``UnaryPrimitive/tanh``).
    @inlinable
    public func tanh() -> Tensor { applying(.tanh) }
    /// Elementwise `sqrt` (rule: ``UnaryPrimitive/sqrt``).
    @inlinable
    public func sqrt() -> Tensor { applying(.sqrt) }
    /// Elementwise `abs` (rule: ``UnaryPrimitive/abs``).
    @inlinable
    public func abs() -> Tensor { applying(.abs) }
    /// Elementwise `sigmoid` (rule: ``UnaryPrimitive/sigmoid``).
    @inlinable
    public func sigmoid() -> Tensor { applying(.sigmoid) }
    /// Elementwise `relu` (rule: ``UnaryPrimitive/relu``).
    @inlinable
    public func relu() -> Tensor { applying(.relu) }
    /// Elementwise `softplus` (rule: ``UnaryPrimitive/softplus``).
    @inlinable
    public func softplus() -> Tensor { applying(.softplus) }
    /// Elementwise `log1p` (rule: ``UnaryPrimitive/log1p``).
    @inlinable
    public func log1p() -> Tensor { applying(.log1p) }
    /// Elementwise `expm1` (rule: ``UnaryPrimitive/expm1``).
    @inlinable
    public func expm1() -> Tensor { applying(.expm1) }
    /// Elementwise `square` (rule: ``UnaryPrimitive/square``).
    @inlinable
    public func squared() -> Tensor { applying(.square) }
    /// Elementwise `sign` (rule: ``UnaryPrimitive/sign``).
    @inlinable
    public func sign() -> Tensor { applying(.sign) }
    /// `self` raised to `exponent` elementwise, with broadcasting.
    @inlinable
    public func pow(_ exponent: Tensor) -> Tensor { applying(.pow, exponent) }
    /// `self` raised to a scalar power.
    @inlinable
    public func pow(_ exponent: Scalar) -> Tensor { applying(.pow, Tensor(exponent)) }
    /// Elementwise maximum with broadcasting (ties send the gradient to `self`).
    @inlinable
    public func maximum(_ other: Tensor) -> Tensor { applying(.maximum, other) }
    /// Elementwise minimum with broadcasting (ties send the gradient to `self`).
    @inlinable
    public func minimum(_ other: Tensor) -> Tensor { applying(.minimum, other) }
    /// LeakyReLU: max(x, slope·x) for 0 ≤ slope < 1, built from the table's `maximum`.
    @inlinable
    public func leakyRelu(slope: Scalar = 0.01) -> Tensor { maximum(self * slope) }
    /// ELU: x for x > 0, α(eˣ − 1) otherwise; α = 1 is the table's one-pass `elu`.
    @inlinable
    public func elu(alpha: Scalar = 1) -> Tensor {
        alpha == 1 ? applying(.elu) : Tensor.where(self .> 0, self, alpha * expm1())
    }
}
