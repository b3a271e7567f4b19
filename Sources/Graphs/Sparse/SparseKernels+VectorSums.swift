import CKernels
import Tensors

/// Sums rows `rows` of `job` (sum aggregation, `heads` weights per edge, or none with one head)
/// with the C kernel of the GEMM family's vector ISA (segment_sum_kernels.c), which adds in the
/// same order as `SegmentRead.sum` (and `sumHeads`); false, with nothing written, where it does not.
@inline(__always)
func sumInVectorISA<S: TensorScalar>(
    _ job: AggregationJob, heads: Int, headWidth: Int, rows: Range<Int>, as _: S.Type
) -> Bool {
    var kernelJob = gg_segment_sum_job(
        indptr: UnsafeRawPointer(job.indptr).assumingMemoryBound(to: Int64.self), input_rows: job.inputRows,
        edge_ids: job.edgeIDs, weights: job.weights, input: job.input, output: job.output, heads: Int64(heads),
        head_width: Int64(headWidth))
    let (first, end) = (Int64(rows.lowerBound), Int64(rows.upperBound))
    return S.self == Float.self
        ? gg_segment_sum_rows_f32(&kernelJob, first, end) : gg_segment_sum_rows_f64(&kernelJob, first, end)
}
