import Calculus
extension Tensor {
    /// Reduces one axis with a kernel reduction, keeping it with extent 1.
    @inlinable
    func reducedKeepingAxis(_ op: ReductionOp, _ axis: Int) -> Tensor {
        let a = normalizedAxis(axis)
        let outer = shape[..<a].reduce(1, *)
        let inner = shape[(a + 1)...].reduce(1, *)
        var outShape = shape
        outShape[a] = 1
        return Tensor.build(shape: outShape) { out in
            withUnsafePointer { Scalar.reduceKernel(op, $0, out, outer: outer, length: shape[a], inner: inner) }
        }
    }

    /// `axes` normalized (negative ones from the end), without repeats, in increasing order.
    @inlinable
    func normalizedAxes(_ axes: [Int]) -> [Int] { Set(axes.map(normalizedAxis)).sorted() }

    /// Reduces each of the normalized `axes` in turn with a kernel reduction, keeping them with
    /// extent 1; a constant (not on the tape). Sums and extrema of partial results are the
    /// reductions over all those axes at once.
    @inlinable
    func reducedKeepingAxes(_ op: ReductionOp, _ axes: [Int]) -> Tensor {
        axes.reduce(detached()) { $0.reducedKeepingAxis(op, $1) }
    }

    /// The shape without the normalized `axes`, or with them kept at extent 1.
    @inlinable
    func reducedShape(_ axes: [Int], keepingDims: Bool) -> [Int] {
        shape.enumerated().compactMap { axes.contains($0.offset) ? (keepingDims ? 1 : nil) : $0.element }
    }

    /// Sum over `axes` (all axes when empty is not what you want: use ``sum()``).
    @inlinable
    public func sum(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        let normalized = normalizedAxes(axes)
        let value = reducedKeepingAxes(.sum, normalized)
        let keptShape = value.shape
        let outShape = reducedShape(normalized, keepingDims: keepingDims)
        let original = shape
        guard isTracked else { return Tensor(shape: outShape, storage: value.storage) }
        return .recording(
            Tensor(shape: outShape, storage: value.storage), inputs: [self],
            pullback: { ct, _ in [ct.reshaped(keptShape).broadcasted(to: original)] },
            pushforward: { t, _ in t[0]?.sum(alongAxes: normalized, keepingDims: keepingDims) })
    }

    /// Sum along one axis.
    @inlinable
    public func sum(along axis: Int, keepingDims: Bool = false) -> Tensor {
        sum(alongAxes: [axis], keepingDims: keepingDims)
    }

    /// Sum of all elements, as a 0-dimensional tensor.
    @inlinable
    public func sum() -> Tensor { sum(alongAxes: Array(0..<rank)) }

    /// Mean over `axes`.
    @inlinable
    public func mean(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        let extent = normalizedAxes(axes).reduce(1) { $0 * shape[$1] }
        return sum(alongAxes: axes, keepingDims: keepingDims) / Scalar(extent)
    }

    /// Mean along one axis.
    @inlinable
    public func mean(along axis: Int, keepingDims: Bool = false) -> Tensor {
        mean(alongAxes: [axis], keepingDims: keepingDims)
    }

    /// Mean of all elements, as a 0-dimensional tensor.
    @inlinable
    public func mean() -> Tensor { sum() / Scalar(count) }

    /// Maximum over `axes`; ties share the gradient equally (as PyTorch's `amax`).
    @inlinable
    public func max(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        extremum(.max, alongAxes: axes, keepingDims: keepingDims)
    }

    /// Minimum over `axes`; ties share the gradient equally.
    @inlinable
    public func min(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        extremum(.min, alongAxes: axes, keepingDims: keepingDims)
    }

    /// Maximum along one axis; ties share the gradient equally (as PyTorch's `amax`).
    @inlinable
    public func max(along axis: Int, keepingDims: Bool = false) -> Tensor {
        extremum(.max, alongAxes: [axis], keepingDims: keepingDims)
    }

    /// Minimum along one axis; ties share the gradient equally.
    @inlinable
    public func min(along axis: Int, keepingDims: Bool = false) -> Tensor {
        extremum(.min, alongAxes: [axis], keepingDims: keepingDims)
    }

    /// Maximum of all elements.
    @inlinable
    public func max() -> Tensor { flattened().max(along: 0) }

    /// Minimum of all elements.
    @inlinable
    public func min() -> Tensor { flattened().min(along: 0) }

    @inlinable
    func extremum(_ op: ReductionOp, alongAxes axes: [Int], keepingDims: Bool) -> Tensor {
        let normalized = normalizedAxes(axes)
        for a in normalized { require(shape[a] > 0, "\(op) along axis \(a) of extent 0 in shape \(shape)") }
        let best = reducedKeepingAxes(op, normalized)
        let outShape = reducedShape(normalized, keepingDims: keepingDims)
        if node == nil && tangentBox == nil { return best.reshaped(outShape) }
        // Written with differentiable operations: the selection mask is constant, so second
        // derivatives flow through the selected elements.
        let mask = (self .== best)
        let share = mask / mask.sum(alongAxes: normalized, keepingDims: true)
        let picked = (self * share).sum(alongAxes: normalized, keepingDims: true)
        return Tensor(shape: best.shape, storage: best.storage, node: picked.node, tangentBox: picked.tangentBox).reshaped(outShape)
    }

    /// Index of the largest element along `axis` (first on ties); not differentiable.
    @inlinable
    public func argmax(along axis: Int) -> [Int] {
        let a = normalizedAxis(axis)
        let outer = shape[..<a].reduce(1, *)
        let inner = shape[(a + 1)...].reduce(1, *)
        let n = shape[a]
        require(n > 0, "argmax along axis \(axis) of extent 0 in shape \(shape)")
        return withUnsafePointer { x in
            var result = [Int](repeating: 0, count: outer * inner)
            for o in 0..<outer {
                for i in 0..<inner {
                    var best = x[o * n * inner + i]
                    var arg = 0
                    for k in 1..<n where x[(o * n + k) * inner + i] > best {
                        best = x[(o * n + k) * inner + i]
                        arg = k
                    }
                    result[o * inner + i] = arg
                }
            }
            return result
        }
    }

    /// log Σ exp over `axes`, computed stably by shifting by the maximum.
    @inlinable
    public func logSumExp(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        let normalized = normalizedAxes(axes)
        let shift = reducedKeepingAxes(.max, normalized).replacingNonFinite(with: 0)
        let result = (self - shift).exp().sum(alongAxes: normalized, keepingDims: true).log() + shift
        return result.reshaped(reducedShape(normalized, keepingDims: keepingDims))
    }

    /// log Σ exp along `axis`, computed stably by shifting by the maximum.
    @inlinable
    public func logSumExp(along axis: Int, keepingDims: Bool = false) -> Tensor {
        logSumExp(alongAxes: [axis], keepingDims: keepingDims)
    }

    /// The same values with ±inf and NaN replaced (a constant: not on the tape).
    @inlinable
    func replacingNonFinite(with value: Scalar) -> Tensor {
        withUnsafePointer { x in
            Tensor.build(shape: shape) { out in
                for i in 0..<count { out[i] = x[i].isFinite ? x[i] : value }
            }
        }
    }
}
