import Graphs
import Tensors

extension SparseMatrix {
    /// The sparse-dense product X·W, differentiable in `dense` and in ``values``.
    ///
    /// Runs over the stored values only: O(storedCount · outputs). The gradient with respect
    /// to W is Xᵀ·Ḡ (the same kernel on the transposed pattern) and the gradient with respect
    /// to a stored value X[i, j] is ⟨Ḡ[i], W[j]⟩.
    ///
    /// **Shapes**: self `[rows, columns]`, dense `[columns, outputs]` → `[rows, outputs]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func matmul(_ dense: Tensor<Scalar>) -> Tensor<Scalar> {
        require(
            dense.rank == 2 && dense.shape[0] == columnCount,
            "sparse [\(rowCount), \(columnCount)] times dense \(dense.shape)")
        // The pattern's edges leave the column nodes, which come first: `dense` needs no zero
        // rows for the nodes past them (padding it cost a twentieth of a GraphSAGE step on Cora).
        let product = spmm(pattern, dense, edgeWeights: values)
        return rowCount < pattern.nodeCount ? product.sliced(along: 0, 0..<rowCount) : product
    }

    /// The matrix as a dense tensor, differentiable in ``values``.
    ///
    /// **Shapes**: → `[rows, columns]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func dense() -> Tensor<Scalar> {
        var positions = [Int](repeating: 0, count: storedCount)
        for row in 0..<rowCount {
            for position in rowPointers[row]..<rowPointers[row + 1] {
                positions[position] = row * columnCount + Int(columnIndices[position])
            }
        }
        return values.reshaped([storedCount, 1]).scatteringRows(positions, rowCount: rowCount * columnCount)
            .reshaped([rowCount, columnCount])
    }
}
