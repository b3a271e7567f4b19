import Calculus
import ComplexModule
import RealModule
import Testing
import _TestSupport

@Suite struct NumericDifferentiationTests {
    static let pointsPerFunction = 200

    /// Random points of each test function's domain, the same on every run.
    static func samples(seed: UInt64) -> [(NumericTestFunction, Double)] {
        var rng = SplitMix64(seed: seed)
        return NumericTestFunction.allCases.flatMap { f in
            (0..<pointsPerFunction).map { _ in (f, Double.random(in: f.domain, using: &rng)) }
        }
    }

    // The estimates model f as evaluated to within 1 ulp. The test functions chain up to four
    // rounded library calls and operations, so their values may be off by up to ~4 ulps: the
    // rounding part of an estimate may be low by that factor, hence the safety factor 4.
    static let centralSafetyFactor = 4.0
    // A one-sided estimate compares D(h) with D(h/2), whose noise is twice that of D(h); the
    // ~4-ulp noise of the test functions can cancel between the two, so twice the factor above.
    static let oneSidedSafetyFactor = 8.0

    @Test func centralErrorStaysWithinItsEstimate() {
        for (f, x) in Self.samples(seed: 1) {
            let result = NumericDifferentiation.derivative(of: { f($0) }, at: x)
            let error = Swift.abs(result.value - f.derivative(x))
            #expect(error <= Self.centralSafetyFactor * result.errorEstimate, "\(f) at \(x): \(result)")
            #expect(result.step == DifferenceScheme.central.defaultStep(at: x))
        }
    }

    @Test(arguments: [DifferenceScheme.forward, .backward])
    func oneSidedErrorStaysWithinItsEstimate(scheme: DifferenceScheme) {
        for (f, x) in Self.samples(seed: 2) {
            let result = NumericDifferentiation.derivative(of: { f($0) }, at: x, scheme: scheme)
            let error = Swift.abs(result.value - f.derivative(x))
            #expect(error <= Self.oneSidedSafetyFactor * result.errorEstimate, "\(f) at \(x): \(result)")
        }
    }

    @Test func defaultStepsFollowPrecisionAndScaleAndAreRepresentable() {
        for x in [0.0, 0.5, -3.0, 1e6, -2.5e-3, 7.25] {
            let scale = Swift.max(Swift.abs(x), 1)
            let central = DifferenceScheme.central.defaultStep(at: x)
            let forward = DifferenceScheme.forward.defaultStep(at: x)
            #expect((x + central) - x == central)
            #expect((x + forward) - x == forward)
            #expect(Swift.abs(central / (Double.root(.ulpOfOne, 3) * scale) - 1) < 1e-9)
            #expect(Swift.abs(forward / (Double.ulpOfOne.squareRoot() * scale) - 1) < 1e-9)
        }
    }

    @Test func richardsonIsMoreAccurateThanCentral() {
        var centralTotal = 0.0
        var extrapolatedTotal = 0.0
        for (f, x) in Self.samples(seed: 3) {
            let exact = f.derivative(x)
            let central = NumericDifferentiation.derivative(of: { f($0) }, at: x)
            let extrapolated = NumericDifferentiation.richardson(of: { f($0) }, at: x)
            let centralError = Swift.abs(central.value - exact)
            let extrapolatedError = Swift.abs(extrapolated.value - exact)
            // Pointwise, Richardson reaches at least the accuracy central differences promise;
            // where central lands on the rounding floor by luck, it may not beat that luck.
            #expect(
                extrapolatedError <= central.errorEstimate,
                "\(f) at \(x): Richardson \(extrapolated), central \(central), exact \(exact)")
            centralTotal += centralError
            extrapolatedTotal += extrapolatedError
        }
        // Overall it is more accurate by orders of magnitude (O(h²ᵏ) against O(h²)).
        #expect(extrapolatedTotal * 100 <= centralTotal, "\(extrapolatedTotal) vs \(centralTotal)")
    }

    @Test func complexStepMatchesClosedFormToRounding() {
        // The closed forms are themselves rounded: a few ulps of the larger of |f′| and 1.
        let tolerance = 8 * Double.ulpOfOne
        for (f, x) in Self.samples(seed: 4) {
            let exact = f.derivative(x)
            let result = NumericDifferentiation.complexStepDerivative({ f($0) }, at: x)
            #expect(
                Swift.abs(result.value - exact) <= tolerance * Swift.max(Swift.abs(exact), 1),
                "\(f) at \(x): \(result.value) vs \(exact)")
        }
    }

    @Test func errorTableShowsTruncationFallingThenRoundingRising() throws {
        var rng = SplitMix64(seed: 5)
        for f in NumericTestFunction.allCases {
            let x = Double.random(in: f.domain, using: &rng)
            let table = NumericDifferentiation.stepErrorTable(
                of: { f($0) }, at: x, reference: f.derivative(x))
            let best = try #require(table.bestRow)
            let largest = try #require(table.rows.first)
            let smallest = try #require(table.rows.last)
            // Both ends are far worse than the optimum: truncation on the left, rounding on the right.
            #expect(largest.error > 100 * best.error, "\(f) at \(x)")
            #expect(smallest.error > 100 * best.error, "\(f) at \(x)")
            // The chosen step lands within a factor 1000 of the best achievable error.
            let chosen = NumericDifferentiation.derivative(of: { f($0) }, at: x, step: table.chosenStep)
            #expect(Swift.abs(chosen.value - table.reference) <= 1000 * best.error, "\(f) at \(x)")
            // Log–log slopes: +2 where truncation rules (O(h²)), about −1 where rounding does.
            let truncationSlope = slope(table.rows.filter { $0.step >= 1e-2 * Swift.max(Swift.abs(x), 1) })
            let roundingSlope = slope(table.rows.filter { $0.step <= 1e-10 * Swift.max(Swift.abs(x), 1) })
            #expect(Swift.abs(truncationSlope - 2) < 0.3, "\(f) at \(x): truncation slope \(truncationSlope)")
            #expect(roundingSlope < -0.5, "\(f) at \(x): rounding slope \(roundingSlope)")
        }
    }

    /// Least-squares slope of log(error) against log(step); exact zeros are skipped.
    private func slope(_ rows: [StepErrorTable.Row]) -> Double {
        let points = rows.filter { $0.error > 0 }.map { (Double.log($0.step), Double.log($0.error)) }
        let n = Double(points.count)
        let meanX = points.map(\.0).reduce(0, +) / n
        let meanY = points.map(\.1).reduce(0, +) / n
        let covariance = points.map { ($0.0 - meanX) * ($0.1 - meanY) }.reduce(0, +)
        let variance = points.map { ($0.0 - meanX) * ($0.0 - meanX) }.reduce(0, +)
        return covariance / variance
    }

    @Test func errorTableDefaultsToRichardsonReference() {
        let table = NumericDifferentiation.stepErrorTable(of: { Double.exp($0) }, at: 0.7)
        #expect(Swift.abs(table.reference - Double.exp(0.7)) <= 1e-12)
        #expect(table.rows.count == 57)
        #expect(zip(table.rows, table.rows.dropFirst()).allSatisfy { $0.step > $1.step })
    }
}
