/// g(x) = λ Σ_G ‖x_G‖₂ over disjoint groups of coordinates; coordinates in no group are free.
public struct GroupLasso: ProximalOperator, Sendable {
    /// λ.
    public var weight: Double
    /// The groups, each a list of coordinate indices.
    public let groups: [[Int]]

    /// The penalty for disjoint groups of non-negative indices.
    public init(weight: Double, groups: [[Int]]) {
        precondition(weight >= 0, "group-lasso weight \(weight) must be non-negative")
        let all = groups.joined()
        precondition(Set(all).count == all.count, "group-lasso groups \(groups) overlap")
        precondition(all.allSatisfy { $0 >= 0 }, "group-lasso groups \(groups) contain a negative index")
        self.weight = weight
        self.groups = groups
    }

    public func value(_ x: [Double]) -> Double {
        groups.reduce(0) { $0 + weight * norm($1.map { x[$0] }) }
    }

    /// Block soft-thresholding: v_G scaled by max(0, 1 − step·λ / ‖v_G‖).
    public func prox(_ v: [Double], step: Double) -> [Double] {
        precondition(step > 0, "proximal step \(step) must be positive")
        var p = v
        for group in groups {
            let length = norm(group.map { v[$0] })
            let factor = length > step * weight ? 1 - step * weight / length : 0
            for i in group { p[i] = factor * v[i] }
        }
        return p
    }

    /// Per group: ‖∇_G f + λ x_G/‖x_G‖‖₂ if x_G ≠ 0, else max(0, ‖∇_G f‖₂ − λ); |∇ᵢf| for free
    /// coordinates.
    public func optimalityResidual(at x: [Double], gradient: [Double]) -> Double {
        precondition(x.count == gradient.count, "\(x.count) coordinates but \(gradient.count) gradient entries")
        var grouped = [Bool](repeating: false, count: x.count)
        var worst = 0.0
        for group in groups {
            let length = norm(group.map { x[$0] })
            let residual = length == 0
                ? Swift.max(0, norm(group.map { gradient[$0] }) - weight)
                : norm(group.map { gradient[$0] + weight * x[$0] / length })
            worst = Swift.max(worst, residual)
            for i in group { grouped[i] = true }
        }
        for i in x.indices where !grouped[i] { worst = Swift.max(worst, Swift.abs(gradient[i])) }
        return worst
    }

    private func norm(_ values: [Double]) -> Double {
        // Scaled by the largest magnitude so that squaring cannot overflow or underflow.
        let scale = values.reduce(0) { Swift.max($0, Swift.abs($1)) }
        guard scale > 0 && scale.isFinite else { return scale }
        return scale * values.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
    }
}
