import Calculus
import RealModule
import Testing
import _TestSupport

/// A smooth function of n inputs with closed-form gradient: Σᵢ sin(xᵢ)·xᵢ₊₁ + exp(x₀/n).
private func coupled(_ x: [Double]) -> Double {
    var sum = Double.exp(x[0] / Double(x.count))
    for i in 0..<(x.count - 1) { sum += Double.sin(x[i]) * x[i + 1] }
    return sum
}

private func coupledGradient(_ x: [Double]) -> [Double] {
    var g = [Double](repeating: 0, count: x.count)
    g[0] = Double.exp(x[0] / Double(x.count)) / Double(x.count)
    for i in 0..<(x.count - 1) {
        g[i] += Double.cos(x[i]) * x[i + 1]
        g[i + 1] += Double.sin(x[i])
    }
    return g
}

/// (x₀·x₁, sin x₀ + x₂², exp(x₁ − x₂)) and its Jacobian.
private func curve(_ x: [Double]) -> [Double] {
    [x[0] * x[1], Double.sin(x[0]) + x[2] * x[2], Double.exp(x[1] - x[2])]
}

private func curveJacobian(_ x: [Double]) -> [[Double]] {
    let e = Double.exp(x[1] - x[2])
    return [[x[1], x[0], 0], [Double.cos(x[0]), 0, 2 * x[2]], [0, e, -e]]
}

@Suite struct NumericGradientTests {
    // Same justification as for scalar central differences: ~4 ulps of noise in f.
    static let safetyFactor = 4.0

    @Test func gradientMatchesClosedFormWithinEstimates() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<50 {
            let x = (0..<7).map { _ in Double.random(in: -2...2, using: &rng) }
            let numeric = NumericDifferentiation.gradient(of: coupled, at: x)
            for (entry, exact) in zip(numeric, coupledGradient(x)) {
                #expect(Swift.abs(entry.value - exact) <= Self.safetyFactor * entry.errorEstimate)
            }
        }
    }

    @Test func jacobianMatchesClosedFormWithinEstimates() {
        var rng = SplitMix64(seed: 12)
        for _ in 0..<50 {
            let x = (0..<3).map { _ in Double.random(in: -2...2, using: &rng) }
            let numeric = NumericDifferentiation.jacobian(of: curve, at: x)
            let exact = curveJacobian(x)
            #expect(numeric.count == 3 && numeric.allSatisfy { $0.count == 3 })
            for i in 0..<3 {
                for j in 0..<3 {
                    let entry = numeric[i][j]
                    #expect(Swift.abs(entry.value - exact[i][j]) <= Self.safetyFactor * entry.errorEstimate)
                }
            }
        }
    }

    @Test func gradientCheckPassesForCorrectGradient() {
        var rng = SplitMix64(seed: 13)
        let x = (0..<9).map { _ in Double.random(in: -2...2, using: &rng) }
        let report = NumericDifferentiation.checkGradient(of: coupled, gradient: coupledGradient, at: x)
        #expect(report.passed, "\(report)")
        #expect(report.eps == 1e-6 && report.atol == 1e-5 && report.rtol == 1e-3)
        #expect(report.absoluteError <= report.atol + report.rtol * Swift.abs(report.numeric))
    }

    @Test func gradientCheckNamesTheCorruptedEntry() {
        var rng = SplitMix64(seed: 14)
        for corrupted in 0..<9 {
            let x = (0..<9).map { _ in Double.random(in: -2...2, using: &rng) }
            let shift = 0.01 * (1 + Swift.abs(coupledGradient(x)[corrupted]))
            let report = NumericDifferentiation.checkGradient(
                of: coupled,
                gradient: { point in
                    var g = coupledGradient(point)
                    g[corrupted] += shift
                    return g
                }, at: x)
            #expect(!report.passed)
            #expect(report.worstIndex == corrupted)
            #expect(Swift.abs(report.analytic - report.numeric - shift) <= 1e-6)
            #expect(report.relativeError == report.absoluteError / Swift.abs(report.numeric))
        }
    }
}
