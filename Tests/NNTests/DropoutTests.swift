import GraphGrad
import Testing
import _TestSupport

@Suite("Dropout: keep rate, scaling, modes, seeds")
struct DropoutTests {
    @Test(arguments: [0.1, 0.5, 0.8])
    func keepRateAndScaling(_ p: Double) {
        let n = 200_000
        let x = randomTensor([n], in: 1...2, seed: 1)
        let y = Dropout<Double>(probability: p, seed: 2)(x)
        var kept = 0
        for (xi, yi) in zip(x.scalars, y.scalars) where yi != 0 {
            kept += 1
            #expect(Swift.abs(yi - xi / (1 - p)) < 1e-12)
        }
        // The kept count is Binomial(n, 1 − p): allow five standard deviations.
        let sigma = (Double(n) * p * (1 - p)).squareRoot()
        #expect(Swift.abs(Double(kept) - Double(n) * (1 - p)) < 5 * sigma)
    }

    @Test func evaluationModeIsIdentity() {
        let x = randomTensor([50, 4], seed: 3)
        let dropout = Dropout<Double>(probability: 0.5, seed: 4)
        dropout.eval()
        #expect(dropout(x) == x)
        #expect(Dropout<Double>(probability: 0, seed: 4)(x) == x)
        #expect(Dropout<Double>(probability: 1, seed: 4)(x) == Tensor.zeros([50, 4]))
    }

    @Test func sameSeedSameMasks() {
        let x = randomTensor([300], seed: 5)
        let (a, b, c) = (Dropout<Float>(probability: 0.3, seed: 6), Dropout<Float>(probability: 0.3, seed: 6), Dropout<Float>(probability: 0.3, seed: 7))
        let xf = Tensor<Float>(shape: x.shape, scalars: x.scalars.map(Float.init))
        let first = a(xf)
        #expect(first == b(xf))
        #expect(first != c(xf))
        #expect(a(xf) != first)  // each call draws a fresh mask
    }

    @Test func gradientFlowsThroughKeptElementsOnly() {
        let x = randomTensor([40], seed: 8).requiringGradient()
        let dropout = Dropout<Double>(probability: 0.4, seed: 9)
        let y = dropout(x)
        let g = y.sum().gradients(wrt: [x])[0]
        for (yi, gi) in zip(y.scalars, g.scalars) { #expect(gi == (yi == 0 ? 0 : 1 / 0.6)) }
    }

    @Test func sparseValuesAndKeptIndices() {
        let values = randomTensor([1000], in: 1...2, seed: 10)
        let dropped = Dropout<Double>(probability: 0.25, seed: 11).dropping(values: values)
        let kept = Dropout<Double>(probability: 0.25, seed: 11).keptIndices(count: 1000)
        // The same stream decides both: the kept indices are where the values survive.
        #expect(kept == dropped.scalars.indices.filter { dropped.scalars[$0] != 0 })
    }

    /// The vectorized mask is the scalar generator's draw, element for element: kept exactly
    /// where `nextUniform() < 1 − p`, for lengths that do and do not fill the vectors, and for
    /// masks drawn in chunks on one or two threads.
    @Test(arguments: [0.0, 0.1, 0.5, 0.6, 0.999])
    func maskMatchesTheScalarGenerator(probability: Double) {
        let original = Threading.threadCount
        defer { Threading.threadCount = original }
        for (count, threads) in [(1, 1), (7, 1), (16, 1), (33, 1), (1000, 1), (100_003, 1), (100_003, 2)] {
            Threading.threadCount = threads
            var reference = SplitMix64(seed: 12)
            let keep = 1 - probability
            let expected = (0..<count).map { _ in reference.nextUniform() < keep }
            let float = Dropout<Float>(probability: probability, seed: 12).mask(shape: [count])
            let double = Dropout<Double>(probability: probability, seed: 12).mask(shape: [count])
            #expect(float.scalars.map { $0 != 0 } == expected)
            #expect(double.scalars.map { $0 != 0 } == expected)
            #expect(Set(double.scalars).isSubset(of: [0, 1 / keep]))
        }
    }
}
