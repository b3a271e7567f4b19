import GraphGrad
import Testing
import _TestSupport

/// GCNConv = Â·X·W + b with the dense Â, for dense and sparse inputs (to Float precision:
/// the graph stores Â's weights as Float).
@Test func gcnConvMatchesDenseFormula() throws {
    let graph = try testGraph(seed: 20)
    var generator = SplitMix64(seed: 21)
    let layer = GCNConv<Double>(inputSize: 5, outputSize: 3, using: &generator)
    randomizeParameters(layer, seed: 22)
    let sparse = try SparseMatrix<Double>(randomSparseFeatures(rows: graph.nodeCount, columns: 5, seed: 23))
    let context = GraphContext<Double>(graph)
    let expected = denseGCNOperator(graph).matmul(sparse.dense()).matmul(layer.linear.weight.value)
        + layer.bias!.value
    #expect(maxDifference(layer(.sparse(sparse), on: context), expected) < 1e-6)
    #expect(maxDifference(layer(sparse.dense(), on: context), expected) < 1e-6)
}

/// Gradients of GCNConv with respect to input, weight and bias.
@Test func gcnConvIsDifferentiable() throws {
    let graph = try testGraph(seed: 24)
    var generator = SplitMix64(seed: 25)
    let layer = GCNConv<Double>(inputSize: 3, outputSize: 2, using: &generator)
    let context = GraphContext<Double>(graph)
    expectModuleDifferentiable(layer, input: randomTensor([graph.nodeCount, 3], seed: 26)) { layer($0, on: context) }
}

/// The normalized adjacency is computed once per context and reused.
@Test func gcnNormalizationIsCachedPerContext() throws {
    let context = GraphContext<Double>(try testGraph(seed: 27))
    let first = context.gcnNormalized
    let second = context.gcnNormalized
    #expect(first.weights == second.weights)
    #expect(maxDifference(denseOperator(first.graph, weights: first.weights.scalars), denseGCNOperator(context.graph)) < 1e-6)
}
