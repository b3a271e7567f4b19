import Tensors

/// The sparse kernels, implemented once generically and instantiated for `Float` and `Double`
/// in the extensions below. Jobs carry raw pointers so that a generic caller reaches the
/// specialized loops through one dynamic call per operation (see `sparseKernels(for:)`).
protocol SparseKernelScalar {
    static func aggregate(_ job: AggregationJob)
    static func combineEdges(_ job: EdgeJob)
    static func segmentSoftmax(_ job: SoftmaxJob)
    static func pick(_ job: SelectionJob)
    static func unpick(_ job: SelectionJob)
}

/// The specialized kernels for `S`.
func sparseKernels<S: TensorScalar>(for _: S.Type) -> any SparseKernelScalar.Type {
    guard let kernels = S.self as? any SparseKernelScalar.Type else {
        preconditionFailure("sparse kernels exist for Float and Double, not \(S.self)")
    }
    return kernels
}

extension Float: SparseKernelScalar {
    static func aggregate(_ job: AggregationJob) { aggregateImpl(job, as: Float.self) }
    static func combineEdges(_ job: EdgeJob) { combineEdgesImpl(job, as: Float.self) }
    static func segmentSoftmax(_ job: SoftmaxJob) { segmentSoftmaxImpl(job, as: Float.self) }
    static func pick(_ job: SelectionJob) { pickImpl(job, as: Float.self) }
    static func unpick(_ job: SelectionJob) { unpickImpl(job, as: Float.self) }
}

extension Double: SparseKernelScalar {
    static func aggregate(_ job: AggregationJob) { aggregateImpl(job, as: Double.self) }
    static func combineEdges(_ job: EdgeJob) { combineEdgesImpl(job, as: Double.self) }
    static func segmentSoftmax(_ job: SoftmaxJob) { segmentSoftmaxImpl(job, as: Double.self) }
    static func pick(_ job: SelectionJob) { pickImpl(job, as: Double.self) }
    static func unpick(_ job: SelectionJob) { unpickImpl(job, as: Double.self) }
}

/// Work (scalars touched) below which a range of rows or edges stays on one thread; as
/// `elementwiseGrain`, large enough that waking a thread pays for itself.
let sparseChunkWork = 1 << 18

/// Cuts `0..<rowCount` into ranges of about equal work (edges × width plus rows × width) and
/// runs `body` on them through `parallelChunks`.
///
/// Every row is produced whole by one call, from its slots in order, so results do not depend
/// on where the cuts fall nor on the thread count; balancing by edges keeps a hub node (a row
/// with millions of slots) from serializing the rest.
@inline(__always)
func forEachBalancedRowRange(
    indptr: UnsafePointer<Int>, rowCount: Int, width: Int, _ body: (Range<Int>) -> Void
) {
    guard rowCount > 0 else { return }
    let perRow = width + 8
    @inline(__always) func cost(_ row: Int) -> Int { indptr[row] * width + row * perRow }
    let total = cost(rowCount)
    let chunkCount = max(1, min(rowCount, total / sparseChunkWork))
    guard chunkCount > 1 else {
        body(0..<rowCount)
        return
    }
    // The first row whose cumulative cost reaches `chunk / chunkCount` of the total.
    @inline(__always) func boundary(_ chunk: Int) -> Int {
        if chunk >= chunkCount { return rowCount }
        let goal = chunk * total / chunkCount
        var low = 0, high = rowCount
        while low < high {
            let middle = (low + high) / 2
            if cost(middle) < goal { low = middle + 1 } else { high = middle }
        }
        return low
    }
    parallelChunks(count: chunkCount, grain: 1) { chunks in
        for chunk in chunks {
            let rows = boundary(chunk)..<boundary(chunk + 1)
            if !rows.isEmpty { body(rows) }
        }
    }
}
