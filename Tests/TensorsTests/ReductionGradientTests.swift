import GraphGrad
import Testing
import _TestSupport

@Suite("Reductions and softmax: gradients against central differences")
struct ReductionGradientTests {
    @Test func sums() {
        let x = randomTensor([2, 3, 4], seed: 1)
        expectDifferentiable(at: [x]) { $0[0].sum() }
        for axis in [0, 1, 2, -1] {
            expectDifferentiable(at: [x]) { $0[0].sum(along: axis) }
            expectDifferentiable(at: [x]) { $0[0].mean(along: axis, keepingDims: true) }
        }
        expectDifferentiable(at: [x]) { $0[0].sum(alongAxes: [0, 2]) }
        expectDifferentiable(at: [x]) { $0[0].mean() }
    }

    @Test func sumValues() {
        let x = randomTensor([3, 4], seed: 2)
        let s = x.sum(along: 0)
        for j in 0..<4 {
            let expected = (0..<3).reduce(0.0) { $0 + x.scalars[$1 * 4 + j] }
            #expect(Swift.abs(s.scalars[j] - expected) < 1e-15)
        }
        #expect(Tensor<Double>.zeros([0, 3]).sum(along: 0) == Tensor.zeros([3]))
    }

    @Test func extrema() {
        let x = randomTensor([3, 5], seed: 3)
        for axis in [0, 1] {
            expectDifferentiable(at: [x]) { $0[0].max(along: axis) }
            expectDifferentiable(at: [x]) { $0[0].min(along: axis) }
        }
        expectDifferentiable(at: [x]) { $0[0].max() }
        #expect(x.max().scalar == x.scalars.max()!)
        #expect(x.argmax(along: 1).count == 3)
    }

    @Test("ties share the gradient of max equally")
    func ties() {
        let x = Tensor<Double>([2, 5, 5, 1])
        let g = gradient(at: [x]) { $0[0].max() }[0]
        #expect(g == Tensor([0, 0.5, 0.5, 0]))
    }

    @Test func logSumExpAndSoftmax() {
        let x = randomTensor([3, 4], in: -3...3, seed: 4)
        for axis in [0, 1] {
            expectDifferentiable(at: [x]) { $0[0].logSumExp(along: axis) }
            expectDifferentiable(at: [x]) { $0[0].softmax(along: axis) }
            expectDifferentiable(at: [x]) { $0[0].logSoftmax(along: axis) }
        }
        let big = Tensor<Double>([[1000, 1001], [-1000, -1001]])
        let s = big.softmax(along: 1)
        #expect(s.scalars.allSatisfy { $0.isFinite })
        // x − logsumexp(x) at |x| ≈ 1000 carries an absolute error of about ulp(1000) ≈ 1.1e-13,
        // which exp turns into the same relative error.
        #expect(Swift.abs(s.scalars[0] - 1 / (1 + Double.exp(1))) < 2e-13)
    }
}
