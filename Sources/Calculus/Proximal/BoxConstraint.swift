/// The indicator of the box lower ≤ xᵢ ≤ upper (0 inside, ∞ outside); its proximal operator is
/// the projection onto the box, whatever the step.
public struct BoxConstraint: ProximalOperator, Sendable {
    /// The lower bound of every coordinate.
    public var lower: Double
    /// The upper bound of every coordinate.
    public var upper: Double

    /// The box [lower, upper] in every coordinate (infinite bounds allowed).
    public init(lower: Double, upper: Double) {
        precondition(lower <= upper, "box lower bound \(lower) exceeds upper bound \(upper)")
        self.lower = lower
        self.upper = upper
    }

    /// The non-negative orthant, xᵢ ≥ 0.
    public static let nonNegative = BoxConstraint(lower: 0, upper: .infinity)

    public func value(_ x: [Double]) -> Double {
        x.allSatisfy { $0 >= lower && $0 <= upper } ? 0 : .infinity
    }

    /// Clamps every coordinate into [lower, upper].
    public func prox(_ v: [Double], step: Double) -> [Double] {
        precondition(step > 0, "proximal step \(step) must be positive")
        return v.map { Swift.min(Swift.max($0, lower), upper) }
    }

    /// Inside: |∇ᵢf|. On the lower face −∇ᵢf may point outward (∇ᵢf ≥ 0), on the upper face
    /// ∇ᵢf ≤ 0; the residual is how far ∇ᵢf violates that. Infinite for x outside the box.
    public func optimalityResidual(at x: [Double], gradient: [Double]) -> Double {
        precondition(x.count == gradient.count, "\(x.count) coordinates but \(gradient.count) gradient entries")
        var worst = 0.0
        for i in x.indices {
            let residual: Double
            if x[i] < lower || x[i] > upper {
                residual = .infinity
            } else if lower == upper {
                residual = 0
            } else if x[i] == lower {
                residual = Swift.max(0, -gradient[i])
            } else if x[i] == upper {
                residual = Swift.max(0, gradient[i])
            } else {
                residual = Swift.abs(gradient[i])
            }
            worst = Swift.max(worst, residual)
        }
        return worst
    }
}
