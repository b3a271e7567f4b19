import GraphGrad
import Testing
import _TestSupport

/// Changes the process-wide thread count, so its tests run one at a time.
@Suite("Sparse kernels: the same bits on 1 and 2 threads", .serialized)
struct SparseThreadingTests {
    /// Large enough that every kernel cuts its rows and edges into many chunks, with a hub row.
    let graph: Graph
    init() throws { graph = try sparseTestGraph(nodeCount: 3000, edgeCount: 40_000, isolated: 50, hubDegree: 20_000, seed: 11) }

    /// `body` evaluated with 1 thread and with 2 threads; the setting is restored afterwards.
    func onOneAndTwoThreads<R>(_ body: () -> R) -> (R, R) {
        let saved = Threading.threadCount
        defer { Threading.threadCount = saved }
        Threading.threadCount = 1
        let one = body()
        Threading.threadCount = 2
        return (one, body())
    }

    @Test func productsAndGradients() {
        let x = randomTensor([graph.nodeCount, 2, 8], seed: 1)
        let w = randomTensor([graph.edgeCount, 2], seed: 2)
        let seed = randomTensor([graph.nodeCount, 2, 8], seed: 3)
        for aggregation in Aggregation.allCases {
            for direction in [EdgeDirection.incoming, .outgoing] {
                let (one, two) = onOneAndTwoThreads { () -> [Tensor<Double>] in
                    let leaves = [x.requiringGradient(), w.requiringGradient()]
                    let y = spmm(graph, leaves[0], edgeWeights: leaves[1], aggregation: aggregation, direction: direction)
                    return [y] + y.gradients(wrt: leaves, seed: seed)
                }
                #expect(one == two, "\(aggregation) \(direction)")
            }
        }
        let x32 = Tensor<Float>(shape: [graph.nodeCount, 64], scalars: randomTensor([graph.nodeCount, 64], seed: 4).scalars.map(Float.init))
        let (one, two) = onOneAndTwoThreads { spmm(graph, x32) }
        #expect(one == two)
    }

    @Test func edgeKernels() {
        let u = randomTensor([graph.nodeCount, 2, 8], seed: 5)
        let v = randomTensor([graph.nodeCount, 2, 8], seed: 6)
        let scores = randomTensor([graph.edgeCount, 2], in: -5...5, seed: 7)
        let (one, two) = onOneAndTwoThreads { () -> [Tensor<Double>] in
            let leaves = [u.requiringGradient(), v.requiringGradient(), scores.requiringGradient()]
            var outputs = EdgeBinaryOperation.allCases.map { sddmm(graph, source: leaves[0], target: leaves[1], operation: $0) }
            outputs.append(segmentSoftmax(graph, leaves[2]))
            outputs += Aggregation.allCases.map { scatter(graph, gather(graph, leaves[0], from: .source), aggregation: $0) }
            let loss = outputs.map { ($0 * $0).sum() }.reduce(Tensor(0), +)
            return outputs + loss.gradients(wrt: leaves)
        }
        #expect(one == two)
    }

    @Test func fusedAttention() {
        let x = randomTensor([graph.nodeCount, 2, 8], seed: 8)
        let scores = randomTensor([graph.nodeCount, 2], in: -3...3, seed: 9)
        let mask = attentionTestMask(edgeCount: graph.edgeCount, heads: 2, seed: 10)
        let seed = randomTensor([graph.nodeCount, 2, 8], seed: 11)
        let (one, two) = onOneAndTwoThreads { () -> [Tensor<Double>] in
            let leaves = [x.requiringGradient(), scores.requiringGradient(), (scores * 0.5).requiringGradient()]
            let y = attentionAggregate(graph, leaves[0], sourceScores: leaves[1], targetScores: leaves[2], mask: mask)
            return [y] + y.gradients(wrt: leaves, seed: seed)
        }
        #expect(one == two)
    }
}
