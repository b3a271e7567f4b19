import Calculus
/// How two shapes combine under NumPy broadcasting, precomputed once per operation.
public struct BroadcastPlan: Sendable {
    /// The shape of the result.
    public let shape: [Int]
    /// Element strides of each operand over `shape` (0 along broadcast axes).
    @usableFromInline
    let lhsStrides: [Int]
    @usableFromInline
    var rhsStrides: [Int]
    /// Number of result elements.
    public let count: Int
    /// Both operands have the result's shape.
    @usableFromInline let sameShape: Bool
    /// A single element broadcast against an operand of the result's shape (x · 2, 1 − x):
    /// the kernels run one flat loop with that element held, as for equal shapes.
    @usableFromInline var scalarOperand: ScalarOperand?

    /// Which operand of a plan is one element broadcast against the other.
    @usableFromInline
    enum ScalarOperand: Sendable { case lhs, rhs }

    /// The plan for `lhs` ⊙ `rhs`, stopping with both shapes named when they are incompatible.
    @inlinable
    public init(_ lhs: [Int], _ rhs: [Int]) {
        // Equal shapes, the common case, need no strides: the kernels run one flat loop.
        if lhs == rhs {
            shape = lhs
            count = lhs.reduce(1, *)
            lhsStrides = []
            rhsStrides = []
            sameShape = true
            scalarOperand = nil
            return
        }
        sameShape = false
        let rank = max(lhs.count, rhs.count)
        let l = [Int](repeating: 1, count: rank - lhs.count) + lhs
        let r = [Int](repeating: 1, count: rank - rhs.count) + rhs
        var shape = [Int](repeating: 0, count: rank)
        for axis in 0..<rank {
            require(
                l[axis] == r[axis] || l[axis] == 1 || r[axis] == 1,
                "shapes \(lhs) and \(rhs) do not broadcast (axis \(axis): \(l[axis]) vs \(r[axis]))")
            shape[axis] = l[axis] == 1 ? r[axis] : l[axis]
        }
        self.shape = shape
        self.count = shape.reduce(1, *)
        func strides(_ s: [Int]) -> [Int] {
            let dense = Tensor<Double>.strides(of: s)
            return (0..<rank).map { s[$0] == 1 && shape[$0] != 1 ? 0 : dense[$0] }
        }
        lhsStrides = strides(l)
        rhsStrides = strides(r)
        let (lhsCount, rhsCount) = (lhs.reduce(1, *), rhs.reduce(1, *))
        scalarOperand = rhsCount == 1 && lhsCount == count ? .rhs : lhsCount == 1 && rhsCount == count ? .lhs : nil
    }

    /// The same result shape and left operand, with a single-element right operand.
    @inlinable
    func withScalarRHS() -> BroadcastPlan {
        var plan = self
        plan.rhsStrides = [Int](repeating: 0, count: shape.count)
        plan.scalarOperand = lhsStrides == Tensor<Double>.strides(of: shape) ? .rhs : nil
        return plan
    }

    /// Both operands already have the result's shape.
    @usableFromInline
    var isElementwise: Bool { sameShape }

    /// Calls `body(outOffset, lhsOffset, rhsOffset, lhsStep, rhsStep, length)` for each run of
    /// the last axis inside the result elements `elements` (row-major), cut at row ends.
    @inline(__always)
    func forEachRun(elements: Range<Int>, _ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        let rank = shape.count
        let inner = rank == 0 ? 1 : shape[rank - 1]
        let ls = rank == 0 ? 0 : lhsStrides[rank - 1]
        let rs = rank == 0 ? 0 : rhsStrides[rank - 1]
        var start = elements.lowerBound
        while start < elements.upperBound {
            let row = start / inner
            let column = start - row * inner
            let length = Swift.min(inner - column, elements.upperBound - start)
            var rem = row
            var lo = column * ls
            var ro = column * rs
            var axis = rank - 2
            while axis >= 0 {
                let i = rem % shape[axis]
                rem /= shape[axis]
                lo += i * lhsStrides[axis]
                ro += i * rhsStrides[axis]
                axis -= 1
            }
            body(start, lo, ro, ls, rs, length)
            start += length
        }
    }
}
