import GraphGrad
import Testing
import _TestSupport

@Suite("Fused graph attention against the unfused operations and central differences")
struct EdgeAttentionTests {
    let graphs: [Graph]
    init() throws { graphs = try sparseTestGraphs(hubDegree: 1500) }

    @Test("gradients in x and both score halves, with and without a mask, to second order and in forward mode")
    func gradients() {
        for (i, graph) in graphs.enumerated() {
            let n = graph.nodeCount
            let x = randomTensor([n, 2, 3], seed: UInt64(i))
            let s = randomTensor([n, 2], in: -2...2, seed: UInt64(10 + i))
            let t = randomTensor([n, 2], in: -2...2, seed: UInt64(20 + i))
            let mask = attentionTestMask(edgeCount: graph.edgeCount, heads: 2, seed: UInt64(30 + i))
            for m in [nil, mask] {
                expectDifferentiable(at: [x, s, t]) {
                    attentionAggregate(graph, $0[0], sourceScores: $0[1], targetScores: $0[2], mask: m, negativeSlope: 0.2)
                }
            }
        }
    }

    /// Float, as GAT trains: heads of 8 and 7 features (the unfused kernels add those in
    /// order) and of 20 (a 16-lane block, then the rest).
    @Test("values and gradients equal the unfused operations'", arguments: [(8, 8), (1, 7), (3, 20)])
    func matchesUnfused(heads: Int, width: Int) throws {
        let graph = try sparseTestGraph(nodeCount: 40, edgeCount: 300, isolated: 3, hubDegree: 200, seed: 5)
        func float(_ t: Tensor<Double>) -> Tensor<Float> { Tensor(shape: t.shape, scalars: t.scalars.map(Float.init)) }
        let n = graph.nodeCount
        let x = float(randomTensor([n, heads, width], seed: 1))
        let s = float(randomTensor([n, heads], in: -3...3, seed: 2))
        let t = float(randomTensor([n, heads], in: -3...3, seed: 3))
        let seed = float(randomTensor([n, heads, width], seed: 4))
        for mask in [nil, float(attentionTestMask(edgeCount: graph.edgeCount, heads: heads, seed: 6))] {
            let leaves = [x, s, t].map { $0.requiringGradient() }
            let fused = attentionAggregate(graph, leaves[0], sourceScores: leaves[1], targetScores: leaves[2], mask: mask)
            let unfused = unfusedAttentionReference(graph, leaves[0], leaves[1], leaves[2], mask: mask, slope: 0.2)
            #expect(fused.scalars == unfused.scalars, "values, mask: \(mask != nil)")
            let fusedGradients = fused.gradients(wrt: leaves, seed: seed)
            let unfusedGradients = unfused.gradients(wrt: leaves, seed: seed)
            for (name, (a, b)) in zip(["x", "s", "t"], zip(fusedGradients, unfusedGradients)) {
                if width < 16 {
                    #expect(a.scalars == b.scalars, "∂\(name), mask: \(mask != nil)")
                } else {
                    // The unfused dot product combines its 16 lanes in the vector type's order.
                    let scale = b.scalars.map(abs).max() ?? 1
                    let worst = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
                    #expect(worst <= 1e-5 * Swift.max(scale, 1), "∂\(name), mask: \(mask != nil)")
                }
            }
        }
    }

    @Test("a node without in-edges gets zeros; all scores −∞ give zero weights")
    func degenerateRows() throws {
        let graph = try Graph(nodeCount: 3, source: [0, 1], target: [1, 1])
        let x = randomTensor([3, 1, 2], seed: 1)
        let out = attentionAggregate(
            graph, x, sourceScores: Tensor(shape: [3, 1], scalars: [-.infinity, -.infinity, 0]),
            targetScores: Tensor.zeros([3, 1]))
        #expect(out.scalars == [0, 0, 0, 0, 0, 0])
    }

    @Test("shapes that do not fit the graph stop with the shapes named")
    func shapeMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = attentionAggregate(
                Graph(isolatedNodes: 3), Tensor<Double>.zeros([3, 2]), sourceScores: Tensor.zeros([3, 1]),
                targetScores: Tensor.zeros([3, 1]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("[3, 2]") && message.contains("[3, 1]"))
    }
}
