import Calculus
/// How two shapes combine under NumPy broadcasting, precomputed once per operation.
public struct BroadcastPlan: Sendable {
    /// The shape of the result.
    public let shape: [Int]
    /// The result's axes as the kernels walk them: neighbouring axes along which both operands
    /// step contiguously are merged (a scalar against a [N, F] operand is one axis of N·F), so
    /// runs are as long as the layout allows.
    @usableFromInline
    var runShape: [Int]
    /// Element strides of each operand over `runShape` (0 along broadcast axes).
    @usableFromInline
    var lhsStrides: [Int]
    @usableFromInline
    var rhsStrides: [Int]
    /// Number of result elements.
    public let count: Int
    /// Both operands have the result's shape.
    @usableFromInline let sameShape: Bool

    /// The plan for `lhs` ⊙ `rhs`, stopping with both shapes named when they are incompatible.
    @inlinable
    public init(_ lhs: [Int], _ rhs: [Int]) {
        // Equal shapes, the common case, need no strides: the kernels run one flat loop.
        if lhs == rhs {
            shape = lhs
            count = lhs.reduce(1, *)
            runShape = []
            lhsStrides = []
            rhsStrides = []
            sameShape = true
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
        (runShape, lhsStrides, rhsStrides) = BroadcastPlan.merged(shape, strides(l), strides(r))
    }

    /// `shape` and the operands' strides over it with each axis merged into the next one
    /// where both operands' strides allow it (stride = next stride × next extent).
    @inlinable
    static func merged(_ shape: [Int], _ lhs: [Int], _ rhs: [Int]) -> (shape: [Int], lhs: [Int], rhs: [Int]) {
        guard let last = shape.indices.last else { return (shape, lhs, rhs) }
        var (s, l, r) = ([shape[last]], [lhs[last]], [rhs[last]])
        for axis in stride(from: shape.count - 2, through: 0, by: -1) {
            if lhs[axis] == l[0] * s[0] && rhs[axis] == r[0] * s[0] {
                s[0] *= shape[axis]
            } else {
                s.insert(shape[axis], at: 0)
                l.insert(lhs[axis], at: 0)
                r.insert(rhs[axis], at: 0)
            }
        }
        return (s, l, r)
    }

    /// The same result shape and left operand, with a single-element right operand.
    @inlinable
    func withScalarRHS() -> BroadcastPlan {
        var plan = self
        (plan.runShape, plan.lhsStrides, plan.rhsStrides) = BroadcastPlan.merged(
            runShape, lhsStrides, [Int](repeating: 0, count: runShape.count))
        return plan
    }

    /// Both operands already have the result's shape.
    @usableFromInline
    var isElementwise: Bool { sameShape }

    /// Calls `body(outOffset, lhsOffset, rhsOffset, lhsStep, rhsStep, length)` for each run of
    /// the last axis inside the result elements `elements` (row-major), cut at row ends.
    @inline(__always)
    func forEachRun(elements: Range<Int>, _ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        let rank = runShape.count
        let inner = rank == 0 ? 1 : runShape[rank - 1]
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
                let i = rem % runShape[axis]
                rem /= runShape[axis]
                lo += i * lhsStrides[axis]
                ro += i * rhsStrides[axis]
                axis -= 1
            }
            body(start, lo, ro, ls, rs, length)
            start += length
        }
    }
}
