import GraphGrad
import Testing
import _TestSupport

/// The elements of `x` along `axis`, one array per position of the other axes (row-major):
/// the reference the reductions are checked against, written without the library's kernels.
func fibers(_ x: Tensor<Double>, along axis: Int) -> [[Double]] {
    let a = axis < 0 ? axis + x.shape.count : axis
    let outer = x.shape[..<a].reduce(1, *), n = x.shape[a], inner = x.shape[(a + 1)...].reduce(1, *)
    return (0..<outer * inner).map { position in
        let (o, i) = position.quotientAndRemainder(dividingBy: inner)
        return (0..<n).map { x.scalars[(o * n + $0) * inner + i] }
    }
}

/// The rounding error bound of a sum of `terms` in any order, (n − 1)·u·Σ|xᵢ| (Higham, §4.2),
/// plus one rounding of the result for a division that may follow.
func sumErrorBound(_ terms: [Double]) -> Double {
    let magnitude = terms.reduce(0) { $0 + Swift.abs($1) }
    return (Double(Swift.max(terms.count - 1, 0)) + 1) * Double.ulpOfOne / 2 * magnitude
}

/// `shape` with `axis` kept at extent 1 or removed.
func reducedShape(_ shape: [Int], along axis: Int, keepingDims: Bool) -> [Int] {
    let a = axis < 0 ? axis + shape.count : axis
    var s = shape
    if keepingDims { s[a] = 1 } else { s.remove(at: a) }
    return s
}

@Suite("Reductions and softmax: gradients against central differences")
struct ReductionGradientTests {
    /// A scalar, a vector, and size-1 axes first, last and in the middle.
    static let shapes: [[Int]] = [[], [6], [2, 3, 4], [1, 5], [4, 1], [2, 1, 3]]

    @Test("sum and mean, along every axis", arguments: shapes)
    func sums(_ shape: [Int]) {
        let x = randomTensor(shape, seed: 1)
        expectDifferentiable(at: [x]) { $0[0].sum() }
        expectDifferentiable(at: [x]) { $0[0].mean() }
        for axis in -shape.count..<shape.count {
            for keep in [false, true] {
                expectDifferentiable(at: [x]) { $0[0].sum(along: axis, keepingDims: keep) }
                expectDifferentiable(at: [x]) { $0[0].mean(along: axis, keepingDims: keep) }
            }
        }
        if shape.count >= 2 {
            for keep in [false, true] {
                expectDifferentiable(at: [x]) { $0[0].sum(alongAxes: [0, -1], keepingDims: keep) }
            }
        }
    }

    @Test("sum and mean values", arguments: shapes)
    func sumValues(_ shape: [Int]) {
        let x = randomTensor(shape, seed: 2)
        #expect(Swift.abs(x.sum().scalar - x.scalars.reduce(0, +)) <= 2 * sumErrorBound(x.scalars))
        for axis in -shape.count..<shape.count {
            for keep in [false, true] {
                let s = x.sum(along: axis, keepingDims: keep)
                let m = x.mean(along: axis, keepingDims: keep)
                #expect(s.shape == reducedShape(shape, along: axis, keepingDims: keep))
                #expect(m.shape == s.shape)
                for (k, fiber) in fibers(x, along: axis).enumerated() {
                    // Both the library and the reference round: twice the bound of one sum.
                    let expected = fiber.reduce(0, +), bound = 2 * sumErrorBound(fiber)
                    #expect(Swift.abs(s.scalars[k] - expected) <= bound)
                    #expect(Swift.abs(m.scalars[k] - expected / Double(fiber.count)) <= bound)
                }
            }
        }
    }

    @Test("over an empty axis, a sum is zeros and a mean is 0/0; along the other axis, both are empty")
    func emptySums() {
        let e = Tensor<Double>.zeros([0, 3])
        #expect(e.sum(along: 0) == Tensor.zeros([3]))
        #expect(e.sum(along: 0, keepingDims: true) == Tensor.zeros([1, 3]))
        #expect(e.sum() == Tensor(0))
        #expect(e.sum(along: 1).shape == [0])
        #expect(e.mean(along: 1, keepingDims: true).shape == [0, 1])
        #expect(e.mean(along: 0).shape == [3] && e.mean(along: 0).scalars.allSatisfy { $0.isNaN })
        for axis in [0, 1] {
            for keep in [false, true] {
                expectDifferentiable(at: [e]) { $0[0].sum(along: axis, keepingDims: keep) }
            }
        }
        expectDifferentiable(at: [e]) { $0[0].mean(along: 1) }
        #expect(gradient(at: [e]) { $0[0].sum() }[0].shape == [0, 3])
        // An empty sum in a function of a non-empty input is a constant zero: d/dx (x + Σ∅)·x = 2x.
        let x = randomTensor([3], seed: 3)
        expectDifferentiable(at: [x, e]) { ($0[0] + $0[1].sum(along: 0)) * $0[0] }
        #expect(gradient(at: [x, e]) { (($0[0] + $0[1].sum(along: 0)) * $0[0]).sum() }[0] == x * 2)
    }

    @Test("max and min, along every axis and over all elements", arguments: shapes)
    func extrema(_ shape: [Int]) {
        let x = randomTensor(shape, seed: 3)
        expectDifferentiable(at: [x]) { $0[0].max() }
        expectDifferentiable(at: [x]) { $0[0].min() }
        #expect(x.max().shape == [] && x.max().scalar == x.scalars.max()!)
        #expect(x.min().shape == [] && x.min().scalar == x.scalars.min()!)
        for axis in -shape.count..<shape.count {
            for keep in [false, true] {
                expectDifferentiable(at: [x]) { $0[0].max(along: axis, keepingDims: keep) }
                expectDifferentiable(at: [x]) { $0[0].min(along: axis, keepingDims: keep) }
                let hi = x.max(along: axis, keepingDims: keep), lo = x.min(along: axis, keepingDims: keep)
                #expect(hi.shape == reducedShape(shape, along: axis, keepingDims: keep))
                #expect(lo.shape == hi.shape)
                #expect(hi.scalars == fibers(x, along: axis).map { $0.max()! })
                #expect(lo.scalars == fibers(x, along: axis).map { $0.min()! })
            }
            #expect(x.argmax(along: axis) == fibers(x, along: axis).map { $0.firstIndex(of: $0.max()!)! })
        }
    }

    @Test("max and min along the non-empty axis of an empty tensor are empty")
    func emptyExtrema() {
        let e = Tensor<Double>.zeros([0, 3])
        for keep in [false, true] {
            #expect(e.max(along: 1, keepingDims: keep).shape == (keep ? [0, 1] : [0]))
            expectDifferentiable(at: [e]) { $0[0].max(along: 1, keepingDims: keep) }
            expectDifferentiable(at: [e]) { $0[0].min(along: -1, keepingDims: keep) }
        }
        #expect(e.argmax(along: 1) == [])
    }

    @Test("ties share the gradient of max equally")
    func ties() {
        let x = Tensor<Double>([2, 5, 5, 1])
        let g = gradient(at: [x]) { $0[0].max() }[0]
        #expect(g == Tensor([0, 0.5, 0.5, 0]))
    }

    @Test("ties share the gradient of min equally")
    func minTies() {
        let x = Tensor<Double>([[2, -1, 4], [-1, 3, 0]])
        let g = gradient(at: [x]) { $0[0].min() }[0]
        #expect(g == Tensor([[0, 0.5, 0], [0.5, 0, 0]]))
    }

    @Test("logSumExp, softmax and logSoftmax, along every axis", arguments: shapes)
    func logSumExpAndSoftmax(_ shape: [Int]) {
        let x = randomTensor(shape, in: -3...3, seed: 4)
        for axis in -shape.count..<shape.count {
            for keep in [false, true] {
                expectDifferentiable(at: [x]) { $0[0].logSumExp(along: axis, keepingDims: keep) }
                let l = x.logSumExp(along: axis, keepingDims: keep)
                #expect(l.shape == reducedShape(shape, along: axis, keepingDims: keep))
                for (k, fiber) in fibers(x, along: axis).enumerated() {
                    // exp of |x| ≤ 3 summed over ≤ 4 terms, then log: a few ulps of numbers below 5.
                    let expected = Double.log(fiber.reduce(0) { $0 + Double.exp($1) })
                    #expect(Swift.abs(l.scalars[k] - expected) < 1e-14)
                }
            }
            expectDifferentiable(at: [x]) { $0[0].softmax(along: axis) }
            expectDifferentiable(at: [x]) { $0[0].logSoftmax(along: axis) }
            let s = x.softmax(along: axis)
            #expect(s.shape == shape)
            for (k, fiber) in fibers(s, along: axis).enumerated() {
                // Each element is exp of a logSoftmax that is off by a few ulps: a few ulps in all.
                #expect(Swift.abs(fiber.reduce(0, +) - 1) < 1e-14, "fiber \(k)")
            }
        }
    }

    @Test("logSumExp over an empty axis is log 0 = −∞; softmax of an empty tensor is empty")
    func emptyLogSumExp() {
        let e = Tensor<Double>.zeros([0, 3])
        #expect(e.logSumExp(along: 0) == Tensor.full([3], -.infinity))
        #expect(e.logSumExp(along: 0, keepingDims: true) == Tensor.full([1, 3], -.infinity))
        #expect(e.logSumExp(along: 1).shape == [0])
        for axis in [0, 1] {
            #expect(e.softmax(along: axis).shape == [0, 3])
            expectDifferentiable(at: [e]) { $0[0].softmax(along: axis) }
            expectDifferentiable(at: [e]) { $0[0].logSoftmax(along: axis) }
        }
        expectDifferentiable(at: [e]) { $0[0].logSumExp(along: 1, keepingDims: true) }
    }

    @Test func largeSoftmax() {
        let big = Tensor<Double>([[1000, 1001], [-1000, -1001]])
        let s = big.softmax(along: 1)
        #expect(s.scalars.allSatisfy { $0.isFinite })
        // x − logsumexp(x) at |x| ≈ 1000 carries an absolute error of about ulp(1000) ≈ 1.1e-13,
        // which exp turns into the same relative error.
        #expect(Swift.abs(s.scalars[0] - 1 / (1 + Double.exp(1))) < 2e-13)
    }
}
