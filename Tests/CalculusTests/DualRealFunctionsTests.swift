import Calculus
import RealModule
import Testing
import _TestSupport

/// The `Real` functions outside the rule table, with where to sample them.
private let functions: [(name: String, range: ClosedRange<Double>, f: @Sendable (Dual<Double>) -> Dual<Double>, plain: @Sendable (Double) -> Double)] = [
    ("acosh", 1.1...5, { .acosh($0) }, { .acosh($0) }),
    ("asinh", -4...4, { .asinh($0) }, { .asinh($0) }),
    ("atanh", -0.9...0.9, { .atanh($0) }, { .atanh($0) }),
    ("exp2", -3...3, { .exp2($0) }, { .exp2($0) }),
    ("exp10", -2...2, { .exp10($0) }, { .exp10($0) }),
    ("log2", 0.1...5, { .log2($0) }, { .log2($0) }),
    ("log10", 0.1...5, { .log10($0) }, { .log10($0) }),
    ("pow3", -3...3, { .pow($0, 3) }, { .pow($0, 3) }),
    ("pow-2", 0.3...3, { .pow($0, -2) }, { .pow($0, -2) }),
    ("root3", -3...3, { .root($0, 3) }, { .root($0, 3) }),
    ("hypot", -3...3, { .hypot($0, 1.5) }, { .hypot($0, 1.5) }),
    ("cosMinusOne", -3...3, { .cosMinusOne($0) }, { .cosMinusOne($0) }),
]

@Suite struct DualRealFunctionsTests {
    // Same 4-ulp justification as in DualPrimitiveTests.
    static let safetyFactor = 4.0

    @Test func derivativesMatchCentralDifferences() {
        var rng = SplitMix64(seed: 500)
        for (name, range, f, plain) in functions {
            for _ in 0..<50 {
                var x = 0.0
                repeat { x = Double.random(in: range, using: &rng) } while Swift.abs(x) < 0.05
                let y = f(Dual(x, derivative: 1))
                let numeric = NumericDifferentiation.derivative(of: plain, at: x)
                #expect(y.value == plain(x), "\(name) at \(x)")
                #expect(
                    Swift.abs(y.derivative - numeric.value) <= Self.safetyFactor * numeric.errorEstimate,
                    "\(name) at \(x): dual \(y.derivative), numeric \(numeric)")
            }
        }
    }

    @Test func integerPowerIsDifferentiableAtZeroAndNegativeBase() {
        #expect(Dual.pow(Dual(0.0, derivative: 1), 2).derivative == 0)
        #expect(Dual.pow(Dual(-2.0, derivative: 1), 3).derivative == 12)
        #expect(Dual.pow(Dual(-2.0, derivative: 1), 0).derivative == 0)
    }

    @Test func functionsWithoutRuleHaveExactValueAndNaNDerivative() {
        let x = Dual(0.7, derivative: 1)
        #expect(Dual.erf(x).value == Double.erf(0.7) && Dual.erf(x).derivative.isNaN)
        #expect(Dual.erfc(x).value == Double.erfc(0.7) && Dual.erfc(x).derivative.isNaN)
        #expect(Dual.gamma(x).value == Double.gamma(0.7) && Dual.gamma(x).derivative.isNaN)
        #expect(Dual.logGamma(x).value == Double.logGamma(0.7) && Dual.logGamma(x).derivative.isNaN)
        #expect(Dual<Double>.signGamma(Dual(-0.5)) == Double.signGamma(-0.5))
    }

    @Test func floatingPointMembersHaveTheirDocumentedDerivatives() {
        var rng = SplitMix64(seed: 501)
        for _ in 0..<50 {
            let v = Double.random(in: -50...50, using: &rng)
            let d = Double.random(in: -2...2, using: &rng)
            let x = Dual(v, derivative: d)
            for rule in [FloatingPointRoundingRule.down, .up, .towardZero, .toNearestOrEven] {
                #expect(x.rounded(rule) == Dual(v.rounded(rule)) && x.rounded(rule).derivative == 0)
            }
            #expect(x.nextUp.value == v.nextUp && x.nextUp.derivative == d)
            #expect(x.nextDown.value == v.nextDown && x.nextDown.derivative == d)
            #expect(x.ulp.value == v.ulp && x.ulp.derivative == 0)
            // significand · 2^exponent reassembles x, derivative included.
            let rebuilt = Dual(sign: x.sign, exponent: x.exponent, significand: x.significand)
            #expect(rebuilt.value == v && rebuilt.derivative == d)
            let flipped = Dual(signOf: Dual(-v), magnitudeOf: x)
            #expect(flipped.value == -v && flipped.derivative == -d)
            let y = Dual(Double.random(in: 0.5...3, using: &rng), derivative: 1)
            let r = x.truncatingRemainder(dividingBy: y)
            let n = (v / y.value).rounded(.towardZero)
            #expect(r.value == v.truncatingRemainder(dividingBy: y.value))
            #expect(r.derivative == d - n)
            #expect(x.magnitude.squareRoot().derivative == Dual.sqrt(x.magnitude).derivative)
        }
    }

    @Test func comparisonsAndHashingUseTheValue() {
        let a = Dual(1.5, derivative: 3)
        let b = Dual(1.5, derivative: -1)
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(Dual(1.0, derivative: 9) < Dual(2.0, derivative: -9))
        #expect(Dual<Double>.nan.isNaN && Dual<Double>.infinity.isInfinite)
        let literal: Dual<Double> = 2.5
        #expect(literal.value == 2.5 && literal.derivative == 0)
    }
}
