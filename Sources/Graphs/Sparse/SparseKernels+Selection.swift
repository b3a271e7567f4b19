import Tensors

/// Moves values between the edges chosen by a max/min aggregation and the nodes that chose
/// them.
struct SelectionJob {
    var nodeCount: Int
    var edgeCount: Int
    /// Scalars per node row and per edge row.
    var width: Int
    /// `[nodeCount, width]`: the edge chosen per node scalar, −1 for none.
    var choice: UnsafePointer<Int32>
    /// Per edge: the node that aggregated it.
    var destinations: UnsafePointer<Int32>
    var input: UnsafeRawPointer
    var output: UnsafeMutableRawPointer
}

/// Node values from edge values: out[n, i] = edgeValues[choice[n, i], i] (0 where none).
@inline(__always)
func pickImpl<S: TensorScalar>(_ job: SelectionJob, as _: S.Type) {
    let input = job.input.assumingMemoryBound(to: S.self)
    let output = job.output.assumingMemoryBound(to: S.self)
    let width = job.width
    parallelChunks(count: job.nodeCount, grain: max(1, sparseChunkWork / max(width, 1))) { nodes in
        for n in nodes {
            for i in 0..<width {
                let e = Int(job.choice[n * width + i])
                output[n * width + i] = e >= 0 ? input[e * width + i] : 0
            }
        }
    }
}

/// Edge values from node values, the transpose of `pick`: out[e, i] = nodeValues[d, i] when
/// edge e is the choice of its destination d at i, else 0.
@inline(__always)
func unpickImpl<S: TensorScalar>(_ job: SelectionJob, as _: S.Type) {
    let input = job.input.assumingMemoryBound(to: S.self)
    let output = job.output.assumingMemoryBound(to: S.self)
    let width = job.width
    parallelChunks(count: job.edgeCount, grain: max(1, sparseChunkWork / max(width, 1))) { edges in
        for e in edges {
            let d = Int(job.destinations[e])
            for i in 0..<width {
                output[e * width + i] = Int(job.choice[d * width + i]) == e ? input[d * width + i] : 0
            }
        }
    }
}
