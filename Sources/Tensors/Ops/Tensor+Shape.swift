import Calculus
extension Tensor {
    /// The same elements viewed with a new shape; one extent may be -1 (inferred).
    @inlinable
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let hole = target.firstIndex(of: -1) {
            let known = target.enumerated().filter { $0.offset != hole }.map(\.element).reduce(1, *)
            require(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            target[hole] = count / known
        }
        require(
            target.allSatisfy { $0 >= 0 } && target.reduce(1, *) == count,
            "cannot reshape \(shape) (\(count) elements) to \(newShape)")
        if target == shape { return self }
        let original = shape
        guard isTracked else { return Tensor(shape: target, storage: storage) }
        return .recording(
            Tensor(shape: target, storage: storage), inputs: [self],
            pullback: { ct, _ in [ct.reshaped(original)] },
            pushforward: { t, _ in t[0]?.reshaped(target) })
    }

    /// Inserts an axis of extent 1 at `axis`.
    @inlinable
    public func expandingShape(at axis: Int) -> Tensor {
        let a = axis < 0 ? axis + rank + 1 : axis
        require(a >= 0 && a <= rank, "axis \(axis) out of range for inserting into shape \(shape)")
        var s = shape
        s.insert(1, at: a)
        return reshaped(s)
    }

    /// Removes the axis `axis`, which must have extent 1.
    @inlinable
    public func squeezingShape(at axis: Int) -> Tensor {
        let a = normalizedAxis(axis)
        require(shape[a] == 1, "cannot squeeze axis \(axis) of extent \(shape[a]) in shape \(shape)")
        var s = shape
        s.remove(at: a)
        return reshaped(s)
    }

    /// Flattens to one axis.
    @inlinable
    public func flattened() -> Tensor { reshaped([count]) }

    /// The axes reordered: result axis i is input axis `axes[i]`.
    @inlinable
    public func permuted(_ axes: [Int]) -> Tensor {
        require(
            axes.count == rank && Set(axes.map(normalizedAxis)).count == rank,
            "\(axes) is not a permutation of the axes of shape \(shape)")
        let perm = axes.map(normalizedAxis)
        if perm == Array(0..<rank) { return self }
        let outShape = perm.map { shape[$0] }
        let inStrides = Tensor.strides(of: shape)
        let srcStrides = perm.map { inStrides[$0] }
        let value = Tensor.build(shape: outShape) { out in
            withUnsafePointer { src in
                var index = [Int](repeating: 0, count: rank)
                var offset = 0
                for i in 0..<count {
                    out[i] = src[offset]
                    var axis = rank - 1
                    while axis >= 0 {
                        index[axis] += 1
                        offset += srcStrides[axis]
                        if index[axis] < outShape[axis] { break }
                        offset -= srcStrides[axis] * outShape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in perm.enumerated() { inverse[p] = i }
        guard isTracked else { return value }
        return .recording(
            value, inputs: [self],
            pullback: { ct, _ in [ct.permuted(inverse)] },
            pushforward: { t, _ in t[0]?.permuted(perm) })
    }

    /// Swaps the last two axes (the matrix transpose, batched over leading axes).
    @inlinable
    public func transposed() -> Tensor {
        require(rank >= 2, "transpose needs at least 2 axes, got shape \(shape)")
        var axes = Array(0..<rank)
        axes.swapAt(rank - 1, rank - 2)
        return permuted(axes)
    }

    /// The elements at positions `range` along `axis`.
    @inlinable
    public func sliced(along axis: Int, _ range: Range<Int>) -> Tensor {
        let a = normalizedAxis(axis)
        require(
            range.lowerBound >= 0 && range.upperBound <= shape[a],
            "slice \(range) out of bounds for axis \(axis) of extent \(shape[a]) in shape \(shape)")
        let outer = shape[..<a].reduce(1, *)
        let inner = shape[(a + 1)...].reduce(1, *)
        var outShape = shape
        outShape[a] = range.count
        let value = Tensor.build(shape: outShape) { out in
            withUnsafePointer { src in
                for o in 0..<outer {
                    (out + o * range.count * inner).update(
                        from: src + (o * shape[a] + range.lowerBound) * inner, count: range.count * inner)
                }
            }
        }
        let original = shape
        guard isTracked else { return value }
        return .recording(
            value, inputs: [self],
            pullback: { ct, _ in [ct.padded(along: a, toExtent: original[a], at: range.lowerBound)] },
            pushforward: { t, _ in t[0]?.sliced(along: a, range) })
    }

    /// Places this tensor at `offset` along `axis` inside zeros of extent `extent` (the
    /// transpose of ``sliced(along:_:)``).
    @inlinable
    public func padded(along axis: Int, toExtent extent: Int, at offset: Int) -> Tensor {
        let a = normalizedAxis(axis)
        require(offset >= 0 && offset + shape[a] <= extent, "cannot place extent \(shape[a]) at \(offset) in \(extent)")
        let outer = shape[..<a].reduce(1, *)
        let inner = shape[(a + 1)...].reduce(1, *)
        var outShape = shape
        outShape[a] = extent
        var value = Tensor.zeros(outShape)
        value.withUnsafeMutableScalars { out in
            withUnsafePointer { src in
                for o in 0..<outer {
                    (out.baseAddress! + (o * extent + offset) * inner).update(
                        from: src + o * shape[a] * inner, count: shape[a] * inner)
                }
            }
        }
        let range = offset..<(offset + shape[a])
        guard isTracked else { return value }
        return .recording(
            value, inputs: [self],
            pullback: { ct, _ in [ct.sliced(along: a, range)] },
            pushforward: { t, _ in t[0]?.padded(along: a, toExtent: extent, at: offset) })
    }

    /// Joins tensors along an existing axis; all other extents must agree.
    @inlinable
    public static func concatenate(_ tensors: [Tensor], along axis: Int) -> Tensor {
        require(!tensors.isEmpty, "concatenate needs at least one tensor")
        let first = tensors[0]
        let a = first.normalizedAxis(axis)
        for t in tensors {
            require(
                t.rank == first.rank && (0..<first.rank).allSatisfy { $0 == a || t.shape[$0] == first.shape[$0] },
                "cannot concatenate shapes \(tensors.map(\.shape)) along axis \(axis)")
        }
        let total = tensors.reduce(0) { $0 + $1.shape[a] }
        var outShape = first.shape
        outShape[a] = total
        let outer = first.shape[..<a].reduce(1, *)
        let inner = first.shape[(a + 1)...].reduce(1, *)
        let result = Tensor.build(shape: outShape) { out in
            var offset = 0
            for t in tensors {
                t.withUnsafePointer { src in
                    let width = t.shape[a] * inner
                    for o in 0..<outer {
                        (out + o * total * inner + offset * inner).update(from: src + o * width, count: width)
                    }
                }
                offset += t.shape[a]
            }
        }
        let starts = tensors.map { $0.shape[a] }.reduce(into: [0]) { $0.append($0.last! + $1) }
        guard tensors.contains(where: \.isTracked) else { return result }
        return .recording(
            result, inputs: tensors,
            pullback: { ct, _ in
                (0..<tensors.count).map { i in ct.sliced(along: a, starts[i]..<starts[i + 1]) }
            },
            pushforward: { ts, _ in
                concatenate(ts.enumerated().map { i, t in t ?? Tensor.zeros(tensors[i].shape) }, along: a)
            })
    }

    /// Stacks tensors of equal shape along a new axis.
    @inlinable
    public static func stack(_ tensors: [Tensor], along axis: Int = 0) -> Tensor {
        concatenate(tensors.map { $0.expandingShape(at: axis) }, along: axis)
    }

    /// Rows (entries along axis 0) picked by `indices`, in order, repeats allowed.
    @inlinable
    public func gatheringRows(_ indices: [Int]) -> Tensor {
        require(rank >= 1, "gatheringRows needs at least one axis, got shape \(shape)")
        let rows = shape[0]
        for i in indices { require(i >= 0 && i < rows, "row index \(i) out of range 0..<\(rows)") }
        let width = count / Swift.max(rows, 1)
        var outShape = shape
        outShape[0] = indices.count
        let value = Tensor.build(shape: outShape) { out in
            withUnsafePointer { src in
                for (r, i) in indices.enumerated() { (out + r * width).update(from: src + i * width, count: width) }
            }
        }
        guard isTracked else { return value }
        return .recording(
            value, inputs: [self],
            pullback: { ct, _ in [ct.scatteringRows(indices, rowCount: rows)] },
            pushforward: { t, _ in t[0]?.gatheringRows(indices) })
    }

    /// Zeros with `rowCount` rows into which row r of `self` is added at row `indices[r]`
    /// (the transpose of ``gatheringRows(_:)``; repeated indices accumulate).
    @inlinable
    public func scatteringRows(_ indices: [Int], rowCount: Int) -> Tensor {
        require(rank >= 1 && indices.count == shape[0], "\(indices.count) indices for \(shape.first ?? 0) rows")
        for i in indices { require(i >= 0 && i < rowCount, "row index \(i) out of range 0..<\(rowCount)") }
        let width = count / Swift.max(shape[0], 1)
        var outShape = shape
        outShape[0] = rowCount
        var value = Tensor.zeros(outShape)
        value.withUnsafeMutableScalars { out in
            withUnsafePointer { src in
                for (r, i) in indices.enumerated() {
                    let dst = out.baseAddress! + i * width
                    let row = src + r * width
                    for j in 0..<width { dst[j] += row[j] }
                }
            }
        }
        guard isTracked else { return value }
        return .recording(
            value, inputs: [self],
            pullback: { ct, _ in [ct.gatheringRows(indices)] },
            pushforward: { t, _ in t[0]?.scatteringRows(indices, rowCount: rowCount) })
    }

    /// This tensor repeated along broadcast axes to `target` (NumPy rules).
    @inlinable
    public func broadcasted(to target: [Int]) -> Tensor {
        if shape == target { return self }
        let plan = BroadcastPlan(shape, target)
        require(plan.shape == target, "shape \(shape) does not broadcast to \(target)")
        let original = shape
        let zero = Tensor(Scalar(0))
        let value = Tensor.build(shape: target) { out in
            withUnsafePointer { pa in
                zero.withUnsafePointer { pz in
                    Scalar.binaryKernel(.add, pa, pz, out, plan: plan.withScalarRHS())
                }
            }
        }
        guard isTracked else { return value }
        return .recording(
            value, inputs: [self],
            pullback: { ct, _ in [ct.summed(toShape: original)] },
            pushforward: { t, _ in t[0]?.broadcasted(to: target) })
    }

    /// Sums over the axes along which `target` was broadcast to this shape (the transpose of
    /// ``broadcasted(to:)``).
    @inlinable
    public func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        require(lead >= 0, "cannot sum shape \(shape) down to \(target)")
        var axes = Array(0..<lead)
        for (i, extent) in target.enumerated() where extent == 1 && shape[lead + i] != 1 { axes.append(lead + i) }
        let reduced = sum(alongAxes: axes, keepingDims: true)
        require(reduced.count == target.reduce(1, *), "cannot sum shape \(shape) down to \(target)")
        return reduced.reshaped(target)
    }
}
