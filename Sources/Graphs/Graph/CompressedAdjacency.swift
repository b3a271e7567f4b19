/// The edges of a graph grouped by one endpoint (compressed sparse rows).
///
/// Row `v` lists the edges whose grouping endpoint is `v` in slots `indptr[v]..<indptr[v+1]`:
/// `indices[slot]` is the other endpoint and `edgeIDs[slot]` the position of the edge in the
/// graph's edge list, so per-edge values (weights, attention scores) can be gathered into row
/// order with `values[edgeIDs[slot]]`. Within a row, edges keep their edge-list order.
public struct CompressedAdjacency: Sendable, Equatable {
    /// Row boundaries: `nodeCount + 1` nondecreasing offsets from 0 to `edgeCount`.
    public let indptr: [Int]
    /// The other endpoint of each slot.
    public let indices: [Int32]
    /// The edge-list position of each slot.
    public let edgeIDs: [Int32]

    /// Number of rows (nodes).
    public var rowCount: Int { indptr.count - 1 }

    /// Number of edges in row `node`.
    @inlinable
    public func degree(of node: Int) -> Int {
        indptr[node + 1] - indptr[node]
    }

    /// The other endpoints of the edges in row `node`.
    @inlinable
    public func neighbours(of node: Int) -> ArraySlice<Int32> {
        indices[indptr[node]..<indptr[node + 1]]
    }

    /// The edge-list positions of the edges in row `node`.
    @inlinable
    public func edges(of node: Int) -> ArraySlice<Int32> {
        edgeIDs[indptr[node]..<indptr[node + 1]]
    }

    /// Groups edges by `rows[e]` with a stable counting sort: O(`rowCount` + E).
    init(rows: [Int32], columns: [Int32], rowCount: Int) {
        let edgeCount = rows.count
        var indptr = [Int](repeating: 0, count: rowCount + 1)
        var indices = [Int32](repeating: 0, count: edgeCount)
        var edgeIDs = [Int32](repeating: 0, count: edgeCount)
        rows.withUnsafeBufferPointer { rows in
            columns.withUnsafeBufferPointer { columns in
                indptr.withUnsafeMutableBufferPointer { indptr in
                    for row in rows { indptr[Int(row) + 1] += 1 }
                    for node in 0..<rowCount { indptr[node + 1] += indptr[node] }
                    // `next[v]` is the next free slot of row v; filling in edge order keeps it stable.
                    var next = Array(indptr.dropLast())
                    indices.withUnsafeMutableBufferPointer { indices in
                        edgeIDs.withUnsafeMutableBufferPointer { edgeIDs in
                            next.withUnsafeMutableBufferPointer { next in
                                for e in 0..<edgeCount {
                                    let row = Int(rows[e])
                                    let slot = next[row]
                                    next[row] = slot + 1
                                    indices[slot] = columns[e]
                                    edgeIDs[slot] = Int32(truncatingIfNeeded: e)
                                }
                            }
                        }
                    }
                }
            }
        }
        self.indptr = indptr
        self.indices = indices
        self.edgeIDs = edgeIDs
    }
}
