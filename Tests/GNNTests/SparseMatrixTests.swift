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

/// Sparse dropout touches stored values only and is seeded; the dropped ones leave the storage.
@Test func sparseDropoutDropsStoredValues() throws {
    let x = try SparseMatrix<Double>(randomSparseFeatures(rows: 20, columns: 10, seed: 6))
    let dropped = NodeFeatures.sparse(x).dropped(by: Dropout(probability: 0.5, seed: 7))
    let again = NodeFeatures.sparse(x).dropped(by: Dropout(probability: 0.5, seed: 7))
    guard case .sparse(let y) = dropped, case .sparse(let z) = again else {
        Issue.record("sparse features stayed sparse")
        return
    }
    #expect(y.values == z.values)
    let mask = Dropout<Double>(probability: 0.5, seed: 7).mask(shape: x.values.shape)
    #expect(y.storedCount == mask.scalars.filter { $0 != 0 }.count && y.storedCount < x.storedCount)
    #expect(y.dense() == x.withValues(x.values * mask).dense())
    #expect(y.values.scalars.allSatisfy { $0 != 0 })
}

/// Products with the compacted matrix equal, bit for bit, those with every value kept and the
/// dropped ones zero, and so do the gradients with respect to the dense factor; values on the
/// tape keep every entry.
@Test(arguments: [(30, 12), (12, 30)])
func sparseDropoutKeepsProducts(shape: (rows: Int, columns: Int)) throws {
    let x = try SparseMatrix<Float>(randomSparseFeatures(rows: shape.rows, columns: shape.columns, density: 0.5, seed: 8))
    let w = Tensor(shape: [shape.columns, 20], scalars: randomTensor([shape.columns, 20], seed: 9).scalars.map(Float.init))
        .requiringGradient()
    let mask = Dropout<Float>(probability: 0.6, seed: 10).mask(shape: x.values.shape)
    let compacted = x.dropped(by: Dropout(probability: 0.6, seed: 10))
    let zeroed = x.withValues(x.values * mask)
    let seed = Tensor(shape: [shape.rows, 20], scalars: randomTensor([shape.rows, 20], seed: 11).scalars.map(Float.init))
    #expect(compacted.matmul(w).scalars == zeroed.matmul(w).scalars)
    #expect(compacted.matmul(w).gradients(wrt: [w], seed: seed)[0].scalars
        == zeroed.matmul(w).gradients(wrt: [w], seed: seed)[0].scalars)
    let onTape = x.withValues(x.values.requiringGradient()).dropped(by: Dropout(probability: 0.6, seed: 10))
    #expect(onTape.storedCount == x.storedCount && onTape.values.scalars == zeroed.values.scalars)
}
