import GraphGrad
import Testing

/// Sample mean and variance.
private func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
    let mean = x.reduce(0, +) / Double(x.count)
    return (mean, x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1))
}

@Suite("Initializers: ranges and variances")
struct InitializerTests {
    @Test func fans() {
        #expect(Tensor<Double>.fans(of: [30, 20]) == (30, 20))
        #expect(Tensor<Double>.fans(of: [3, 30, 20]) == (90, 60))
        #expect(Tensor<Double>.fans(of: [7]) == (7, 7))
    }

    @Test func glorot() {
        var g = SplitMix64(seed: 1)
        let shape = [300, 200]
        let bound = (6.0 / 500).squareRoot()
        let u = Tensor<Double>.glorotUniform(shape, using: &g).scalars
        #expect(u.allSatisfy { Swift.abs($0) <= bound })
        expectMoments(u, variance: bound * bound / 3, kurtosisFactor: 1.8)
        let n = Tensor<Double>.glorotNormal(shape, gain: 2, using: &g).scalars
        expectMoments(n, variance: 4 * 2.0 / 500, kurtosisFactor: 3)
    }

    @Test func kaiming() {
        var g = SplitMix64(seed: 2)
        let shape = [400, 150]
        let n = Tensor<Double>.kaimingNormal(shape, using: &g).scalars
        expectMoments(n, variance: 2.0 / 400, kurtosisFactor: 3)
        let slope = 0.2
        let u = Tensor<Double>.kaimingUniform(shape, negativeSlope: slope, mode: .fanOut, using: &g).scalars
        let variance = 2 / (1 + slope * slope) / 150
        #expect(u.allSatisfy { Swift.abs($0) <= (3 * variance).squareRoot() })
        expectMoments(u, variance: variance, kurtosisFactor: 1.8)
    }

    @Test func sameSeedSameValues() {
        var a = SplitMix64(seed: 3)
        var b = SplitMix64(seed: 3)
        #expect(Tensor<Float>.glorotUniform([5, 4], using: &a) == Tensor<Float>.glorotUniform([5, 4], using: &b))
    }

    /// The sample mean is within 5 standard errors of 0 and the sample variance within 5
    /// standard errors of `variance` (its standard error is σ²√((κ − 1)/n) for kurtosis κ:
    /// 1.8 uniform, 3 normal).
    private func expectMoments(_ x: [Double], variance: Double, kurtosisFactor: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        let (mean, sampleVariance) = moments(x)
        let n = Double(x.count)
        #expect(Swift.abs(mean) < 5 * (variance / n).squareRoot(), sourceLocation: sourceLocation)
        #expect(Swift.abs(sampleVariance - variance) < 5 * variance * ((kurtosisFactor - 1) / n).squareRoot(), sourceLocation: sourceLocation)
    }
}
