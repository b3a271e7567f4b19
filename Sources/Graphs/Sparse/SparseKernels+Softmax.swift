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

/// Three passes: each slot's score minus its segment's maximum (which keeps every exp ≤ 1), the
/// tensors' exp kernel over all of them at once (Float's runs in the vector ISA, and the fused
/// attention kernels round it the same way), then each segment's normalization in slot order.
@inline(__always)
func segmentSoftmaxImpl<S: TensorScalar>(_ job: SoftmaxJob, as _: S.Type) {
    let scores = job.scores.assumingMemoryBound(to: S.self)
    let output = job.output.assumingMemoryBound(to: S.self)
    let heads = job.heads
    @inline(__always) func forEachSegment(_ body: (Range<Int>, (Int) -> Int) -> Void) {
        forEachBalancedRowRange(indptr: job.indptr, rowCount: job.rowCount, width: heads) { rows in
            for row in rows {
                for h in 0..<heads { body(job.indptr[row]..<job.indptr[row + 1]) { Int(job.edgeIDs[$0]) * heads + h } }
            }
        }
    }
    forEachSegment { slots, index in
        var top = -S.infinity
        for slot in slots { top = Swift.max(top, scores[index(slot)]) }
        if top == -S.infinity { top = 0 }
        for slot in slots { output[index(slot)] = scores[index(slot)] - top }
    }
    S.unaryKernel(.exp, output, output, count: job.indptr[job.rowCount] * heads)
    forEachSegment { slots, index in
        var total: S = 0
        for slot in slots { total += output[index(slot)] }
        // A segment whose scores are all −∞ has total 0: its weights stay 0.
        let scale = total > 0 ? 1 / total : 0
        for slot in slots { output[index(slot)] *= scale }
    }
}
