/// A convex, possibly non-smooth function g handled through its proximal operator, the
/// non-smooth half of a composite objective f + g.
public protocol ProximalOperator {
    /// g(x); `.infinity` outside the domain of an indicator function.
    func value(_ x: [Double]) -> Double

    /// prox_{step·g}(v) = argminₚ g(p) + ‖p − v‖² / (2·step).
    func prox(_ v: [Double], step: Double) -> [Double]

    /// How far x is from minimizing f + g, given ∇f(x): the largest distance (per coordinate,
    /// or per group for group norms) of −∇f(x) from the subdifferential ∂g(x). It is 0 exactly at
    /// the minimizers.
    func optimalityResidual(at x: [Double], gradient: [Double]) -> Double
}
