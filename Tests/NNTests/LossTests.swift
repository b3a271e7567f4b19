import GraphGrad
import Testing
import _TestSupport

/// Cross-entropy composed from tensor operations: the oracle for the fused op.
private func composedCrossEntropy(
    _ logits: Tensor<Double>, labels: [Int], rows: [Int]?, smoothing: Double
) -> Tensor<Double> {
    let selected = rows ?? Array(labels.indices)
    let classes = logits.shape[1]
    let targets = Tensor<Double>(selected.map { r in
        (0..<classes).map { c in (c == labels[r] ? 1 - smoothing : 0) + smoothing / Double(classes) }
    })
    return -(logits.gatheringRows(selected).logSoftmax(along: 1) * targets).sum() / Double(selected.count)
}

@Suite("Losses: values against composed oracles, gradients against central differences")
struct LossTests {
    static let cases: [(rows: [Int]?, smoothing: Double)] = [(nil, 0), ([0, 2, 5, 2], 0), (nil, 0.1), ([1, 4, 6], 0.25)]

    @Test(arguments: 0..<4)
    func crossEntropyMatchesComposedVersion(_ k: Int) {
        let (rows, smoothing) = Self.cases[k]
        let logits = randomTensor([7, 4], in: -3...3, seed: UInt64(k))
        var g = SplitMix64(seed: 50 + UInt64(k))
        let labels = (0..<7).map { _ in Int.random(in: 0..<4, using: &g) }
        let fused = crossEntropy(logits: logits, labels: labels, rows: rows, labelSmoothing: smoothing)
        let composed = composedCrossEntropy(logits, labels: labels, rows: rows, smoothing: smoothing)
        #expect(Swift.abs(fused.scalar - composed.scalar) < 1e-13)
        let gFused = gradient(at: [logits]) { crossEntropy(logits: $0[0], labels: labels, rows: rows, labelSmoothing: smoothing) }
        let gComposed = gradient(at: [logits]) { composedCrossEntropy($0[0], labels: labels, rows: rows, smoothing: smoothing) }
        for (a, b) in zip(gFused[0].scalars, gComposed[0].scalars) { #expect(Swift.abs(a - b) < 1e-14) }
        let v = randomTensor([7, 4], seed: 60)
        let hvFused = hessianVectorProductReverse(at: [logits], along: [v]) {
            crossEntropy(logits: $0[0], labels: labels, rows: rows, labelSmoothing: smoothing)
        }
        let hvComposed = hessianVectorProductReverse(at: [logits], along: [v]) {
            composedCrossEntropy($0[0], labels: labels, rows: rows, smoothing: smoothing)
        }
        for (a, b) in zip(hvFused[0].scalars, hvComposed[0].scalars) { #expect(Swift.abs(a - b) < 1e-13) }
        expectDifferentiable(at: [logits]) { crossEntropy(logits: $0[0], labels: labels, rows: rows, labelSmoothing: smoothing) }
    }

    /// Off the tape the pullback exponentiates the forward's log-softmax; on it (a graph of the
    /// backward pass) it recomputes the softmax from the logits. Both must give the same bits.
    @Test(arguments: 0..<4)
    func crossEntropyGradientIsTheSameOnAndOffTheTape(_ k: Int) {
        let (rows, smoothing) = Self.cases[k]
        let logits = randomTensor([7, 4], in: -3...3, seed: 70 + UInt64(k)).requiringGradient()
        let labels = (0..<7).map { ($0 * 3 + k) % 4 }
        func gradient(createGraph: Bool) -> [UInt64] {
            crossEntropy(logits: logits, labels: labels, rows: rows, labelSmoothing: smoothing)
                .gradients(wrt: [logits], createGraph: createGraph)[0].scalars.map(\.bitPattern)
        }
        #expect(gradient(createGraph: false) == gradient(createGraph: true))
    }

    @Test func crossEntropyIsStableForLargeLogits() {
        let logits = Tensor<Double>([[1000, -1000, 0], [-500, 700, 699]])
        let loss = crossEntropy(logits: logits, labels: [0, 2], rows: nil)
        // Row 0: log(1 + e⁻¹⁰⁰⁰ + e⁻¹⁰⁰⁰) ≈ 0; row 1: log(1 + e) − 0 ≈ 1 + log(1 + e⁻¹).
        let expected = (0 + (1 + Double.log(1 + Double.exp(-1)))) / 2
        #expect(loss.scalar.isFinite && Swift.abs(loss.scalar - expected) < 1e-12)
    }

    @Test func crossEntropyWithMaskEqualsRows() {
        let logits = randomTensor([5, 3], seed: 70)
        let labels = [0, 2, 1, 1, 0]
        let mask = [true, false, true, true, false]
        #expect(crossEntropy(logits: logits, labels: labels, mask: mask) == crossEntropy(logits: logits, labels: labels, rows: [0, 2, 3]))
    }

    @Test func nllOfLogSoftmaxEqualsCrossEntropy() {
        let logits = randomTensor([6, 3], seed: 71)
        let labels = [2, 0, 1, 1, 2, 0]
        let nll = nllLoss(logProbabilities: logits.logSoftmax(along: 1), labels: labels, rows: [1, 3, 4])
        #expect(Swift.abs(nll.scalar - crossEntropy(logits: logits, labels: labels, rows: [1, 3, 4]).scalar) < 1e-14)
        expectDifferentiable(at: [logits]) { nllLoss(logProbabilities: $0[0], labels: labels, rows: [1, 3, 4]) }
    }

    @Test func binaryCrossEntropyFromLogits() {
        let logits = randomTensor([4, 3], in: -4...4, seed: 72)
        let targets = randomTensor([4, 3], in: 0...1, seed: 73)
        let loss = binaryCrossEntropy(logits: logits, targets: targets)
        var total = 0.0
        for (x, y) in zip(logits.scalars, targets.scalars) {
            let p: Double = 1 / (1 + Double.exp(-x))
            total -= y * Double.log(p) + (1 - y) * Double.log(1 - p)
        }
        let expected = total / 12
        #expect(Swift.abs(loss.scalar - expected) < 1e-13)
        expectDifferentiable(at: [logits, targets]) { binaryCrossEntropy(logits: $0[0], targets: $0[1]) }
        let extreme = binaryCrossEntropy(logits: Tensor([800.0, -800]), targets: Tensor([0.0, 1]))
        #expect(Swift.abs(extreme.scalar - 800) < 1e-9)
    }

    @Test func meanSquaredError() {
        let a = randomTensor([3, 5], seed: 74)
        let b = randomTensor([3, 5], seed: 75)
        let expected = zip(a.scalars, b.scalars).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 15
        #expect(Swift.abs(GraphGrad.meanSquaredError(a, b).scalar - expected) < 1e-15)
        expectDifferentiable(at: [a, b]) { GraphGrad.meanSquaredError($0[0], $0[1]) }
    }

    @Test func accuracyCountsArgmaxHits() {
        let logits = Tensor<Double>([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]])
        let labels = [1, 1, 1, 0]
        var hits = 0
        for r in 0..<4 {
            let own: Double = logits.scalars[r * 2 + labels[r]]
            let other: Double = logits.scalars[r * 2 + 1 - labels[r]]
            if own > other { hits += 1 }
        }
        #expect(accuracy(logits: logits, labels: labels) == Double(hits) / 4)
        #expect(accuracy(logits: logits, labels: labels, rows: [0, 2]) == 1)
    }
}
