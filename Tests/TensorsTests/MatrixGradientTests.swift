import GraphGrad
import Testing
import _TestSupport

@Suite("Matrix products and matrix calculus")
struct MatrixGradientTests {
    /// (m, k, n): a plain product, size-1 rows, inner extent and columns, and each extent empty.
    static let extents: [(Int, Int, Int)] = [(3, 4, 5), (1, 4, 1), (3, 1, 5), (0, 4, 2), (3, 0, 2), (3, 4, 0)]

    /// The entries of `t` [rows, columns] as a matrix, or of its transpose.
    func entries(_ t: Tensor<Double>, transposed: Bool) -> (Int, Int) -> Double {
        let columns = t.shape[1]
        return transposed ? { i, j in t.scalars[j * columns + i] } : { i, j in t.scalars[i * columns + j] }
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)], extents)
    func matmul(_ transposes: (Bool, Bool), _ extents: (Int, Int, Int)) {
        let (ta, tb) = transposes, (m, k, n) = extents
        let a = randomTensor(ta ? [k, m] : [m, k], seed: 1)
        let b = randomTensor(tb ? [n, k] : [k, n], seed: 2)
        expectDifferentiable(at: [a, b]) { Tensor.matmul($0[0], $0[1], transposingA: ta, transposingB: tb) }
        let c = Tensor.matmul(a, b, transposingA: ta, transposingB: tb)
        #expect(c.shape == [m, n])
        let (ea, eb) = (entries(a, transposed: ta), entries(b, transposed: tb))
        for i in 0..<m {
            for j in 0..<n {
                let expected = (0..<k).reduce(0.0) { $0 + ea(i, $1) * eb($1, j) }
                #expect(Swift.abs(c.scalars[i * n + j] - expected) < 1e-14)
            }
        }
        // d⟨W, AB⟩/dA = W·Bᵀ: with an empty outer extent there is nothing to multiply, so zeros.
        let w = randomTensor([m, n], seed: 3)
        let g = gradient(at: [a, b]) { (Tensor.matmul($0[0], $0[1], transposingA: ta, transposingB: tb) * w).sum() }
        #expect(g[0].shape == a.shape && g[1].shape == b.shape)
        if m == 0 || n == 0 {
            #expect(g[0] == Tensor.zeros(a.shape) && g[1] == Tensor.zeros(b.shape))
        }
    }

    @Test("batched matmul", arguments: [
        ([2, 3, 4], [2, 4, 2], false, false), ([2, 3, 4], [4, 2], false, false), ([4, 3], [2, 4, 5], true, false),
        ([2, 4, 3], [4, 2], true, false), ([2, 3, 4], [2, 5, 4], false, true), ([3, 4], [2, 5, 4], false, true),
        ([2, 4, 3], [2, 2, 4], true, true), ([1, 3, 4], [1, 4, 2], false, false), ([2, 1, 3, 4], [2, 1, 4, 2], false, false),
        // No batch entries: the plain matrix's gradient is a sum over none of them, zeros.
        ([0, 3, 4], [4, 2], false, false), ([3, 4], [0, 4, 2], false, false),
    ])
    func batchedMatmul(_ arguments: ([Int], [Int], Bool, Bool)) {
        let (sa, sb, ta, tb) = arguments
        let a = randomTensor(sa, seed: 3)
        let b = randomTensor(sb, seed: 4)
        expectDifferentiable(at: [a, b]) { Tensor.matmul($0[0], $0[1], transposingA: ta, transposingB: tb) }
        let c = Tensor.matmul(a, b, transposingA: ta, transposingB: tb)
        // Each batch entry is the product of the matrices at that entry (or of the plain matrix).
        let batch = sa.count > 2 ? Array(sa.dropLast(2)) : Array(sb.dropLast(2))
        let entries = batch.reduce(1, *)
        let matrix = { (t: Tensor<Double>, e: Int) -> Tensor<Double> in
            let rows = t.shape[t.rank - 2], columns = t.shape[t.rank - 1]
            return t.rank == 2 ? t : t.reshaped([entries, rows, columns]).sliced(along: 0, e..<(e + 1)).reshaped([rows, columns])
        }
        let m = ta ? sa[sa.count - 1] : sa[sa.count - 2], n = tb ? sb[sb.count - 2] : sb[sb.count - 1]
        #expect(c.shape == batch + [m, n])
        for e in 0..<entries {
            let expected = Tensor.matmul(matrix(a, e), matrix(b, e), transposingA: ta, transposingB: tb)
            let entry = c.reshaped([entries, m, n]).sliced(along: 0, e..<(e + 1)).reshaped([m, n])
            for (p, q) in zip(entry.scalars, expected.scalars) { #expect(Swift.abs(p - q) < 1e-14) }
        }
        if entries == 0 {
            let g = gradient(at: [a, b]) { Tensor.matmul($0[0], $0[1], transposingA: ta, transposingB: tb).sum() }
            #expect(g[0] == Tensor.zeros(sa) && g[1] == Tensor.zeros(sb))
        }
    }

    /// A well-conditioned random matrix: identity plus a small perturbation.
    func wellConditioned(_ n: Int, seed: UInt64) -> Tensor<Double> {
        Tensor.identity(n) * 2 + randomTensor([n, n], in: -0.5...0.5, seed: seed)
    }

    @Test(arguments: [1, 2, 4])
    func traceInverseDeterminant(_ n: Int) {
        let a = wellConditioned(n, seed: 6)
        expectDifferentiable(at: [a]) { $0[0].trace() }
        expectDifferentiable(at: [a]) { $0[0].inverse() }
        expectDifferentiable(at: [a]) { $0[0].determinant() }
        expectDifferentiable(at: [a]) { $0[0].logAbsDeterminant() }
        let product = a.matmul(a.inverse())
        for (p, e) in zip(product.scalars, Tensor<Double>.identity(n).scalars) { #expect(Swift.abs(p - e) < 1e-12) }
        #expect(Swift.abs(a.logAbsDeterminant().scalar - Double.log(Swift.abs(a.determinant().scalar))) < 1e-12)
    }

    @Test(arguments: [[3, 2], [3], [3, 1], [1, 2], [1],
                      // No right-hand sides: X is empty and does not depend on A, whose gradient is zeros.
                      [3, 0]])
    func solve(_ shape: [Int]) {
        let a = wellConditioned(shape[0], seed: 7)
        let b = randomTensor(shape, seed: 8)
        expectDifferentiable(at: [a, b]) { Tensor.solve($0[0], $0[1]) }
        let x = Tensor.solve(a, b)
        #expect(x.shape == shape)
        let ax = shape.count == 1 ? a.matmul(x.expandingShape(at: 1)).squeezingShape(at: 1) : a.matmul(x)
        for (p, e) in zip(ax.scalars, b.scalars) { #expect(Swift.abs(p - e) < 1e-12) }
    }
}
