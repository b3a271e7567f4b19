import Calculus
import RealModule
import Testing
import _TestSupport

/// Where each primitive is sampled: inside its domain, away from kinks and poles so that a
/// central difference of width ~1e-5 does not straddle one.
private func samplingRange(_ p: UnaryPrimitive) -> ClosedRange<Double> {
    switch p {
    case .log, .sqrt: return 0.1...3
    case .asin, .acos: return -0.9...0.9
    case .tan: return -1.3...1.3
    case .log1p: return -0.9...3
    default: return -3...3
    }
}

private func samples(_ p: UnaryPrimitive, count: Int, using rng: inout SplitMix64) -> [Double] {
    (0..<count).map { _ in
        var x = 0.0
        // Kinks of abs, relu, sign and step sit at 0.
        repeat { x = Double.random(in: samplingRange(p), using: &rng) } while Swift.abs(x) < 1e-2
        return x
    }
}

@Suite struct DualPrimitiveTests {
    // Central differences are trusted to 4× their own estimate: the primitives are single
    // library calls (≤ 1 ulp) or short compositions (≤ 4 ulps), see NumericDifferentiationTests.
    static let safetyFactor = 4.0

    @Test(arguments: UnaryPrimitive.allCases)
    func unaryDerivativeMatchesCentralDifference(_ p: UnaryPrimitive) {
        var rng = SplitMix64(seed: 100 + UInt64(UnaryPrimitive.allCases.firstIndex(of: p)!))
        for x in samples(p, count: 50, using: &rng) {
            let y = Dual<Double>.apply(p, Dual(x, derivative: 1))
            let numeric = NumericDifferentiation.derivative(of: { p($0) }, at: x)
            #expect(y.value == p(x))
            #expect(
                Swift.abs(y.derivative - numeric.value) <= Self.safetyFactor * numeric.errorEstimate,
                "\(p) at \(x): dual \(y.derivative), numeric \(numeric)")
        }
    }

    @Test(arguments: UnaryPrimitive.allCases)
    func nestedSecondDerivativeMatchesCentralDifferenceOfFirst(_ p: UnaryPrimitive) {
        var rng = SplitMix64(seed: 200 + UInt64(UnaryPrimitive.allCases.firstIndex(of: p)!))
        let first = { (x: Double) in ForwardMode.derivative(of: { Dual.apply(p, $0) }, at: x) }
        for x in samples(p, count: 50, using: &rng) {
            let second = ForwardMode.derivative(
                of: { (x: Dual<Double>) in
                    ForwardMode.derivative(of: { (y: Dual<Dual<Double>>) in Dual.apply(p, y) }, at: x)
                }, at: x)
            let numeric = NumericDifferentiation.derivative(of: first, at: x)
            // The rules build f′ from terms as large as max(1, |f′|) (1 − tanh², y·(1 − y)), so
            // f′ carries absolute noise ε·max(1, |f′|) rather than the ε·|f′| the estimate's
            // rounding model assumes; the difference quotient divides that noise by h.
            let ruleNoise = Double.ulpOfOne * Swift.max(1, Swift.abs(first(x))) / numeric.step
            #expect(
                Swift.abs(second - numeric.value) <= Self.safetyFactor * (numeric.errorEstimate + ruleNoise),
                "\(p) at \(x): dual \(second), numeric \(numeric)")
        }
    }

    @Test(arguments: BinaryPrimitive.allCases)
    func binaryPartialsMatchCentralDifferences(_ p: BinaryPrimitive) {
        var rng = SplitMix64(seed: 300 + UInt64(BinaryPrimitive.allCases.firstIndex(of: p)!))
        for _ in 0..<50 {
            let x = p == .pow ? Double.random(in: 0.2...3, using: &rng) : Double.random(in: -3...3, using: &rng)
            var y = 0.0
            // Keep y off 0 (divide) and off x (the kink of max/min).
            repeat { y = Double.random(in: -3...3, using: &rng) } while Swift.abs(y) < 0.1 || Swift.abs(y - x) < 0.1
            let dx = Dual<Double>.apply(p, Dual(x, derivative: 1), Dual(y)).derivative
            let dy = Dual<Double>.apply(p, Dual(x), Dual(y, derivative: 1)).derivative
            let numeric = NumericDifferentiation.gradient(of: { p($0[0], $0[1]) }, at: [x, y])
            for (dual, estimate) in zip([dx, dy], numeric) {
                #expect(
                    Swift.abs(dual - estimate.value) <= Self.safetyFactor * estimate.errorEstimate,
                    "\(p) at (\(x), \(y)): dual \(dual), numeric \(estimate)")
            }
        }
    }

    @Test func subgradientsAtKinksFollowTheTable() {
        let zero = Dual(0.0, derivative: 1)
        #expect(Dual.apply(.abs, zero).derivative == 0)
        #expect(zero.magnitude.derivative == 0)
        #expect(Dual.apply(.relu, zero).derivative == 0)
        let tie = Dual(2.0, derivative: 1, tag: .none)
        let other = Dual(2.0, derivative: 5)
        #expect(Dual.apply(.maximum, tie, other).derivative == 1)
        #expect(Dual.apply(.minimum, tie, other).derivative == 1)
        #expect(Dual.hypot(zero, Dual(0.0, derivative: 3)).derivative == 0)
    }

    @Test func genericFunctionsMatchClosedForms() {
        var rng = SplitMix64(seed: 400)
        // Chain rule and closed form round differently: a few ulps of max(|f′|, 1).
        let tolerance = 8 * Double.ulpOfOne
        for f in NumericTestFunction.allCases {
            for _ in 0..<100 {
                let x = Double.random(in: f.domain, using: &rng)
                let dual = ForwardMode.derivative(of: { f($0) }, at: x)
                let exact = f.derivative(x)
                #expect(Swift.abs(dual - exact) <= tolerance * Swift.max(Swift.abs(exact), 1), "\(f) at \(x)")
            }
        }
    }
}
