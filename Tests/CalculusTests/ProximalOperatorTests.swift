import Calculus
import Testing
import _TestSupport

private func randomVector(_ n: Int, _ rng: inout SplitMix64) -> [Double] {
    (0..<n).map { _ in 3 * rng.nextNormal() }
}

/// g(p) + ‖p − v‖² / (2·step): the function prox_{step·g}(v) minimizes.
private func proxObjective(_ g: some ProximalOperator, _ p: [Double], _ v: [Double], _ step: Double) -> Double {
    g.value(p) + zip(p, v).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / (2 * step)
}

private let operators: [(String, any ProximalOperator & Sendable)] = [
    ("l1", L1Norm(weight: 0.8)),
    ("squaredL2", SquaredL2Norm(weight: 1.3)),
    ("elasticNet", ElasticNet(l1: 0.5, l2: 0.7)),
    ("groupLasso", GroupLasso(weight: 1.1, groups: [[0, 1, 2], [3, 7], [5], [8, 9, 10, 11]])),
    ("box", BoxConstraint(lower: -1, upper: 2)),
    ("nonNegative", BoxConstraint.nonNegative),
]

@Suite struct ProximalOperatorTests {
    @Test func proxMinimizesItsObjectiveAgainstRandomPerturbations() {
        var rng = SplitMix64(seed: 700)
        for (name, g) in operators {
            for _ in 0..<50 {
                let v = randomVector(12, &rng)
                let step = Double.random(in: 0.1...2, using: &rng)
                let p = g.prox(v, step: step)
                let best = proxObjective(g, p, v, step)
                for _ in 0..<20 {
                    let scale = Double.random(in: 1e-4...1, using: &rng)
                    var moved = p
                    // Move a few coordinates only, so that zeros and faces are probed too.
                    for _ in 0..<3 { moved[Int.random(in: 0..<12, using: &rng)] += scale * rng.nextNormal() }
                    #expect(best <= proxObjective(g, moved, v, step) + 1e-12 * Swift.abs(best), "\(name)")
                }
            }
        }
    }

    @Test func proxSatisfiesItsOptimalityCondition() {
        // v − p ∈ step·∂g(p), i.e. p minimizes ‖· − v‖²/(2·step) + g, whose smooth part has
        // gradient (p − v)/step: the residual there is zero up to rounding of v − p.
        var rng = SplitMix64(seed: 701)
        for (name, g) in operators {
            for _ in 0..<50 {
                let v = randomVector(12, &rng)
                let step = Double.random(in: 0.1...2, using: &rng)
                let p = g.prox(v, step: step)
                let residual = g.optimalityResidual(at: p, gradient: zip(p, v).map { ($0 - $1) / step })
                #expect(residual <= 1e-13 * (1 + v.map(Swift.abs).max()!) / step, "\(name): \(residual)")
            }
        }
    }

    @Test func softThresholdingSatisfiesTheL1SubgradientConditionCoordinatewise() {
        var rng = SplitMix64(seed: 702)
        let weight = 0.9
        for _ in 0..<50 {
            let v = randomVector(20, &rng)
            let step = Double.random(in: 0.1...2, using: &rng)
            let p = L1Norm(weight: weight).prox(v, step: step)
            for i in v.indices {
                if p[i] == 0 {
                    #expect(Swift.abs(v[i]) <= step * weight)
                } else {
                    #expect(Swift.abs((v[i] - p[i]) - step * weight * (p[i] > 0 ? 1 : -1)) <= 1e-15 * Swift.abs(v[i]) + 1e-15)
                }
            }
        }
    }

    @Test func bufferSoftThresholdMatchesL1ProxForFloatAndDouble() {
        var rng = SplitMix64(seed: 703)
        let v = randomVector(33, &rng)
        var doubles = v
        doubles.withUnsafeMutableBufferPointer { softThreshold($0, threshold: 1.25) }
        #expect(doubles == L1Norm(weight: 1.25).prox(v, step: 1))
        var floats = v.map(Float.init)
        floats.withUnsafeMutableBufferPointer { softThreshold($0, threshold: Float(1.25)) }
        let expected = v.map(Float.init).map { $0 > 1.25 ? $0 - 1.25 : ($0 < -1.25 ? $0 + 1.25 : 0) }
        #expect(floats == expected)
    }

    @Test func residualIsPositiveAwayFromTheProxPoint() {
        var rng = SplitMix64(seed: 704)
        for (name, g) in operators {
            let v = randomVector(12, &rng)
            var p = g.prox(v, step: 1)
            p[4] += 0.5  // coordinate 4 is in no group and inside the box for the group lasso / box cases alike
            let residual = g.optimalityResidual(at: p, gradient: zip(p, v).map { $0 - $1 })
            #expect(residual > 1e-3, "\(name): \(residual)")
        }
    }
}
