import Tensors

/// Softmax of per-edge scores within each row of a compressed adjacency.
struct SoftmaxJob {
    var rowCount: Int
    /// Scores per edge; each head is normalized on its own.
    var heads: Int
    var indptr: UnsafePointer<Int>
    var edgeIDs: UnsafePointer<Int32>
    /// `[edgeCount, heads]` scores and results, in edge-list order.
    var scores: UnsafeRawPointer
    var output: UnsafeMutableRawPointer
}

@inline(__always)
func segmentSoftmaxImpl<S: TensorScalar>(_ job: SoftmaxJob, as _: S.Type) {
    let scores = job.scores.assumingMemoryBound(to: S.self)
    let output = job.output.assumingMemoryBound(to: S.self)
    let heads = job.heads
    forEachBalancedRowRange(indptr: job.indptr, rowCount: job.rowCount, width: heads) { rows in
        for row in rows {
            let slots = job.indptr[row]..<job.indptr[row + 1]
            for h in 0..<heads {
                @inline(__always) func index(_ slot: Int) -> Int { Int(job.edgeIDs[slot]) * heads + h }
                // Subtracting the segment's maximum keeps every exp ≤ 1.
                var top = -S.infinity
                for slot in slots { top = Swift.max(top, scores[index(slot)]) }
                if top == -S.infinity { top = 0 }
                var total: S = 0
                for slot in slots {
                    let y = S.exp(scores[index(slot)] - top)
                    output[index(slot)] = y
                    total += y
                }
                // A segment whose scores are all −∞ has total 0: its weights stay 0.
                let scale = total > 0 ? 1 / total : 0
                for slot in slots { output[index(slot)] *= scale }
            }
        }
    }
}
