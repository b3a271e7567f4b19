import GraphGrad
import Testing
import _TestSupport

@Suite("Matrix products and matrix calculus")
struct MatrixGradientTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matmul(_ ta: Bool, _ tb: Bool) {
        let a = randomTensor(ta ? [4, 3] : [3, 4], seed: 1)
        let b = randomTensor(tb ? [5, 4] : [4, 5], seed: 2)
        expectDifferentiable(at: [a, b]) { Tensor.matmul($0[0], $0[1], transposingA: ta, transposingB: tb) }
        let c = Tensor.matmul(a, b, transposingA: ta, transposingB: tb)
        let at = ta ? a.transposed() : a
        let bt = tb ? b.transposed() : b
        for i in 0..<3 {
            for j in 0..<5 {
                let expected = (0..<4).reduce(0.0) { $0 + at.scalars[i * 4 + $1] * bt.scalars[$1 * 5 + j] }
                #expect(Swift.abs(c.scalars[i * 5 + j] - expected) < 1e-14)
            }
        }
    }

    @Test func batchedMatmul() {
        let a = randomTensor([2, 3, 4], seed: 3)
        let b = randomTensor([2, 4, 2], seed: 4)
        let w = randomTensor([4, 2], seed: 5)
        expectDifferentiable(at: [a, b]) { $0[0].matmul($0[1]) }
        expectDifferentiable(at: [a, w]) { $0[0].matmul($0[1]) }
        expectDifferentiable(at: [w.transposed(), a]) { Tensor.matmul($0[0], $0[1], transposingA: false, transposingB: true) }
        #expect(a.matmul(w).sliced(along: 0, 1..<2).reshaped([3, 2]) == a.sliced(along: 0, 1..<2).reshaped([3, 4]).matmul(w))
    }

    @Test func emptyMatmul() {
        let a = Tensor<Double>.zeros([3, 0])
        let b = Tensor<Double>.zeros([0, 2])
        #expect(a.matmul(b) == Tensor.zeros([3, 2]))
    }

    /// A well-conditioned random matrix: identity plus a small perturbation.
    func wellConditioned(_ n: Int, seed: UInt64) -> Tensor<Double> {
        Tensor.identity(n) * 2 + randomTensor([n, n], in: -0.5...0.5, seed: seed)
    }

    @Test func traceInverseDeterminant() {
        let a = wellConditioned(4, seed: 6)
        expectDifferentiable(at: [a]) { $0[0].trace() }
        expectDifferentiable(at: [a]) { $0[0].inverse() }
        expectDifferentiable(at: [a]) { $0[0].determinant() }
        expectDifferentiable(at: [a]) { $0[0].logAbsDeterminant() }
        let product = a.matmul(a.inverse())
        for (p, e) in zip(product.scalars, Tensor<Double>.identity(4).scalars) { #expect(Swift.abs(p - e) < 1e-12) }
        #expect(Swift.abs(a.logAbsDeterminant().scalar - Double.log(Swift.abs(a.determinant().scalar))) < 1e-12)
    }

    @Test func solve() {
        let a = wellConditioned(3, seed: 7)
        let b = randomTensor([3, 2], seed: 8)
        let v = randomTensor([3], seed: 9)
        expectDifferentiable(at: [a, b]) { Tensor.solve($0[0], $0[1]) }
        expectDifferentiable(at: [a, v]) { Tensor.solve($0[0], $0[1]) }
        let x = Tensor.solve(a, b)
        for (p, e) in zip(a.matmul(x).scalars, b.scalars) { #expect(Swift.abs(p - e) < 1e-12) }
    }
}
