import Calculus
infix operator .> : ComparisonPrecedence
infix operator .< : ComparisonPrecedence
infix operator .>= : ComparisonPrecedence
infix operator .<= : ComparisonPrecedence
infix operator .== : ComparisonPrecedence

/// Elementwise comparisons with broadcasting. They return 1 where the relation holds and 0
/// elsewhere, as constants (not on the tape: a comparison has zero derivative).
extension Tensor {
    /// 1 where lhs > rhs.
    @inlinable
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor { (lhs.detached() - rhs.detached()).applying(.step) }
    /// 1 where lhs < rhs.
    @inlinable
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { rhs .> lhs }
    /// 1 where lhs ≥ rhs.
    @inlinable
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { 1 - (rhs .> lhs) }
    /// 1 where lhs ≤ rhs.
    @inlinable
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { 1 - (lhs .> rhs) }
    /// 1 where lhs = rhs.
    @inlinable
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { (lhs .>= rhs) * (lhs .<= rhs) }
    /// 1 where lhs > rhs.
    @inlinable
    public static func .> (lhs: Tensor, rhs: Scalar) -> Tensor { lhs .> Tensor(rhs) }
    /// 1 where lhs < rhs.
    @inlinable
    public static func .< (lhs: Tensor, rhs: Scalar) -> Tensor { lhs .< Tensor(rhs) }

    /// Elementwise choice: `a` where `condition` is nonzero, else `b` (all three broadcast).
    /// Differentiable in `a` and `b`; values of the branch not taken never leak into the result
    /// or the gradient (unlike `c·a + (1−c)·b` with an infinite `b`).
    @inlinable
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = BroadcastPlan(BroadcastPlan(condition.shape, a.shape).shape, b.shape).shape
        let c = condition.broadcasted(to: shape).detached()
        let (fa, fb) = (a.detached().broadcasted(to: shape), b.detached().broadcasted(to: shape))
        let value = Tensor.build(shape: shape) { out in
            c.withUnsafePointer { pc in
                fa.withUnsafePointer { pa in
                    fb.withUnsafePointer { pb in
                        for i in 0..<c.count { out[i] = pc[i] != 0 ? pa[i] : pb[i] }
                    }
                }
            }
        }
        let notC = 1 - c
        guard a.isTracked || b.isTracked else { return value }
        return .recording(
            value, inputs: [a, b],
            pullback: { ct, _ in
                [
                    a.requiresGradient ? Tensor.where(c, ct, Tensor(0)).summed(toShape: a.shape) : nil,
                    b.requiresGradient ? Tensor.where(notC, ct, Tensor(0)).summed(toShape: b.shape) : nil,
                ]
            },
            pushforward: { ts, _ in
                Tensor.where(c, ts[0] ?? Tensor(0), ts[1] ?? Tensor(0))
            })
    }
}
