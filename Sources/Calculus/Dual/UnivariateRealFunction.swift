import RealModule

/// A function written once for every `Real` type, so it can be evaluated on nested dual
/// numbers of any depth (a closure has one fixed argument type; this generic method has all).
///
/// ```swift
/// struct Bump: UnivariateRealFunction {
///     func callAsFunction<R: Real>(_ x: R) -> R { R.exp(-x * x) }
/// }
/// let third = ForwardMode.derivative(of: Bump(), at: 0.5, order: 3)
/// ```
public protocol UnivariateRealFunction {
    /// f(x) for any real type.
    func callAsFunction<R: Real>(_ x: R) -> R
}
