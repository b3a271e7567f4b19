import Calculus
import RealModule
import Testing
import _TestSupport

private func rosenbrock<R: Real>(_ x: [R]) -> R {
    var sum: R = 0
    for i in 0..<(x.count - 1) {
        let a = x[i + 1] - x[i] * x[i]
        let b = 1 - x[i]
        sum += 100 * a * a + b * b
    }
    return sum
}

private func rosenbrockGradient(_ x: [Double]) -> [Double] {
    var g = [Double](repeating: 0, count: x.count)
    for i in 0..<(x.count - 1) {
        let a = x[i + 1] - x[i] * x[i]
        g[i] += -400 * x[i] * a - 2 * (1 - x[i])
        g[i + 1] += 200 * a
    }
    return g
}

private func rosenbrockHessian(_ x: [Double]) -> [[Double]] {
    var h = Array(repeating: [Double](repeating: 0, count: x.count), count: x.count)
    for i in 0..<(x.count - 1) {
        h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2
        h[i][i + 1] += -400 * x[i]
        h[i + 1][i] += -400 * x[i]
        h[i + 1][i + 1] += 200
    }
    return h
}

/// A function mixing every kind of operation: Σ exp(sin xᵢ·xᵢ₊₁) / (1 + xᵢ²) + log1p(Σ xᵢ²).
private func mixed<R: Real>(_ x: [R]) -> R {
    var sum: R = 0
    var squares: R = 0
    for i in x.indices {
        squares += x[i] * x[i]
        if i + 1 < x.count { sum += R.exp(R.sin(x[i]) * x[i + 1]) / (1 + x[i] * x[i]) }
    }
    return sum + R.log(onePlus: squares)
}

/// (x₀x₁ sin x₂, Σ tanh xᵢ, √(1 + x₀²)·x_last): a map from n inputs to 3 outputs.
private func vectorMap<R: Real>(_ x: [R]) -> [R] {
    [x[0] * x[1] * R.sin(x[2]), x.reduce(0) { $0 + R.tanh($1) }, R.sqrt(1 + x[0] * x[0]) * x[x.count - 1]]
}

private func randomPoint(_ n: Int, _ rng: inout SplitMix64) -> [Double] {
    (0..<n).map { _ in Double.random(in: -1.5...1.5, using: &rng) }
}

/// The gradient by n passes of scalar duals: the reference vector mode must equal exactly.
private func scalarModeGradient(_ f: ([Dual<Double>]) -> Dual<Double>, at x: [Double]) -> [Double] {
    x.indices.map { j in
        ForwardMode.derivative(
            of: { (t: Dual<Double>) in f(x.indices.map { $0 == j ? t : Dual(x[$0]) }) }, at: x[j])
    }
}

@Suite struct DualForwardModeTests {
    // Same 4-ulp justification as in DualPrimitiveTests.
    static let safetyFactor = 4.0

    @Test func gradientOfRosenbrockMatchesClosedFormAndCentralDifferences() {
        var rng = SplitMix64(seed: 600)
        for n in [2, 7, 8, 13, 17] {
            let x = randomPoint(n, &rng)
            let gradient = ForwardMode.gradient(of: { rosenbrock($0) }, at: x)
            let exact = rosenbrockGradient(x)
            let numeric = NumericDifferentiation.gradient(of: { rosenbrock($0) }, at: x)
            for j in 0..<n {
                #expect(Swift.abs(gradient[j] - exact[j]) <= 8 * Double.ulpOfOne * Swift.max(Swift.abs(exact[j]), 1))
                #expect(Swift.abs(gradient[j] - numeric[j].value) <= Self.safetyFactor * numeric[j].errorEstimate)
            }
        }
    }

    @Test func gradientOfRandomFunctionMatchesCentralDifferences() {
        var rng = SplitMix64(seed: 601)
        for n in [3, 9, 20] {
            let x = randomPoint(n, &rng)
            let gradient = ForwardMode.gradient(of: { mixed($0) }, at: x)
            let numeric = NumericDifferentiation.gradient(of: { mixed($0) }, at: x)
            for j in 0..<n {
                #expect(Swift.abs(gradient[j] - numeric[j].value) <= Self.safetyFactor * numeric[j].errorEstimate)
            }
        }
    }

    @Test func vectorModeEqualsScalarModeExactly() {
        var rng = SplitMix64(seed: 602)
        for n in [1, 5, 8, 11, 19] {
            let x = randomPoint(n, &rng)
            let scalar = scalarModeGradient({ mixed($0) }, at: x)
            #expect(ForwardMode.gradient(of: { mixed($0) }, at: x) == scalar)
            #expect(ForwardMode.gradient(of: { mixed($0) }, at: x, chunk: SIMD2<Double>.self) == scalar)
            #expect(ForwardMode.gradient(of: { mixed($0) }, at: x, chunk: SIMD4<Double>.self) == scalar)
            #expect(ForwardMode.gradient(of: { rosenbrock($0) }, at: x) == scalarModeGradient({ rosenbrock($0) }, at: x))
        }
    }

    @Test func jacobianMatchesCentralDifferences() {
        var rng = SplitMix64(seed: 603)
        for n in [3, 10] {
            let x = randomPoint(n, &rng)
            let jacobian = ForwardMode.jacobian(of: { vectorMap($0) }, at: x)
            let numeric = NumericDifferentiation.jacobian(of: { vectorMap($0) }, at: x)
            #expect(jacobian.count == 3 && jacobian.allSatisfy { $0.count == n })
            for i in 0..<3 {
                for j in 0..<n {
                    #expect(
                        Swift.abs(jacobian[i][j] - numeric[i][j].value)
                            <= Self.safetyFactor * numeric[i][j].errorEstimate)
                }
            }
        }
    }

    @Test func hessianOfRosenbrockMatchesClosedForm() {
        var rng = SplitMix64(seed: 604)
        for n in [2, 9] {
            let x = randomPoint(n, &rng)
            let hessian = ForwardMode.hessian(of: { rosenbrock($0) }, at: x)
            let exact = rosenbrockHessian(x)
            for i in 0..<n {
                for j in 0..<n {
                    #expect(Swift.abs(hessian[i][j] - exact[i][j]) <= 8 * Double.ulpOfOne * Swift.max(Swift.abs(exact[i][j]), 1))
                }
            }
        }
    }

    @Test func hessianOfRandomFunctionMatchesDifferencesOfGradient() {
        var rng = SplitMix64(seed: 605)
        let x = randomPoint(10, &rng)
        let hessian = ForwardMode.hessian(of: { mixed($0) }, at: x)
        let numeric = NumericDifferentiation.jacobian(of: { ForwardMode.gradient(of: { mixed($0) }, at: $0) }, at: x)
        for i in x.indices {
            for j in x.indices {
                #expect(hessian[i][j] == hessian[j][i] || Swift.abs(hessian[i][j] - hessian[j][i]) <= 1e-14 * Swift.abs(hessian[i][j]))
                #expect(Swift.abs(hessian[i][j] - numeric[i][j].value) <= Self.safetyFactor * numeric[i][j].errorEstimate)
            }
        }
    }

    private struct ExpTimesSin: UnivariateRealFunction {
        func callAsFunction<R: Real>(_ x: R) -> R { R.exp(x) * R.sin(x) }
    }

    @Test func higherOrderDerivativesMatchClosedForm() {
        var rng = SplitMix64(seed: 606)
        for _ in 0..<10 {
            let x = Double.random(in: -2...2, using: &rng)
            for order in 0...5 {
                // dⁿ/dxⁿ eˣ sin x = 2^(n/2) eˣ sin(x + nπ/4).
                let exact = Double.pow(2, Double(order) / 2) * Double.exp(x) * Double.sin(x + Double(order) * .pi / 4)
                let nested = ForwardMode.derivative(of: ExpTimesSin(), at: x, order: order)
                #expect(Swift.abs(nested - exact) <= 64 * Double.ulpOfOne * Swift.max(Swift.abs(exact), 1), "order \(order) at \(x)")
            }
        }
    }

    @Test func nestedDerivativesAreNotConfused() {
        // d/dx [x · d/dy (x + y)] = d/dx [x · 1] = 1 at every x.
        var rng = SplitMix64(seed: 607)
        for _ in 0..<10 {
            let x0 = Double.random(in: -5...5, using: &rng)
            let d = ForwardMode.derivative(
                of: { (x: Dual<Double>) in
                    x * ForwardMode.derivative(of: { (y: Dual<Dual<Double>>) in Dual(x) + y }, at: x)
                }, at: x0)
            #expect(d == 1)
        }
    }

    @Test func mixingPerturbationsOnOneLevelStops() async {
        await #expect(processExitsWith: .failure) {
            // Both derivatives on Dual<Double>: x + y would add ε₁ and ε₂ as one and give 2.
            _ = ForwardMode.derivative(
                of: { (x: Dual<Double>) in
                    x * Dual(ForwardMode.derivative(of: { (y: Dual<Double>) in x + y }, at: 1.0))
                }, at: 1.0)
        }
    }

    @Test func returningAnOuterPerturbationStops() async {
        await #expect(processExitsWith: .failure) {
            // d/dy x (x from the outer level) is 0; reading x's outer derivative would give 1.
            _ = ForwardMode.derivative(
                of: { (x: Dual<Double>) in
                    x * Dual(ForwardMode.derivative(of: { (_: Dual<Double>) in x }, at: 1.0))
                }, at: 1.0)
        }
    }
}
