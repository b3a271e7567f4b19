import GraphGrad
import Testing
import _TestSupport

@Suite("Sparse kernels: gradients against central differences in Float64")
struct SparseGradientTests {
    let graphs: [Graph]
    init() throws { graphs = try sparseTestGraphs(hubDegree: 1500) }

    @Test("sum and mean SpMM, in features and per-head weights, to second order")
    func smoothProducts() {
        for (i, graph) in graphs.enumerated() {
            let x = randomTensor([graph.nodeCount, 2, 2], seed: UInt64(i))
            let w = randomTensor([graph.edgeCount, 2], in: 0.25...2, seed: UInt64(10 + i))
            let scalarWeights = randomTensor([graph.edgeCount], in: 0.25...2, seed: UInt64(20 + i))
            for direction in [EdgeDirection.incoming, .outgoing] {
                for aggregation in [Aggregation.sum, .mean] {
                    expectDifferentiable(at: [x, w]) {
                        spmm(graph, $0[0], edgeWeights: $0[1], aggregation: aggregation, direction: direction)
                    }
                    expectDifferentiable(at: [x, scalarWeights]) {
                        spmm(graph, $0[0], edgeWeights: $0[1], aggregation: aggregation, direction: direction)
                    }
                    expectDifferentiable(at: [x]) { spmm(graph, $0[0], aggregation: aggregation, direction: direction) }
                }
            }
        }
    }

    @Test("max and min SpMM send each gradient to the winning edge")
    func extremalProducts() {
        for (i, graph) in graphs.enumerated() {
            let x = randomTensor([graph.nodeCount, 3], seed: UInt64(30 + i))
            let w = randomTensor([graph.edgeCount], in: 0.25...2, seed: UInt64(40 + i))
            for direction in [EdgeDirection.incoming, .outgoing] {
                for aggregation in [Aggregation.max, .min] {
                    expectDifferentiable(at: [x, w]) {
                        spmm(graph, $0[0], edgeWeights: $0[1], aggregation: aggregation, direction: direction)
                    }
                    expectDifferentiable(at: [x]) { spmm(graph, $0[0], aggregation: aggregation, direction: direction) }
                }
            }
        }
    }

    @Test("SDDMM: dot per head and the elementwise combinations, to second order")
    func sampledProducts() {
        for (i, graph) in graphs.enumerated() {
            let u = randomTensor([graph.nodeCount, 2, 3], seed: UInt64(50 + i))
            let v = randomTensor([graph.nodeCount, 2, 3], seed: UInt64(60 + i))
            for operation in EdgeBinaryOperation.allCases {
                expectDifferentiable(at: [u, v]) { sddmm(graph, source: $0[0], target: $0[1], operation: operation) }
            }
            // The same tensor on both ends: the two gradient paths add up.
            expectDifferentiable(at: [u]) { sddmm(graph, source: $0[0], target: $0[0], operation: .dot) }
        }
    }

    @Test("gather and scatter with every aggregation")
    func gatherScatter() {
        for (i, graph) in graphs.enumerated() {
            let x = randomTensor([graph.nodeCount, 3], seed: UInt64(70 + i))
            let values = randomTensor([graph.edgeCount, 2], seed: UInt64(80 + i))
            for endpoint in [EdgeEndpoint.source, .target] {
                expectDifferentiable(at: [x]) { gather(graph, $0[0], from: endpoint) }
            }
            for direction in [EdgeDirection.incoming, .outgoing] {
                for aggregation in Aggregation.allCases {
                    expectDifferentiable(at: [values]) {
                        scatter(graph, $0[0], aggregation: aggregation, direction: direction)
                    }
                }
            }
        }
    }

    @Test("segment softmax, single and multi-head, to second order")
    func softmax() {
        for (i, graph) in graphs.enumerated() {
            let scores = randomTensor([graph.edgeCount, 2], in: -3...3, seed: UInt64(90 + i))
            let flat = randomTensor([graph.edgeCount], in: -3...3, seed: UInt64(95 + i))
            for direction in [EdgeDirection.incoming, .outgoing] {
                expectDifferentiable(at: [scores]) { segmentSoftmax(graph, $0[0], direction: direction) }
                expectDifferentiable(at: [flat]) { segmentSoftmax(graph, $0[0], direction: direction) }
            }
        }
    }

    @Test("a graph-attention layer: scores, softmax and weighted aggregation composed")
    func attentionComposition() throws {
        let graph = try sparseTestGraph(nodeCount: 10, edgeCount: 30, seed: 7)
        let h = randomTensor([10, 2, 3], seed: 1)
        let a = randomTensor([1, 2, 3], seed: 2)
        expectDifferentiable(at: [h, a]) { xs in
            let score = gather(graph, (xs[0] * xs[1]).sum(along: 2), from: .source)
                + gather(graph, (xs[0] * xs[1]).sum(along: 2), from: .target)
            let alpha = segmentSoftmax(graph, score.tanh())
            return spmm(graph, xs[0], edgeWeights: alpha)
        }
    }
}
