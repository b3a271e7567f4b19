import CKernels
import Tensors

/// Which pass of GAT's fused attention to run.
enum AttentionPass { case forward, backward }

/// Runs a pass of the fused attention kernels (attention_kernels.c) over the incoming rows of
/// `job`, in row ranges of about equal work on the process's threads. Each row is written by
/// one call, so the result does not depend on the thread count.
func runAttention<S: TensorScalar>(_ pass: AttentionPass, _ job: gg_attention_job, rowCount: Int, as _: S.Type) {
    let isFloat = S.self == Float.self
    let indptr = UnsafeRawPointer(job.indptr!).assumingMemoryBound(to: Int.self)
    withUnsafePointer(to: job) { job in
        forEachBalancedRowRange(indptr: indptr, rowCount: rowCount, width: Int(job.pointee.heads * job.pointee.head_width)) { rows in
            let (first, end) = (Int64(rows.lowerBound), Int64(rows.upperBound))
            switch (pass, isFloat) {
            case (.forward, true): gg_attend_rows_f32(job, first, end)
            case (.forward, false): gg_attend_rows_f64(job, first, end)
            case (.backward, true): gg_attend_backward_rows_f32(job, first, end)
            case (.backward, false): gg_attend_backward_rows_f64(job, first, end)
            }
        }
    }
}
