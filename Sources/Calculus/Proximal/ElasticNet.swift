/// g(x) = l1·‖x‖₁ + (l2/2)·‖x‖₂², the elastic-net penalty; ``L1Norm`` and ``SquaredL2Norm``
/// are its two halves.
public struct ElasticNet: ProximalOperator, Sendable {
    /// The weight of ‖x‖₁.
    public var l1: Double
    /// The weight of ‖x‖₂² / 2.
    public var l2: Double

    /// The penalty with the given non-negative weights.
    public init(l1: Double, l2: Double) {
        precondition(l1 >= 0 && l2 >= 0, "elastic-net weights l1 = \(l1), l2 = \(l2) must be non-negative")
        self.l1 = l1
        self.l2 = l2
    }

    public func value(_ x: [Double]) -> Double {
        x.reduce(0) { $0 + l1 * Swift.abs($1) + l2 / 2 * $1 * $1 }
    }

    /// Soft-thresholding by step·l1, then shrinking by 1 / (1 + step·l2).
    public func prox(_ v: [Double], step: Double) -> [Double] {
        precondition(step > 0, "proximal step \(step) must be positive")
        var p = v
        let shrink = 1 / (1 + step * l2)
        p.withUnsafeMutableBufferPointer { buffer in
            softThreshold(buffer, threshold: step * l1)
            for i in buffer.indices { buffer[i] *= shrink }
        }
        return p
    }

    /// On the support, |∇ᵢf + l2·xᵢ + l1·sign(xᵢ)|; off it, how far |∇ᵢf| exceeds l1.
    public func optimalityResidual(at x: [Double], gradient: [Double]) -> Double {
        precondition(x.count == gradient.count, "\(x.count) coordinates but \(gradient.count) gradient entries")
        var worst = 0.0
        for i in x.indices {
            let residual = x[i] == 0
                ? Swift.max(0, Swift.abs(gradient[i]) - l1)
                : Swift.abs(gradient[i] + l2 * x[i] + (x[i] > 0 ? l1 : -l1))
            worst = Swift.max(worst, residual)
        }
        return worst
    }
}

/// g(x) = λ‖x‖₁, whose proximal operator is soft-thresholding by step·λ.
public struct L1Norm: ProximalOperator, Sendable {
    /// λ.
    public var weight: Double { penalty.l1 }
    private let penalty: ElasticNet

    /// λ‖x‖₁ for λ ≥ 0.
    public init(weight: Double) { penalty = ElasticNet(l1: weight, l2: 0) }

    public func value(_ x: [Double]) -> Double { penalty.value(x) }
    public func prox(_ v: [Double], step: Double) -> [Double] { penalty.prox(v, step: step) }

    /// |∇ᵢf + λ·sign(xᵢ)| on the support and max(0, |∇ᵢf| − λ) off it.
    public func optimalityResidual(at x: [Double], gradient: [Double]) -> Double {
        penalty.optimalityResidual(at: x, gradient: gradient)
    }
}

/// g(x) = (λ/2)‖x‖₂², whose proximal operator scales by 1 / (1 + step·λ).
public struct SquaredL2Norm: ProximalOperator, Sendable {
    /// λ.
    public var weight: Double { penalty.l2 }
    private let penalty: ElasticNet

    /// (λ/2)‖x‖₂² for λ ≥ 0.
    public init(weight: Double) { penalty = ElasticNet(l1: 0, l2: weight) }

    public func value(_ x: [Double]) -> Double { penalty.value(x) }
    public func prox(_ v: [Double], step: Double) -> [Double] { penalty.prox(v, step: step) }

    /// |∇ᵢf + λxᵢ|.
    public func optimalityResidual(at x: [Double], gradient: [Double]) -> Double {
        penalty.optimalityResidual(at: x, gradient: gradient)
    }
}
