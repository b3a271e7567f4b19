import Calculus
infix operator .> : ComparisonPrecedence
infix operator .< : ComparisonPrecedence
infix operator .>= : ComparisonPrecedence
infix operator .<= : ComparisonPrecedence
infix operator .== : ComparisonPrecedence

/// Elementwise comparisons with broadcasting. They return 1 where the relation holds and 0
/// elsewhere (a NaN satisfies none, as in IEEE 754), as constants (not on the tape: a
/// comparison has zero derivative).
extension Tensor {
    /// 1 where lhs > rhs.
    @inlinable
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor { (lhs.detached() - rhs.detached()).applying(.step) }
    /// 1 where lhs < rhs.
    @inlinable
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { rhs .> lhs }
    /// 1 where lhs ≥ rhs.
    @inlinable
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { compare(lhs, rhs) { $0 >= $1 } }
    /// 1 where lhs ≤ rhs.
    @inlinable
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { compare(lhs, rhs) { $0 <= $1 } }
    /// 1 where lhs = rhs.
    @inlinable
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { compare(lhs, rhs) { $0 == $1 } }

    /// 1 where `relation` holds. `.>` and `.<` are the sign of a difference, which is 0 for a
    /// NaN as IEEE 754 wants; the complement 1 − (rhs .> lhs) would make NaN ≥ x true, so the
    /// relations that include equality compare elements directly.
    @inlinable
    static func compare(_ lhs: Tensor, _ rhs: Tensor, _ relation: (Scalar, Scalar) -> Bool) -> Tensor {
        let shape = BroadcastPlan(lhs.shape, rhs.shape).shape
        let (l, r) = (lhs.detached().broadcasted(to: shape), rhs.detached().broadcasted(to: shape))
        return Tensor.build(shape: shape) { out in
            l.withUnsafePointer { pl in
                r.withUnsafePointer { pr in
                    for i in 0..<l.count { out[i] = relation(pl[i], pr[i]) ? 1 : 0 }
                }
            }
        }
    }
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
        guard a.isTracked || b.isTracked else { return value }
        return .recording(
            value, inputs: [a, b],
            pullback: { ct, _ in
                [
                    a.requiresGradient ? Tensor.where(c, ct, Tensor(0)).summed(toShape: a.shape) : nil,
                    // Not 1 − c: a condition of NaN or 2 would send b a gradient too.
                    b.requiresGradient ? Tensor.where(c, Tensor(0), ct).summed(toShape: b.shape) : nil,
                ]
            },
            pushforward: { ts, _ in
                Tensor.where(c, ts[0] ?? Tensor(0), ts[1] ?? Tensor(0))
            })
    }
}
