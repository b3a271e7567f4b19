import Foundation
import GraphGrad
import Testing
import _TestSupport

@Suite("Sparse kernels: values against dense Float64 references")
struct SparseValueTests {
    let graphs: [Graph]
    init() throws { graphs = try sparseTestGraphs(hubDegree: 5000) }

    @Test("sum SpMM equals the dense adjacency times the features, in both directions")
    func sumProduct() {
        for (i, graph) in graphs.enumerated() {
            let x = randomTensor([graph.nodeCount, 3], seed: UInt64(i))
            let w = randomTensor([graph.edgeCount], in: 0.25...2, seed: UInt64(50 + i))
            let reference = DenseReference(graph: graph)
            for direction in [EdgeDirection.incoming, .outgoing] {
                for weights in [nil, w] {
                    let dense = reference.adjacency(weights?.scalars, direction).matmul(x)
                    let sparse = spmm(graph, x, edgeWeights: weights, direction: direction)
                    #expect(sparse.shape == x.shape)
                    let tolerance = reference.summationTolerance(x, weights: weights?.scalars, direction)
                    #expect(isWithin(sparse.scalars, dense.scalars, tolerance: tolerance), "graph \(i) \(direction)")
                }
            }
        }
    }

    @Test("mean, max and min SpMM match edge-by-edge references, with per-head weights")
    func otherAggregations() {
        for (i, graph) in graphs.enumerated() {
            let heads = 2, width = 3
            let x = randomTensor([graph.nodeCount, heads, width], seed: UInt64(10 + i))
            let w = randomTensor([graph.edgeCount, heads], in: -2...2, seed: UInt64(60 + i))
            let reference = DenseReference(graph: graph)
            for direction in [EdgeDirection.incoming, .outgoing] {
                let messages = (0..<graph.edgeCount).map { e -> [Double] in
                    let n = reference.ends(e, direction).1
                    return (0..<(heads * width)).map { f in w.scalars[e * heads + f / width] * x.scalars[n * heads * width + f] }
                }
                // Max and min pick one message exactly; sums may add in another order.
                let perHead = (0..<heads).map { h in
                    reference.summationTolerance(
                        x.sliced(along: 1, h..<(h + 1)), weights: (0..<graph.edgeCount).map { w.scalars[$0 * heads + h] },
                        direction)
                }
                let tolerance = (0..<(graph.nodeCount * heads * width)).map { i in
                    perHead[(i / width) % heads][(i / (heads * width)) * width + i % width]
                }
                for aggregation in Aggregation.allCases {
                    let expected = reference.aggregate(messages, width: heads * width, aggregation, direction)
                    let actual = spmm(graph, x, edgeWeights: w, aggregation: aggregation, direction: direction)
                    #expect(actual.shape == x.shape)
                    let allowed = aggregation == .max || aggregation == .min ? tolerance.map { _ in 0 } : tolerance
                    #expect(isWithin(actual.scalars, expected, tolerance: allowed), "graph \(i) \(aggregation) \(direction)")
                }
            }
        }
    }

    @Test("SDDMM equals the sampled dense products")
    func sampledProducts() {
        for (i, graph) in graphs.enumerated() {
            let u = randomTensor([graph.nodeCount, 2, 5], seed: UInt64(20 + i))
            let v = randomTensor([graph.nodeCount, 2, 5], seed: UInt64(30 + i))
            let s = graph.source.map(Int.init), t = graph.target.map(Int.init)
            // Per head, the dense U·Vᵀ sampled at the edges.
            for head in 0..<2 {
                let uh = u.sliced(along: 1, head..<(head + 1)).reshaped([graph.nodeCount, 5])
                let vh = v.sliced(along: 1, head..<(head + 1)).reshaped([graph.nodeCount, 5])
                let dense = uh.matmul(vh.transposed())
                let dots = sddmm(graph, source: u, target: v, operation: .dot)
                #expect(dots.shape == [graph.edgeCount, 2])
                let expected = (0..<graph.edgeCount).map { dense.scalars[s[$0] * graph.nodeCount + t[$0]] }
                let actual = (0..<graph.edgeCount).map { dots.scalars[$0 * 2 + head] }
                // Two orders of a 5-term sum of products of |·| ≤ 1: within 2·6·u·5 (Higham, §3.1).
                #expect(maxDifference(actual, expected) <= 2 * 6 * 0x1p-53 * 5)
            }
            let ur = rows(u.reshaped([graph.nodeCount, 10]), width: 10)
            let vr = rows(v.reshaped([graph.nodeCount, 10]), width: 10)
            let cases: [(EdgeBinaryOperation, (Double, Double) -> Double)] = [(.add, +), (.subtract, -), (.multiply, *)]
            for (operation, f) in cases {
                let expected = (0..<graph.edgeCount).flatMap { e in (0..<10).map { f(ur[s[e]][$0], vr[t[e]][$0]) } }
                let actual = sddmm(graph, source: u, target: v, operation: operation)
                #expect(actual.shape == [graph.edgeCount, 2, 5])
                #expect(maxDifference(actual.scalars, expected) <= 0, "\(operation)")
            }
            #expect(gather(graph, u, from: .source) == u.gatheringRows(s))
            #expect(gather(graph, v, from: .target) == v.gatheringRows(t))
        }
    }

    @Test("scatter matches edge-by-edge reductions")
    func scatterValues() {
        for (i, graph) in graphs.enumerated() {
            let values = randomTensor([graph.edgeCount, 4], seed: UInt64(40 + i))
            let reference = DenseReference(graph: graph)
            for direction in [EdgeDirection.incoming, .outgoing] {
                for aggregation in Aggregation.allCases {
                    let expected = reference.aggregate(rows(values, width: 4), width: 4, aggregation, direction)
                    let actual = scatter(graph, values, aggregation: aggregation, direction: direction)
                    #expect(actual.shape == [graph.nodeCount, 4])
                    let tolerance = reference.summationTolerance(Tensor.ones([graph.nodeCount, 4]), weights: nil, direction)
                        .map { $0 * (values.scalars.map(Swift.abs).max() ?? 0) }
                    let allowed = aggregation == .sum || aggregation == .mean ? tolerance : tolerance.map { _ in 0 }
                    #expect(isWithin(actual.scalars, expected, tolerance: allowed), "graph \(i) \(aggregation) \(direction)")
                }
            }
            // Summing onto targets is the dense transpose of gathering from them.
            let dense = reference.adjacency(nil, .incoming)
            let ones = Tensor<Double>.ones([graph.edgeCount, 1])
            #expect(scatter(graph, ones).scalars == dense.sum(along: 1).scalars)
        }
    }

    @Test("segment softmax normalizes each node's incoming scores, stably for large scores")
    func softmaxValues() {
        for (i, graph) in graphs.enumerated() {
            // Scores up to 800 would overflow exp without the per-segment maximum.
            let scores = randomTensor([graph.edgeCount, 3], in: -800...800, seed: UInt64(70 + i))
            let reference = DenseReference(graph: graph)
            for direction in [EdgeDirection.incoming, .outgoing] {
                let y = segmentSoftmax(graph, scores, direction: direction)
                var expected = [Double](repeating: 0, count: graph.edgeCount * 3)
                for edges in reference.arrivals(direction) where !edges.isEmpty {
                    for h in 0..<3 {
                        let top = edges.map { scores.scalars[$0 * 3 + h] }.max()!
                        let total = edges.reduce(0.0) { $0 + Foundation.exp(scores.scalars[$1 * 3 + h] - top) }
                        for e in edges { expected[e * 3 + h] = Foundation.exp(scores.scalars[e * 3 + h] - top) / total }
                    }
                }
                #expect(y.shape == scores.shape)
                // Same shifts, exps and summation order as the kernel; only its multiplication by
                // the reciprocal (two roundings, against one division) may differ.
                let tolerance = expected.map { 3 * 0x1p-53 * $0 }
                #expect(isWithin(y.scalars, expected, tolerance: tolerance), "graph \(i) \(direction)")
                #expect(y.scalars.allSatisfy { $0.isFinite })
            }
        }
    }

    @Test("Float32 SpMM stays within the summation error bound of the Float64 result")
    func singlePrecision() {
        for (i, graph) in graphs.enumerated() {
            let x = randomTensor([graph.nodeCount, 20], seed: UInt64(80 + i))
            let w = randomTensor([graph.edgeCount], in: -2...2, seed: UInt64(90 + i))
            // Round the inputs first so that both precisions multiply the same numbers.
            let x32 = Tensor<Float>(shape: x.shape, scalars: x.scalars.map(Float.init))
            let w32 = Tensor<Float>(shape: w.shape, scalars: w.scalars.map(Float.init))
            let x64 = Tensor<Double>(shape: x.shape, scalars: x32.scalars.map(Double.init))
            let w64 = Tensor<Double>(shape: w.shape, scalars: w32.scalars.map(Double.init))
            let reference = DenseReference(graph: graph)
            let absolute = reference.adjacency(w64.scalars.map(Swift.abs), .incoming).matmul(x64.abs())
            let degrees = graph.inDegrees
            for aggregation in [Aggregation.sum, .mean] {
                let single = spmm(graph, x32, edgeWeights: w32, aggregation: aggregation)
                let double = spmm(graph, x64, edgeWeights: w64, aggregation: aggregation)
                for v in 0..<graph.nodeCount {
                    // A k-term sum of rounded products is within (k + 1)·u·Σ|terms| (Higham,
                    // §3.1; u = 2⁻²⁴); the mean divides both sides and rounds once more.
                    let k = Double(degrees[v])
                    let scale = aggregation == .mean ? 1 / Swift.max(k, 1) : 1
                    for f in 0..<20 {
                        let bound = (k + 2) * 0x1p-24 * absolute.scalars[v * 20 + f] * scale
                        let error = Swift.abs(Double(single.scalars[v * 20 + f]) - double.scalars[v * 20 + f])
                        #expect(error <= bound, "graph \(i) node \(v) feature \(f)")
                    }
                }
            }
        }
    }
}
