import GraphGrad
import Testing
import _TestSupport

/// Checks the gradient of `layer(x)` with respect to `x` and every parameter of `layer`,
/// first and second order, and forward mode against reverse mode.
private func expectLayerDifferentiable(
    _ layer: some Layer<Double>, input: Tensor<Double>, secondOrder: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let values = layer.parameters.map { $0.value.detached() }
    expectDifferentiable(at: [input] + values, secondOrder: secondOrder, sourceLocation: sourceLocation) { xs in
        layer.withParameters(Array(xs.dropFirst())) { layer(xs[0]) }
    }
}

/// Random values for every parameter, so that checks do not sit at special points (γ = 1, β = 0).
private func randomize(_ module: some Module<Double>, seed: UInt64) {
    for (k, p) in module.parameters.enumerated() { p.assign(randomTensor(p.shape, seed: seed + UInt64(k))) }
}

@Suite("Layers: whole-module gradient checks in Float64")
struct LayerGradientTests {
    @Test(arguments: [true, false])
    func linear(bias: Bool) {
        var g = SplitMix64(seed: 1)
        let layer = Linear<Double>(inputSize: 4, outputSize: 3, bias: bias, using: &g)
        randomize(layer, seed: 2)
        expectLayerDifferentiable(layer, input: randomTensor([5, 4], seed: 3))
        expectLayerDifferentiable(layer, input: randomTensor([2, 3, 4], seed: 4))
    }

    @Test func linearComputesXWPlusB() {
        var g = SplitMix64(seed: 5)
        let layer = Linear<Double>(inputSize: 3, outputSize: 2, using: &g)
        randomize(layer, seed: 6)
        let x = randomTensor([4, 3], seed: 7)
        let y = layer(x)
        let (w, b) = (layer.weight.value, layer.bias?.value ?? Tensor.zeros([2]))
        for i in 0..<4 {
            for j in 0..<2 {
                let expected = (0..<3).reduce(b.scalars[j]) { $0 + x.scalars[i * 3 + $1] * w.scalars[$1 * 2 + j] }
                #expect(Swift.abs(y.scalars[i * 2 + j] - expected) < 1e-14)
            }
        }
    }

    @Test func layerNorm() {
        let layer = LayerNorm<Double>(featureCount: 5)
        randomize(layer, seed: 8)
        expectLayerDifferentiable(layer, input: randomTensor([4, 5], seed: 9))
    }

    @Test func layerNormNormalizesRows() {
        let y = LayerNorm<Double>(featureCount: 6, epsilon: 0)(randomTensor([3, 6], in: -4...7, seed: 10))
        for r in 0..<3 {
            let row = Array(y.scalars[(r * 6)..<(r * 6 + 6)])
            let mean = row.reduce(0, +) / 6
            let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 6
            #expect(Swift.abs(mean) < 1e-12 && Swift.abs(variance - 1) < 1e-12)
        }
    }

    @Test func batchNormTraining() {
        let layer = BatchNorm<Double>(featureCount: 3)
        randomize(layer, seed: 11)
        expectLayerDifferentiable(layer, input: randomTensor([6, 3], seed: 12))
    }

    @Test func batchNormRunningStatisticsFollowPyTorch() {
        let layer = BatchNorm<Double>(featureCount: 2, momentum: 0.3)
        let batches = (0..<3).map { randomTensor([5, 2], in: -2...3, seed: 13 + UInt64($0)) }
        var (mean, variance) = ([0.0, 0.0], [1.0, 1.0])
        for x in batches {
            _ = layer(x)
            for f in 0..<2 {
                let column = (0..<5).map { x.scalars[$0 * 2 + f] }
                let m = column.reduce(0, +) / 5
                let unbiased = column.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 4
                mean[f] = 0.7 * mean[f] + 0.3 * m
                variance[f] = 0.7 * variance[f] + 0.3 * unbiased
            }
        }
        for f in 0..<2 {
            #expect(Swift.abs(layer.runningMean.value.scalars[f] - mean[f]) < 1e-14)
            #expect(Swift.abs(layer.runningVariance.value.scalars[f] - variance[f]) < 1e-14)
        }
        layer.eval()
        let x = randomTensor([4, 2], seed: 20)
        let y = layer(x)
        for i in 0..<4 {
            for f in 0..<2 {
                let expected = (x.scalars[i * 2 + f] - mean[f]) / (variance[f] + 1e-5).squareRoot()
                #expect(Swift.abs(y.scalars[i * 2 + f] - expected) < 1e-12)
            }
        }
    }

    @Test func sequentialMLP() {
        var g = SplitMix64(seed: 21)
        let mlp = Sequential<Double>(
            Linear(inputSize: 4, outputSize: 6, using: &g), Activation(.tanh),
            Linear(inputSize: 6, outputSize: 5, using: &g), Activation(.gelu),
            Linear(inputSize: 5, outputSize: 2, using: &g), Activation(.sigmoid))
        randomize(mlp, seed: 22)
        expectLayerDifferentiable(mlp, input: randomTensor([3, 4], seed: 23))
    }

    @Test(arguments: [ActivationFunction.relu, .leakyReLU(slope: 0.2), .elu(alpha: 1.5), .tanh, .sigmoid, .gelu])
    func activation(_ f: ActivationFunction) {
        // Away from the kink at 0 for the piecewise functions.
        let x = randomTensor([7], in: 0.1...2, seed: 24) * Tensor([1, -1, 1, -1, 1, -1, 1])
        expectDifferentiable(at: [x]) { f.apply($0[0]) }
    }

    @Test func geluMatchesItsFormula() {
        let x = randomTensor([9], in: -4...4, seed: 25)
        let y = x.gelu()
        for (xi, yi) in zip(x.scalars, y.scalars) {
            let expected = 0.5 * xi * (1 + Double.tanh((2 / Double.pi).squareRoot() * (xi + 0.044715 * xi * xi * xi)))
            #expect(Swift.abs(yi - expected) < 1e-14)
        }
    }
}
