import Tensors
/// A node-feature matrix in compressed sparse rows: row `i` stores `values[k]` at column
/// `columnIndices[k]` for `k` in `rowPointers[i]..<rowPointers[i+1]`.
public struct SparseFeatures: Sendable, Equatable {
    /// Number of rows (nodes).
    public let rows: Int
    /// Number of columns (feature dimensions).
    public let columns: Int
    /// Row boundaries: `rows + 1` nondecreasing offsets from 0 to `values.count`.
    public let rowPointers: [Int]
    /// Column of each stored value.
    public let columnIndices: [Int32]
    /// The stored values.
    public let values: [Float]

    /// Features after checking the CSR structure and that every value is finite.
    ///
    /// - Throws: `DatasetError` naming the inconsistent pointer, the row and position of a
    ///   column out of range, or the row and column of a NaN or infinite value.
    public init(rows: Int, columns: Int, rowPointers: [Int], columnIndices: [Int32], values: [Float]) throws(DatasetError) {
        guard rows >= 0, columns >= 0, rows <= Int(Int32.max), columns <= Int(Int32.max) else {
            throw .wrongShape(key: "features_shape", expected: "(rows, columns) with 0 ≤ each ≤ \(Int32.max)", got: [rows, columns])
        }
        guard rowPointers.count == rows + 1 else {
            throw .wrongShape(key: "features_indptr", expected: "(\(rows + 1),)", got: [rowPointers.count])
        }
        guard columnIndices.count == values.count else {
            throw .wrongShape(key: "features_indices", expected: "(\(values.count),)", got: [columnIndices.count])
        }
        guard rowPointers.first == 0, rowPointers.last == values.count else {
            throw .malformedFeatures(
                reason: "row pointers run from \(rowPointers.first ?? 0) to \(rowPointers.last ?? 0), expected 0 to \(values.count)")
        }
        for row in 0..<rows {
            let (start, end) = (rowPointers[row], rowPointers[row + 1])
            guard start <= end else {
                throw .malformedFeatures(reason: "row pointer \(row + 1) (\(end)) is below row pointer \(row) (\(start))")
            }
            for position in start..<end {
                let column = Int(columnIndices[position])
                guard column >= 0, column < columns else {
                    throw .featureColumnOutOfRange(row: row, position: position, value: column, columns: columns)
                }
                guard values[position].isFinite else {
                    throw .nonFiniteFeature(row: row, column: column, value: values[position])
                }
            }
        }
        self.rows = rows
        self.columns = columns
        self.rowPointers = rowPointers
        self.columnIndices = columnIndices
        self.values = values
    }

    /// The nonzero entries of a row-major dense matrix.
    ///
    /// - Throws: `DatasetError.nonFiniteFeature` for a NaN or infinite entry.
    public init(dense: [Float], rows: Int, columns: Int) throws(DatasetError) {
        require(dense.count == rows * columns, "\(dense.count) values do not fill \(rows)×\(columns)")
        var rowPointers = [0]
        var columnIndices: [Int32] = []
        var values: [Float] = []
        for row in 0..<rows {
            for column in 0..<columns where dense[row * columns + column] != 0 {
                columnIndices.append(Int32(column))
                values.append(dense[row * columns + column])
            }
            rowPointers.append(values.count)
        }
        try self.init(rows: rows, columns: columns, rowPointers: rowPointers, columnIndices: columnIndices, values: values)
    }

    /// Number of stored values.
    public var storedCount: Int { values.count }

    /// The matrix as row-major dense values (`rows × columns`); duplicate entries add up.
    public func dense() -> [Float] {
        var matrix = [Float](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            for position in rowPointers[row]..<rowPointers[row + 1] {
                matrix[row * columns + Int(columnIndices[position])] += values[position]
            }
        }
        return matrix
    }
}
