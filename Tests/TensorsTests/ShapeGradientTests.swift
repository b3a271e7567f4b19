import GraphGrad
import Testing
import _TestSupport

@Suite("Shape operations: values and gradients")
struct ShapeGradientTests {
    let x = randomTensor([2, 3, 4], seed: 7)

    @Test func reshapeAndPermute() {
        expectDifferentiable(at: [x]) { $0[0].reshaped([6, -1]) }
        expectDifferentiable(at: [x]) { $0[0].permuted([2, 0, 1]) }
        expectDifferentiable(at: [x]) { $0[0].transposed() }
        let p = x.permuted([2, 0, 1])
        #expect(p.shape == [4, 2, 3])
        #expect(p.scalars[1 * 6 + 1 * 3 + 2] == x.scalars[1 * 12 + 2 * 4 + 1])
        #expect(x.permuted([2, 0, 1]).permuted([1, 2, 0]) == x)
    }

    @Test func sliceAndConcatenate() {
        expectDifferentiable(at: [x]) { $0[0].sliced(along: 1, 1..<3) }
        let y = randomTensor([2, 2, 4], seed: 8)
        expectDifferentiable(at: [x, y]) { Tensor.concatenate([$0[0], $0[1]], along: 1) }
        let joined = Tensor.concatenate([x.sliced(along: 2, 0..<1), x.sliced(along: 2, 1..<4)], along: 2)
        #expect(joined == x)
        expectDifferentiable(at: [x, x * 2]) { Tensor.stack([$0[0], $0[1]], along: 1) }
        #expect(Tensor.stack([x, x], along: 0).shape == [2, 2, 3, 4])
    }

    @Test func gatherAndScatterRows() {
        let m = randomTensor([5, 3], seed: 9)
        let indices = [4, 0, 0, 2]
        expectDifferentiable(at: [m]) { $0[0].gatheringRows(indices) }
        expectDifferentiable(at: [m.gatheringRows(indices)]) { $0[0].scatteringRows(indices, rowCount: 5) }
        let g = m.gatheringRows(indices)
        #expect(Array(g.scalars[3..<6]) == Array(m.scalars[0..<3]))
    }

    @Test func broadcastAndSumTo() {
        let v = randomTensor([3, 1], seed: 10)
        expectDifferentiable(at: [v]) { $0[0].broadcasted(to: [2, 3, 4]) }
        expectDifferentiable(at: [x]) { $0[0].summed(toShape: [3, 1]) }
        #expect(v.broadcasted(to: [2, 3, 4]).summed(toShape: [3, 1]) == v * 8)
    }
}
