import GraphGrad
import Testing
import _TestSupport

/// The fused (spmm) and materialized (gather, multiply, scatter) lowerings of the same
/// messages agree in value and in gradients with respect to features and weights.
@Test(arguments: Aggregation.allCases)
func fusedAndMaterializedMessagesAgree(aggregation: Aggregation) throws {
    let graph = try testGraph(seed: 1)
    let x = randomTensor([graph.nodeCount, 3], seed: 2)
    let w = randomTensor([graph.edgeCount], in: 0.1...1, seed: 3)
    let heads = randomTensor([graph.nodeCount, 2, 3], seed: 4)
    let headWeights = randomTensor([graph.edgeCount, 2], in: 0.1...1, seed: 5)
    let cases: [(Tensor<Double>, Tensor<Double>?)] = [(x, nil), (x, w), (heads, headWeights)]
    for (features, weights) in cases {
        func run(_ lowering: MessagePassing<Double>.Lowering) -> (Tensor<Double>, [Tensor<Double>]) {
            let leaves = [features] + (weights.map { [$0] } ?? [])
            let tracked = leaves.map { $0.requiringGradient() }
            let message: Message<Double> = tracked.count > 1 ? .weighted(tracked[1]) : .copySource
            let y = MessagePassing(aggregation: aggregation, lowering: lowering)(tracked[0], on: graph, message: message)
            let seed = randomTensor(y.shape, seed: 6)
            return (y.detached(), y.gradients(wrt: tracked, seed: seed))
        }
        let (fused, fusedGradients) = run(.fused)
        let (materialized, materializedGradients) = run(.materialized)
        #expect(maxDifference(fused, materialized) < 1e-12)
        for (a, b) in zip(fusedGradients, materializedGradients) { #expect(maxDifference(a, b) < 1e-12) }
    }
}

/// A general message function sees both endpoints: x_j − x_i summed at i equals the dense
/// A·x − deg ⊙ x.
@Test func generalMessagesSeeBothEndpoints() throws {
    let graph = try testGraph(seed: 7)
    let x = randomTensor([graph.nodeCount, 4], seed: 8)
    let y = MessagePassing<Double>()(x, on: graph, message: .general { $0.source - $0.target })
    let a = denseOperator(graph)
    let expected = a.matmul(x) - a.sum(along: 1).reshaped([graph.nodeCount, 1]) * x
    #expect(maxDifference(y, expected) < 1e-12)
}

/// The per-node function receives the aggregate and the node's own features.
@Test func updateSeesAggregateAndOwnFeatures() throws {
    let graph = try testGraph(seed: 9)
    let x = randomTensor([graph.nodeCount, 2], seed: 10)
    let y = MessagePassing<Double>(aggregation: .mean)(x, on: graph) { aggregate, own in aggregate * 2 + own }
    let a = denseOperator(graph)
    let degree = a.sum(along: 1).maximum(Tensor(1.0)).reshaped([graph.nodeCount, 1])
    #expect(maxDifference(y, a.matmul(x) / degree * 2 + x) < 1e-12)
}

/// Both lowerings differentiate to second order, in both inputs.
@Test func weightedMessagesAreDifferentiable() throws {
    let graph = try testGraph(seed: 11)
    for lowering in [MessagePassing<Double>.Lowering.fused, .materialized] {
        expectDifferentiable(
            at: [randomTensor([graph.nodeCount, 3], seed: 12), randomTensor([graph.edgeCount], seed: 13)]
        ) { xs in
            MessagePassing(aggregation: .sum, lowering: lowering)(xs[0], on: graph, message: .weighted(xs[1]))
        }
    }
}

/// GAT's additive attention, fused (one pass per node) and materialized (sddmm, LeakyReLU,
/// edge softmax, mask, weighted messages), agrees in value and in the gradients of the
/// features and both score halves, with and without a dropout mask.
@Test(arguments: [false, true])
func additiveAttentionLoweringsAgree(masked: Bool) throws {
    let graph = try testGraph(seed: 14).addingRemainingSelfLoops().orderedByTarget()
    let (n, heads) = (graph.nodeCount, 2)
    let leaves = [randomTensor([n, heads, 3], seed: 15), randomTensor([n, heads], seed: 16), randomTensor([n, heads], seed: 17)]
    let draws = randomTensor([graph.edgeCount, heads], seed: 18)
    let mask = masked ? Tensor(shape: draws.shape, scalars: draws.scalars.map { $0 > 0 ? 2 : 0 }) : nil
    func run(_ lowering: MessagePassing<Double>.Lowering) -> (Tensor<Double>, [Tensor<Double>]) {
        let tracked = leaves.map { $0.requiringGradient() }
        let attention = AdditiveAttention(sourceScores: tracked[1], targetScores: tracked[2], mask: mask, negativeSlope: 0.2)
        let y = MessagePassing(lowering: lowering)(tracked[0], on: graph, message: .additiveAttention(attention))
        return (y.detached(), y.gradients(wrt: tracked, seed: randomTensor(y.shape, seed: 19)))
    }
    let (fused, fusedGradients) = run(.fused)
    let (materialized, materializedGradients) = run(.materialized)
    #expect(maxDifference(fused, materialized) < 1e-12)
    for (a, b) in zip(fusedGradients, materializedGradients) { #expect(maxDifference(a, b) < 1e-12) }
}

/// An attention message whose score function reads both endpoints equals the additive
/// attention it spells out, and differentiates to second order.
@Test func attentionMessagesSoftmaxTheirScores() throws {
    let graph = try testGraph(seed: 20).addingRemainingSelfLoops()
    let (n, heads) = (graph.nodeCount, 2)
    let (x, s, t) = (randomTensor([n, heads, 3], seed: 21), randomTensor([n, heads], seed: 22), randomTensor([n, heads], seed: 23))
    let general = MessagePassing<Double>()(x, on: graph, message: .attention { view in
        (gather(view.graph, s, from: .source) + gather(view.graph, t, from: .target)).leakyRelu(slope: 0.2)
    })
    let additive = MessagePassing<Double>()(x, on: graph, message: .additiveAttention(AdditiveAttention(sourceScores: s, targetScores: t)))
    #expect(maxDifference(general, additive) < 1e-12)
    for lowering in [MessagePassing<Double>.Lowering.fused, .materialized] {
        expectDifferentiable(at: [randomTensor([n, 3], seed: 24)]) { xs in
            MessagePassing(lowering: lowering)(xs[0], on: graph, message: .attention { ($0.source * $0.target).sum(along: 1) })
        }
    }
}

/// The attention weights into a node sum to 1: features equal on every node come back
/// unchanged at every node with an in-edge.
@Test func attentionWeightsSumToOne() throws {
    let graph = try testGraph(seed: 25)
    let row = randomTensor([1, 4], seed: 26)
    let x = row.broadcasted(to: [graph.nodeCount, 4])
    let scores = randomTensor([graph.edgeCount], seed: 27)
    let y = MessagePassing<Double>()(x, on: graph, message: .attention { _ in scores })
    let hasInEdge = Set(graph.target.map(Int.init))
    for node in 0..<graph.nodeCount {
        let expected = hasInEdge.contains(node) ? row : Tensor<Double>.zeros([1, 4])
        #expect(maxDifference(y.sliced(along: 0, node..<(node + 1)), expected) < 1e-14)
    }
}

/// A general message reads the edges' own data: x[u] scaled by a per-edge value equals the
/// weighted message, and the gradient reaches the edge data.
@Test func generalMessagesSeeEdgeData() throws {
    let graph = try testGraph(seed: 28)
    let x = randomTensor([graph.nodeCount, 3], seed: 29)
    let w = randomTensor([graph.edgeCount, 1], seed: 30)
    let scaled = MessagePassing<Double>()(x, on: graph, message: .general { $0.source * $0.edges! }, edgeData: w)
    #expect(maxDifference(scaled, MessagePassing<Double>()(x, on: graph, message: .weighted(w.reshaped([graph.edgeCount])))) < 1e-12)
    expectDifferentiable(at: [x, w]) { xs in
        MessagePassing(aggregation: .mean)(xs[0], on: graph, message: .general { ($0.source + $0.target) * $0.edges!.tanh() }, edgeData: xs[1])
    }
}

/// The largest absolute elementwise difference.
func maxDifference(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Double {
    #expect(a.shape == b.shape)
    return zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
}

/// Misuse of message passing stops with a message that names the problem.
@Suite("Message passing misuse stops with a message")
struct MessagePassingMisuseTests {
    func text(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func edgeDataOfTheWrongLength() async throws {
        let edges = try testGraph(seed: 31).edgeCount
        let message = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let graph = try! testGraph(seed: 31)
            _ = MessagePassing<Double>()(
                Tensor.zeros([graph.nodeCount, 2]), on: graph, message: .general { $0.source },
                edgeData: Tensor.zeros([graph.edgeCount + 1, 1]))
        })
        #expect(message.contains("edge data of shape [\(edges + 1), 1]") && message.contains("\(edges) edges"), "\(message)")
    }

    @Test func attentionWithAnotherAggregation() async {
        let message = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let graph = try! testGraph(seed: 32)
            _ = MessagePassing<Double>(aggregation: .mean)(
                Tensor.zeros([graph.nodeCount, 2]), on: graph, message: .attention { _ in Tensor.zeros([graph.edgeCount]) })
        })
        #expect(message.contains("attention messages are summed") && message.contains("mean"))
    }
}
