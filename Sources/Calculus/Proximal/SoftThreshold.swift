/// Replaces every value v by sign(v)·max(|v| − threshold, 0) in place: the proximal step of
/// threshold·‖·‖₁, applied after a gradient step in L1-regularized training.
///
/// The buffer's elements are written through the pointer, so it needs no `inout`.
@inlinable
public func softThreshold<S: BinaryFloatingPoint>(_ values: UnsafeMutableBufferPointer<S>, threshold: S) {
    precondition(threshold >= 0, "soft-threshold \(threshold) must be non-negative")
    for i in values.indices {
        let v = values[i]
        values[i] = v > threshold ? v - threshold : (v < -threshold ? v + threshold : 0)
    }
}
