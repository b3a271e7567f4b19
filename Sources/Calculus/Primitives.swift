import RealModule

/// The differentiable scalar primitives of GraphGrad, each with its derivative.
///
/// This file is the single derivative-rule table of the project. Every mode of
/// differentiation (dual numbers, symbolic expressions, the tensor tape, forward-mode tensors)
/// asks it for the local derivative; none writes a rule of its own. The `switch` statements
/// are exhaustive, so adding a primitive without its rule does not compile.
public enum UnaryPrimitive: String, CaseIterable, Sendable {
    case negate = "neg"
    case exp, log, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh
    case sqrt, abs, sigmoid, relu, softplus
    /// ELU with α = 1: x for x > 0, eˣ − 1 otherwise (GAT's activation).
    case elu
    case log1p, expm1
    case square
    /// Sign of x: −1, 0 or 1.
    case sign
    /// Heaviside step: 1 for x > 0, else 0 (the subgradient of relu chosen at 0).
    case step

    /// f(x) for a plain number: the reference every other mode is compared against.
    @inlinable
    public func callAsFunction<T: Real>(_ x: T) -> T {
        switch self {
        case .negate: return -x
        case .exp: return T.exp(x)
        case .log: return T.log(x)
        case .sin: return T.sin(x)
        case .cos: return T.cos(x)
        case .tan: return T.tan(x)
        case .asin: return T.asin(x)
        case .acos: return T.acos(x)
        case .atan: return T.atan(x)
        case .sinh: return T.sinh(x)
        case .cosh: return T.cosh(x)
        case .tanh: return T.tanh(x)
        case .sqrt: return x.squareRoot()
        case .abs: return Swift.abs(x)
        case .sigmoid: return x >= 0 ? 1 / (1 + T.exp(-x)) : T.exp(x) / (1 + T.exp(x))
        case .relu: return x > 0 ? x : 0
        case .softplus: return Swift.max(x, 0) + T.log(onePlus: T.exp(-Swift.abs(x)))
        case .elu: return x > 0 ? x : T.expMinusOne(x)
        case .log1p: return T.log(onePlus: x)
        case .expm1: return T.expMinusOne(x)
        case .square: return x * x
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : 0)
        case .step: return x > 0 ? 1 : 0
        }
    }

    /// f′(x), written in terms of the primitives themselves so that it is differentiable again.
    ///
    /// - Parameters:
    ///   - x: the input.
    ///   - y: f(x), already computed by the caller; rules that are cheaper from the output
    ///     (exp, tanh, sigmoid, sqrt) use it.
    @inlinable
    public func derivative<A: DerivativeAlgebra>(at x: A, output y: A) -> A {
        func one() -> A { A.constant(1, like: x) }
        switch self {
        case .negate: return A.constant(-1, like: x)
        case .exp: return y
        case .log: return one() / x
        case .sin: return A.apply(.cos, x)
        case .cos: return -A.apply(.sin, x)
        case .tan: return one() + A.apply(.square, y)
        case .asin: return one() / A.apply(.sqrt, one() - A.apply(.square, x))
        case .acos: return -(one() / A.apply(.sqrt, one() - A.apply(.square, x)))
        case .atan: return one() / (one() + A.apply(.square, x))
        case .sinh: return A.apply(.cosh, x)
        case .cosh: return A.apply(.sinh, x)
        case .tanh: return one() - A.apply(.square, y)
        case .sqrt: return A.constant(0.5, like: x) / y
        // Subgradient at 0: sign(0) = 0, the element of [−1, 1] of least norm.
        case .abs: return A.apply(.sign, x)
        case .sigmoid: return y * (one() - y)
        // Subgradient at 0: step(0) = 0, as PyTorch and JAX choose.
        case .relu: return A.apply(.step, x)
        case .softplus: return A.apply(.sigmoid, x)
        // 1 for x > 0 and eˣ = y + 1 otherwise, i.e. 1 + min(y, 0), written so that both
        // sides are exact (y − relu(y) is 0 or y) and the rule differentiates again.
        case .elu: return one() + (y - A.apply(.relu, y))
        case .log1p: return one() / (one() + x)
        case .expm1: return y + one()
        case .square: return A.scaled(x, by: 2)
        case .sign, .step: return A.constant(0, like: x)
        }
    }

    /// Whether `x` lies in the domain where f is defined and finite.
    @inlinable
    public func isDefined<T: Real>(at x: T) -> Bool {
        switch self {
        case .log: return x > 0
        case .sqrt: return x >= 0
        case .asin, .acos: return x >= -1 && x <= 1
        case .log1p: return x > -1
        default: return x.isFinite
        }
    }
}

/// Binary differentiable primitives with their two partial derivatives.
public enum BinaryPrimitive: String, CaseIterable, Sendable {
    case add, subtract, multiply, divide
    /// x^y for real y (x > 0 where y is not an integer).
    case pow
    case maximum, minimum
    case atan2

    /// f(x, y) for plain numbers.
    @inlinable
    public func callAsFunction<T: Real>(_ x: T, _ y: T) -> T {
        switch self {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide: return x / y
        case .pow: return T.pow(x, y)
        // Ties go to x, matching the subgradient choice below.
        case .maximum: return x >= y ? x : y
        case .minimum: return x <= y ? x : y
        case .atan2: return T.atan2(y: x, x: y)
        }
    }

    /// (∂f/∂x, ∂f/∂y), each written with the primitives so it can be differentiated again.
    ///
    /// - Parameter z: f(x, y), already computed by the caller.
    @inlinable
    public func partials<A: DerivativeAlgebra>(at x: A, _ y: A, output z: A) -> (A, A) {
        switch self {
        case .add: return (A.constant(1, like: x), A.constant(1, like: y))
        case .subtract: return (A.constant(1, like: x), A.constant(-1, like: y))
        case .multiply: return (y, x)
        case .divide: return (A.constant(1, like: y) / y, -(z / y))
        case .pow:
            // y·x^(y−1) written as y·z/x would divide by zero at x = 0.
            let dx = y * A.apply(.pow, x, y - A.constant(1, like: y))
            let dy = z * A.apply(.log, x)
            return (dx, dy)
        case .maximum:
            // Ties send the whole gradient to x (a valid subgradient).
            let toY = A.apply(.step, y - x)
            return (A.constant(1, like: toY) - toY, toY)
        case .minimum:
            let toY = A.apply(.step, x - y)
            return (A.constant(1, like: toY) - toY, toY)
        case .atan2:
            // atan2(x, y) = atan(x / y): ∂x = y / (x² + y²), ∂y = −x / (x² + y²).
            let r2 = A.apply(.square, x) + A.apply(.square, y)
            return (y / r2, -(x / r2))
        }
    }
}
