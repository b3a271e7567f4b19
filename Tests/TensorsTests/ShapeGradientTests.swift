import GraphGrad
import Testing
import _TestSupport

/// The row-major multi-index of flat position `position` in `shape`.
func multiIndex(_ position: Int, in shape: [Int]) -> [Int] {
    var index = [Int](repeating: 0, count: shape.count), rest = position
    for axis in shape.indices.reversed() {
        index[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return index
}

/// The flat row-major position of `index` in `shape`.
func flatPosition(_ index: [Int], in shape: [Int]) -> Int {
    zip(index, shape).reduce(0) { $0 * $1.1 + $1.0 }
}

@Suite("Shape operations: values and gradients")
struct ShapeGradientTests {
    let x = randomTensor([2, 3, 4], seed: 7)

    @Test("reshape", arguments: [
        ([2, 3, 4], [6, -1]), ([2, 3, 4], [24]), ([1, 4], [4]), ([4], [1, 4, 1]), ([], [1]), ([1, 1], []),
        ([0, 3], [3, 0]), ([0, 3], [-1, 3]),
    ])
    func reshape(_ shapes: ([Int], [Int])) {
        let (from, to) = shapes
        let t = randomTensor(from, seed: 1)
        expectDifferentiable(at: [t]) { $0[0].reshaped(to) }
        let r = t.reshaped(to)
        #expect(r.scalars == t.scalars)
        #expect(r.shape.reduce(1, *) == t.count && zip(r.shape, to).allSatisfy { $1 == -1 || $0 == $1 })
    }

    @Test func expandAndSqueeze() {
        expectDifferentiable(at: [x]) { $0[0].expandingShape(at: 1) }
        expectDifferentiable(at: [x]) { $0[0].expandingShape(at: -1) }
        let y = randomTensor([2, 1, 3], seed: 2)
        expectDifferentiable(at: [y]) { $0[0].squeezingShape(at: 1) }
        #expect(x.expandingShape(at: -1).shape == [2, 3, 4, 1])
        #expect(x.expandingShape(at: 0).squeezingShape(at: 0) == x)
        #expect(y.squeezingShape(at: 1).shape == [2, 3] && y.squeezingShape(at: 1).scalars == y.scalars)
    }

    @Test("permute", arguments: [
        ([2, 3, 4], [2, 0, 1]), ([2, 3, 4], [1, 2, 0]), ([2, 3, 4], [0, 2, 1]), ([1, 3, 1], [2, 1, 0]),
        ([2, 1, 3], [1, 0, 2]), ([4, 1], [1, 0]), ([0, 2, 3], [2, 0, 1]), ([5], [0]),
    ])
    func permute(_ arguments: ([Int], [Int])) {
        let (shape, axes) = arguments
        let t = randomTensor(shape, seed: 3)
        expectDifferentiable(at: [t]) { $0[0].permuted(axes) }
        let p = t.permuted(axes)
        #expect(p.shape == axes.map { shape[$0] })
        // Result element at index i is the input element at index j with j[axes[k]] = i[k].
        for position in 0..<p.count {
            let i = multiIndex(position, in: p.shape)
            var j = [Int](repeating: 0, count: shape.count)
            for (k, axis) in axes.enumerated() { j[axis] = i[k] }
            #expect(p.scalars[position] == t.scalars[flatPosition(j, in: shape)])
        }
        var inverse = [Int](repeating: 0, count: axes.count)
        for (k, axis) in axes.enumerated() { inverse[axis] = k }
        #expect(p.permuted(inverse) == t)
    }

    @Test("transpose", arguments: [[3, 4], [1, 4], [4, 1], [2, 3, 4], [2, 1, 3], [0, 3], [2, 0, 3]])
    func transpose(_ shape: [Int]) {
        let t = randomTensor(shape, seed: 4)
        expectDifferentiable(at: [t]) { $0[0].transposed() }
        var axes = Array(shape.indices)
        axes.swapAt(shape.count - 1, shape.count - 2)
        #expect(t.transposed() == t.permuted(axes))
        #expect(t.transposed().transposed() == t)
    }

    /// Reference slice: the elements whose index along `axis` lies in `range`, in order.
    func sliceReference(_ t: Tensor<Double>, along axis: Int, _ range: Range<Int>) -> [Double] {
        (0..<t.count).filter { range.contains(multiIndex($0, in: t.shape)[axis]) }.map { t.scalars[$0] }
    }

    @Test("slice", arguments: [
        ([2, 3, 4], 0, 1..<2), ([2, 3, 4], 1, 1..<3), ([2, 3, 4], 2, 0..<4), ([2, 1, 4], 1, 0..<1),
        ([5], 0, 2..<5), ([0, 3], 1, 1..<3),
        // An empty slice of a non-empty tensor: its gradient is zeros of the input's shape.
        ([2, 3, 4], 1, 2..<2),
    ])
    func slice(_ arguments: ([Int], Int, Range<Int>)) {
        let (shape, axis, range) = arguments
        let t = randomTensor(shape, seed: 5)
        expectDifferentiable(at: [t]) { $0[0].sliced(along: axis, range) }
        let s = t.sliced(along: axis, range)
        var expectedShape = shape
        expectedShape[axis] = range.count
        #expect(s.shape == expectedShape)
        #expect(s.scalars == sliceReference(t, along: axis, range))
        #expect(t.sliced(along: axis - shape.count, range) == s)
        let g = gradient(at: [t]) { $0[0].sliced(along: axis, range).sum() }[0]
        #expect(g.scalars == (0..<t.count).map { range.contains(multiIndex($0, in: shape)[axis]) ? 1 : 0 })
    }

    @Test("pad", arguments: [
        ([2, 3, 4], 1, 5, 1), ([2, 3, 4], 0, 2, 0), ([2, 1, 4], 1, 3, 2), ([3], 0, 7, 4), ([0, 3], 1, 4, 0),
        ([2, 0], 1, 3, 1),
    ])
    func pad(_ arguments: ([Int], Int, Int, Int)) {
        let (shape, axis, extent, offset) = arguments
        let t = randomTensor(shape, seed: 6)
        expectDifferentiable(at: [t]) { $0[0].padded(along: axis, toExtent: extent, at: offset) }
        let p = t.padded(along: axis, toExtent: extent, at: offset)
        var paddedShape = shape
        paddedShape[axis] = extent
        #expect(p.shape == paddedShape)
        let range = offset..<(offset + shape[axis])
        #expect(p.sliced(along: axis, range) == t)
        #expect(sliceReference(p, along: axis, 0..<offset).allSatisfy { $0 == 0 })
        #expect(sliceReference(p, along: axis, range.upperBound..<extent).allSatisfy { $0 == 0 })
    }

    @Test("concatenate", arguments: [
        ([[2, 3, 4], [2, 2, 4]], 1), ([[2, 3, 4], [1, 3, 4], [3, 3, 4]], 0), ([[2, 3, 1], [2, 3, 2]], -1),
        ([[4], [1]], 0), ([[1, 2], [1, 2]], 0),
        // An empty part contributes nothing; the others still get their gradients.
        ([[2, 0, 4], [2, 3, 4]], 1), ([[0, 3], [0, 3]], 0),
    ])
    func concatenate(_ arguments: ([[Int]], Int)) {
        let (shapes, axis) = arguments
        let parts = shapes.enumerated().map { randomTensor($0.element, seed: 10 + UInt64($0.offset)) }
        expectDifferentiable(at: parts) { Tensor.concatenate($0, along: axis) }
        let joined = Tensor.concatenate(parts, along: axis)
        let a = axis < 0 ? axis + shapes[0].count : axis
        var start = 0
        for part in parts {
            #expect(joined.sliced(along: a, start..<(start + part.shape[a])) == part)
            start += part.shape[a]
        }
        #expect(joined.shape[a] == start)
    }

    @Test func concatenateSlices() {
        let joined = Tensor.concatenate([x.sliced(along: 2, 0..<1), x.sliced(along: 2, 1..<4)], along: 2)
        #expect(joined == x)
    }

    @Test("stack", arguments: [([2, 3], 0), ([2, 3], 1), ([2, 3], 2), ([2, 3], -1), ([], 0), ([1], 1), ([0, 3], 1)])
    func stack(_ arguments: ([Int], Int)) {
        let (shape, axis) = arguments
        let parts = (0..<3).map { randomTensor(shape, seed: 20 + UInt64($0)) }
        expectDifferentiable(at: parts) { Tensor.stack($0, along: axis) }
        let s = Tensor.stack(parts, along: axis)
        let a = axis < 0 ? axis + shape.count + 1 : axis
        var expectedShape = shape
        expectedShape.insert(3, at: a)
        #expect(s.shape == expectedShape)
        for (k, part) in parts.enumerated() {
            #expect(s.sliced(along: a, k..<(k + 1)).squeezingShape(at: a) == part)
        }
    }

    @Test("gather rows", arguments: [
        ([5, 3], [4, 0, 0, 2]), ([5], [1, 1, 3]), ([4, 2, 3], [3, 0]), ([1, 4], [0, 0, 0]), ([3, 1], [2]),
        // No rows picked: the gradient is zeros of the input's shape.
        ([5, 3], []), ([0, 3], []),
    ])
    func gatherRows(_ arguments: ([Int], [Int])) {
        let (shape, indices) = arguments
        let m = randomTensor(shape, seed: 9)
        expectDifferentiable(at: [m]) { $0[0].gatheringRows(indices) }
        let g = m.gatheringRows(indices)
        #expect(g.shape == [indices.count] + shape.dropFirst())
        for (r, i) in indices.enumerated() {
            #expect(g.sliced(along: 0, r..<(r + 1)) == m.sliced(along: 0, i..<(i + 1)))
        }
        // Each row's gradient counts how often it was picked.
        let grad = gradient(at: [m]) { $0[0].gatheringRows(indices).sum() }[0]
        let width = shape.dropFirst().reduce(1, *)
        #expect(grad.scalars == (0..<m.count).map { p in Double(indices.filter { $0 == p / width }.count) })
    }

    @Test("scatter rows", arguments: [
        ([4, 3], [4, 0, 0, 2], 5), ([3], [1, 1, 0], 2), ([2, 2, 3], [0, 3], 4), ([0, 3], [], 2), ([0, 3], [], 0),
    ])
    func scatterRows(_ arguments: ([Int], [Int], Int)) {
        let (shape, indices, rowCount) = arguments
        let rows = randomTensor(shape, seed: 11)
        expectDifferentiable(at: [rows]) { $0[0].scatteringRows(indices, rowCount: rowCount) }
        let s = rows.scatteringRows(indices, rowCount: rowCount)
        #expect(s.shape == [rowCount] + shape.dropFirst())
        for target in 0..<rowCount {
            var expected = Tensor<Double>.zeros([1] + shape.dropFirst())
            for (r, i) in indices.enumerated() where i == target { expected += rows.sliced(along: 0, r..<(r + 1)) }
            #expect(s.sliced(along: 0, target..<(target + 1)) == expected)
        }
    }

    @Test("broadcast", arguments: [
        ([3, 1], [2, 3, 4]), ([], [2, 3]), ([4], [3, 4]), ([1, 4], [3, 4]), ([2, 1, 3], [2, 5, 3]), ([1], [1, 1]),
        // Broadcast to an empty shape: the input is not empty, its gradient is zeros.
        ([4], [0, 4]), ([1], [0]),
    ])
    func broadcast(_ shapes: ([Int], [Int])) {
        let (from, to) = shapes
        let v = randomTensor(from, seed: 10)
        expectDifferentiable(at: [v]) { $0[0].broadcasted(to: to) }
        let b = v.broadcasted(to: to)
        #expect(b.shape == to)
        let offset = to.count - from.count
        for position in 0..<b.count {
            let i = multiIndex(position, in: to)
            let j = from.indices.map { from[$0] == 1 ? 0 : i[offset + $0] }
            #expect(b.scalars[position] == v.scalars[flatPosition(j, in: from)])
        }
        // Summing back adds up as many copies of each element as it was broadcast to.
        let copies = b.count / v.count
        for (sum, element) in zip(b.summed(toShape: from).scalars, v.scalars) {
            let terms = [Double](repeating: element, count: copies)
            #expect(Swift.abs(sum - Double(copies) * element) <= 2 * sumErrorBound(terms))
        }
    }

    @Test("sum to a shape", arguments: [
        ([2, 3, 4], [3, 1]), ([2, 3, 4], [4]), ([2, 3, 4], [1, 1, 1]), ([2, 3, 4], []), ([2, 1], [2, 1]),
        ([0, 3], [1, 3]), ([0, 3], [3]),
    ])
    func sumToShape(_ shapes: ([Int], [Int])) {
        let (from, to) = shapes
        let t = randomTensor(from, seed: 12)
        expectDifferentiable(at: [t]) { $0[0].summed(toShape: to) }
        let s = t.summed(toShape: to)
        #expect(s.shape == to)
        // Every element lands on the one `to` names through broadcasting's indexing.
        var terms = [[Double]](repeating: [], count: to.reduce(1, *))
        let offset = from.count - to.count
        for position in 0..<t.count {
            let i = multiIndex(position, in: from)
            terms[flatPosition(to.indices.map { to[$0] == 1 ? 0 : i[offset + $0] }, in: to)].append(t.scalars[position])
        }
        for (a, fiber) in zip(s.scalars, terms) {
            #expect(Swift.abs(a - fiber.reduce(0, +)) <= 2 * sumErrorBound(fiber))
        }
    }
}
