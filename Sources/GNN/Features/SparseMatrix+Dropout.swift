import NN
import Tensors

extension SparseMatrix {
    /// The matrix after `dropout` (training mode: a fresh mask over the stored values; otherwise
    /// the matrix itself).
    ///
    /// Dropped values leave the storage, so that products run over the kept ones only (with
    /// feature dropout 0.6, two fifths of the work). The products are the same bit for bit: a
    /// sum of products starting from +0 is never −0, so adding a stored zero's product never
    /// changed it; a dropped value now acts as an unstored zero also where the other factor is
    /// infinite or NaN. Values on the tape keep every entry (zeros included), so that each
    /// stored value gets its gradient.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func dropped(by dropout: Dropout<Scalar>) -> SparseMatrix {
        guard let mask = dropout.activeMask(shape: values.shape) else { return self }
        guard !values.requiresGradient else { return withValues(values * mask) }
        let (scalars, keep) = (values.scalars, mask.scalars)
        var rowPointers = [0], columns = [Int32](), rows = [Int32](), kept = [Scalar]()
        rowPointers.reserveCapacity(rowCount + 1)
        columns.reserveCapacity(storedCount)
        rows.reserveCapacity(storedCount)
        kept.reserveCapacity(storedCount)
        for row in 0..<rowCount {
            for position in self.rowPointers[row]..<self.rowPointers[row + 1] where keep[position] != 0 {
                columns.append(columnIndices[position])
                rows.append(Int32(truncatingIfNeeded: row))
                kept.append(scalars[position] * keep[position])
            }
            rowPointers.append(columns.count)
        }
        return SparseMatrix(
            rowCount: rowCount, columnCount: columnCount, rowPointers: rowPointers, columnIndices: columns,
            rowOfEachValue: rows, values: Tensor(shape: [kept.count], scalars: kept), nodeCount: pattern.nodeCount)
    }
}
