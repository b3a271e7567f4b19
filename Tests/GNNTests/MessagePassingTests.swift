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

/// The largest absolute elementwise difference.
func maxDifference(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Double {
    #expect(a.shape == b.shape)
    return zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
}
