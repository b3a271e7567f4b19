import GraphGrad
import Testing
import _TestSupport

/// The sparse product equals the dense product for wide (columns > rows) and tall matrices.
@Test(arguments: [(5, 9), (9, 5), (6, 6)])
func sparseProductMatchesDense(shape: (rows: Int, columns: Int)) throws {
    let x = try SparseMatrix<Double>(randomSparseFeatures(rows: shape.rows, columns: shape.columns, seed: 1))
    let w = randomTensor([shape.columns, 3], seed: 2)
    #expect(maxDifference(x.matmul(w), x.dense().matmul(w)) < 1e-12)
    #expect(maxDifference(NodeFeatures.sparse(x).matmul(w), NodeFeatures.dense(x.dense()).matmul(w)) < 1e-12)
}

/// Gradients of the sparse product with respect to the dense factor (Xᵀ·Ḡ) and the stored
/// values, first and second order.
@Test(arguments: [(5, 9), (9, 5)])
func sparseProductIsDifferentiable(shape: (rows: Int, columns: Int)) throws {
    let x = try SparseMatrix<Double>(randomSparseFeatures(rows: shape.rows, columns: shape.columns, seed: 3))
    expectDifferentiable(at: [x.values, randomTensor([shape.columns, 2], seed: 4)]) { xs in
        x.withValues(xs[0]).matmul(xs[1]).squared()
    }
}

/// Row normalization divides each row by its sum and keeps empty rows.
@Test func rowNormalizationMatchesDense() throws {
    let features = try randomSparseFeatures(rows: 6, columns: 4, density: 0.4, seed: 5)
    let x = try SparseMatrix<Double>(features).dense()
    let sums = x.sum(along: 1, keepingDims: true)
    let expected = x / Tensor.where(sums .> 0, sums, Tensor(1.0))
    #expect(maxDifference(try SparseMatrix<Double>(features).rowNormalized().dense(), expected) < 1e-12)
}

/// Sparse dropout touches stored values only and is seeded.
@Test func sparseDropoutDropsStoredValues() throws {
    let x = try SparseMatrix<Double>(randomSparseFeatures(rows: 20, columns: 10, seed: 6))
    let dropped = NodeFeatures.sparse(x).dropped(by: Dropout(probability: 0.5, seed: 7))
    let again = NodeFeatures.sparse(x).dropped(by: Dropout(probability: 0.5, seed: 7))
    guard case .sparse(let y) = dropped, case .sparse(let z) = again else {
        Issue.record("sparse features stayed sparse")
        return
    }
    #expect(y.values == z.values)
    #expect(y.storedCount == x.storedCount)
    for (kept, original) in zip(y.values.scalars, x.values.scalars) {
        #expect(kept == 0 || Swift.abs(kept - 2 * original) < 1e-12)
    }
    #expect(y.values.scalars.contains(0) && y.values.scalars.contains { $0 != 0 })
}
