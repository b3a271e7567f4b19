import GraphGrad
import Testing
import _TestSupport

/// Same seed, same bits: results never depend on the number of threads.
@Suite("Determinism across thread counts", .serialized)
struct DeterminismTests {
    /// A small model-like computation large enough to be split across threads: a two-layer
    /// perceptron's loss and gradients on seeded inputs, plus elementwise ops, a broadcast and
    /// reductions over [1024, 300], more elements than one elementwise chunk holds.
    func run(threads: Int) -> [[Float]] {
        let previous = Threading.threadCount
        Threading.threadCount = threads
        defer { Threading.threadCount = previous }
        var generator = SplitMix64(seed: 42)
        let x = Tensor<Float>.normal([1024, 300], using: &generator)
        let w1 = Tensor<Float>.normal([300, 128], standardDeviation: 0.05, using: &generator).requiringGradient()
        let w2 = Tensor<Float>.normal([128, 10], standardDeviation: 0.05, using: &generator).requiringGradient()
        let bias = Tensor<Float>.normal([300], using: &generator).requiringGradient()
        let hidden = x.matmul(w1).relu()
        let elementwise = ((x + bias).tanh() * x).sum(along: 0).sum() * 1e-6
        let loss = hidden.matmul(w2).logSoftmax(along: 1).sum(along: 1).mean() + (x.exp().sum() * 1e-7) + elementwise
        let grads = loss.gradients(wrt: [w1, w2, bias])
        return [loss.scalars] + grads.map(\.scalars)
    }

    @Test("one and two threads give identical bits")
    func oneVersusTwoThreads() {
        let one = run(threads: 1)
        let two = run(threads: 2)
        #expect(one == two)
        #expect(one == run(threads: 1))
    }
}
