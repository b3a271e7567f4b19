import Foundation
import GraphGrad
import Testing
import _TestSupport

/// A two-layer MLP classifier with dropout.
private final class MLP: Layer {
    typealias Scalar = Float
    var isTraining = true
    let hidden: Linear<Float>
    let dropout: Dropout<Float>
    let output: Linear<Float>

    init(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        hidden = Linear(inputSize: 6, outputSize: 16, using: &g)
        dropout = Dropout(probability: 0.3, seed: seed &+ 1)
        output = Linear(inputSize: 16, outputSize: 3, using: &g)
    }

    func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float> { output(dropout(hidden(x).relu())) }
}

/// Features and labels of a small separable problem: the label is the argmax of three fixed
/// linear scores.
private func dataset(seed: UInt64) -> (Tensor<Float>, [Int]) {
    var g = SplitMix64(seed: seed)
    let x = Tensor<Float>.uniform([60, 6], low: -1, high: 1, using: &g)
    let w = Tensor<Float>.uniform([6, 3], low: -1, high: 1, using: &g)
    return (x, x.matmul(w).argmax(along: 1))
}

/// Trains for `epochs` with Adam and returns the final parameter bits.
private func train(seed: UInt64, epochs: Int) -> (bits: [[UInt32]], accuracy: Double) {
    let (x, y) = dataset(seed: 99)
    let model = MLP(seed: seed)
    let adam = Adam(
        groups: [ParameterGroup(parameters: model.hidden.parameters, weightDecay: 5e-4), ParameterGroup(parameters: model.output.parameters)],
        learningRate: 0.02)
    for _ in 0..<epochs {
        adam.zeroGrad()
        crossEntropy(logits: model(x), labels: y, rows: Array(0..<40)).backward()
        adam.step()
    }
    model.eval()
    return (model.parameters.map { $0.value.scalars.map(\.bitPattern) }, accuracy(logits: model(x), labels: y, rows: Array(0..<40)))
}

@Suite("Training: determinism, early stopping, checkpoints")
struct TrainingTests {
    @Test func sameSeedSameBits() {
        let a = train(seed: 1, epochs: 30)
        let b = train(seed: 1, epochs: 30)
        let c = train(seed: 2, epochs: 30)
        #expect(a.bits == b.bits)
        #expect(a.bits != c.bits)
    }

    @Test func trainingFitsTheTrainingRows() {
        #expect(train(seed: 3, epochs: 200).accuracy > 0.9)
    }

    @Test func earlyStoppingKeepsTheBestEpoch() {
        let p = Parameter(Tensor<Double>([0, 0]))
        let stopper = EarlyStopping<Double>(patience: 3, goal: .minimize, minimumDelta: 0.01)
        let losses = [1.0, 0.8, 0.7, 0.695, 0.75, 0.71, 0.72, 0.6]
        var stoppedAt: Int?
        for (epoch, loss) in losses.enumerated() {
            p.assign(Tensor([Double(epoch), loss]))
            stopper.record(metric: loss, epoch: epoch, parameters: [p])
            if stopper.shouldStop {
                stoppedAt = epoch
                break
            }
        }
        // 0.695 is not 0.01 better than 0.7, so epoch 2 stays best; epochs 3, 4, 5 fail to improve.
        let best = losses.indices.reduce(0) { best, e in losses[e] < losses[best] - 0.01 && e <= 5 ? e : best }
        #expect(stopper.bestEpoch == best && stoppedAt == best + 3)
        stopper.restoreBest(into: [p])
        #expect(p.value.scalars == [Double(best), losses[best]])
    }
}
