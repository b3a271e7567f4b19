import Graphs
import Tensors

/// A sparse matrix in compressed sparse rows whose stored values are a tensor, so they can be
/// dropped out and differentiated: row `i` holds `values[k]` at column `columnIndices[k]` for
/// `k` in `rowPointers[i]..<rowPointers[i+1]`.
///
/// Node features of citation graphs are mostly zeros (Cora's are 1.3% dense), so the first
/// layer's product X·W runs over the stored values only (see ``matmul(_:)``).
public struct SparseMatrix<Scalar: TensorScalar>: Sendable {
    /// Number of rows (nodes).
    public let rowCount: Int
    /// Number of columns (features).
    public let columnCount: Int
    /// Row boundaries: `rowCount + 1` nondecreasing offsets from 0 to ``storedCount``.
    public let rowPointers: [Int]
    /// The column of each stored value.
    public let columnIndices: [Int32]
    /// The stored values, `[storedCount]`, in row order; may be on the tape.
    public let values: Tensor<Scalar>
    /// The stored entries as edges column → row of a graph on max(rows, columns) nodes, one
    /// edge per value in storage order: X·W is then the message-passing product `spmm`, whose
    /// kernels and derivative rules serve here unchanged.
    let pattern: Graph

    /// The matrix of `features`, its values converted to `Scalar`.
    ///
    /// - Throws: `GraphError.tooManyEdges` when more values are stored than an `Int32` can
    ///   index.
    public init(_ features: SparseFeatures) throws(GraphError) {
        var rows = [Int32](repeating: 0, count: features.storedCount)
        for row in 0..<features.rows {
            for position in features.rowPointers[row]..<features.rowPointers[row + 1] { rows[position] = Int32(row) }
        }
        pattern = try Graph(
            nodeCount: Swift.max(features.rows, features.columns), source: features.columnIndices, target: rows)
        rowCount = features.rows
        columnCount = features.columns
        rowPointers = features.rowPointers
        columnIndices = features.columnIndices
        values = Tensor(shape: [features.storedCount], scalars: features.values.map { Scalar($0) })
    }

    private init(_ base: SparseMatrix, values: Tensor<Scalar>) {
        rowCount = base.rowCount
        columnCount = base.columnCount
        rowPointers = base.rowPointers
        columnIndices = base.columnIndices
        pattern = base.pattern
        self.values = values
    }

    /// Number of stored values.
    public var storedCount: Int { columnIndices.count }

    /// The same sparsity pattern holding `values` (for example the stored values after
    /// dropout, or values on the tape).
    ///
    /// - Precondition: `values` has shape `[storedCount]`.
    public func withValues(_ values: Tensor<Scalar>) -> SparseMatrix {
        require(values.shape == [storedCount], "values of shape \(values.shape) for \(storedCount) stored entries")
        return SparseMatrix(self, values: values)
    }

    /// Each row divided by its sum (PyG's `NormalizeFeatures`); rows summing to 0 stay as
    /// they are.
    public func rowNormalized() -> SparseMatrix {
        let scalars = values.scalars
        var scaled = scalars
        for row in 0..<rowCount {
            let range = rowPointers[row]..<rowPointers[row + 1]
            let total = scalars[range].reduce(0, +)
            guard total != 0 else { continue }
            for position in range { scaled[position] = scalars[position] / total }
        }
        return withValues(Tensor(shape: values.shape, scalars: scaled))
    }
}
