import Foundation
import GraphGrad
import Testing
import _TestSupport

/// Reductions over several axes at once: the values equal reducing one axis at a time (an
/// oracle written with single-axis reductions and scalar loops), and the gradients match
/// central differences, to second order and in forward mode.
@Suite("Reductions over several axes: values and gradients")
struct MultiAxisReductionTests {
    static let axisSets: [[Int]] = [[0, 2], [2, 0], [1], [-1, 0], [0, 1, 2]]

    @Test(arguments: axisSets)
    func valuesEqualOneAxisAtATime(axes: [Int]) {
        let x = randomTensor([2, 3, 4], seed: 50)
        let sorted = Set(axes.map { ($0 + 3) % 3 }).sorted(by: >)
        // Reducing the highest axis first keeps the lower axes' indices valid.
        func oneAtATime(_ start: Tensor<Double>? = nil, _ reduce: (Tensor<Double>, Int) -> Tensor<Double>) -> Tensor<Double> {
            sorted.reduce(start ?? x) { reduce($0, $1) }
        }
        let kept = [2, 3, 4].enumerated().map { sorted.contains($0.offset) ? 1 : $0.element }
        let maxima = oneAtATime { $0.max(along: $1) }
        let minima = oneAtATime { $0.min(along: $1) }
        #expect(x.max(alongAxes: axes).scalars == maxima.scalars)
        #expect(x.min(alongAxes: axes).scalars == minima.scalars)
        #expect(x.max(alongAxes: axes, keepingDims: true).shape == kept)
        let extent = Double(sorted.reduce(1) { $0 * [2, 3, 4][$1] })
        let means = oneAtATime { $0.sum(along: $1) }.scalars.map { $0 / extent }
        expectClose(x.mean(alongAxes: axes).scalars, means)
        #expect(x.mean(alongAxes: axes, keepingDims: true).shape == kept)
        // log Σ exp by its definition, over the same elements.
        let sums = oneAtATime(x.exp()) { $0.sum(along: $1) }
        expectClose(x.logSumExp(alongAxes: axes).scalars, sums.scalars.map { Foundation.log($0) })
        #expect(x.logSumExp(alongAxes: axes, keepingDims: true).shape == kept)
    }

    @Test(arguments: axisSets)
    func gradients(axes: [Int]) {
        let x = randomTensor([2, 3, 4], seed: 51)
        for keepingDims in [false, true] {
            expectDifferentiable(at: [x]) { $0[0].mean(alongAxes: axes, keepingDims: keepingDims) }
            expectDifferentiable(at: [x]) { $0[0].max(alongAxes: axes, keepingDims: keepingDims) }
            expectDifferentiable(at: [x]) { $0[0].min(alongAxes: axes, keepingDims: keepingDims) }
            expectDifferentiable(at: [x]) { $0[0].logSumExp(alongAxes: axes, keepingDims: keepingDims) }
        }
    }

    @Test("ties of a maximum over several axes share its gradient equally")
    func tiesShareTheGradient() {
        let x = Tensor<Double>(shape: [2, 2, 2], scalars: [1, 5, 5, 2, 0, 5, 3, 4]).requiringGradient()
        let g = x.max(alongAxes: [0, 1]).sum().gradients(wrt: [x])[0]
        // Column 0 holds 1, 5, 0, 3 (one maximum); column 1 holds 5, 2, 5, 4 (two).
        #expect(g.scalars == [0, 0.5, 1, 0, 0, 0.5, 0, 0])
    }

    func expectClose(_ a: [Double], _ b: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        for (u, v) in zip(a, b) { #expect(Swift.abs(u - v) <= 1e-13 * Swift.max(1, Swift.abs(v)), sourceLocation: sourceLocation) }
    }
}

/// A maximum over several axes, one of them empty, stops with a message naming that axis.
@Test func extremumOverAnEmptyAxisStops() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        _ = Tensor<Double>.zeros([2, 0, 3]).max(alongAxes: [0, 1])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("axis 1") && message.contains("[2, 0, 3]"))
}
