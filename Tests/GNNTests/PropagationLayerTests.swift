import GraphGrad
import Testing
import _TestSupport

/// SGConv = Â^K·X·W + b, and the cached call on a GraphInput gives the same.
@Test(arguments: [0, 1, 3])
func sgConvMatchesDenseFormula(k: Int) throws {
    let graph = try testGraph(seed: 50)
    var generator = SplitMix64(seed: 51)
    let layer = SGConv<Double>(inputSize: 4, outputSize: 3, k: k, using: &generator)
    randomizeParameters(layer, seed: 52)
    let sparse = try SparseMatrix<Double>(randomSparseFeatures(rows: graph.nodeCount, columns: 4, seed: 53))
    let a = denseGCNOperator(graph)
    let propagated = (0..<k).reduce(sparse.dense()) { h, _ in a.matmul(h) }
    let expected = propagated.matmul(layer.linear.weight.value) + layer.linear.bias!.value
    let input = GraphInput<Double>(graph: graph, features: .sparse(sparse))
    #expect(maxDifference(layer(.sparse(sparse), on: input.context), expected) < 1e-6)
    #expect(maxDifference(layer(input), expected) < 1e-6)
    #expect(layer(input) == layer(input))
}

/// Gradients of SGConv with respect to input, weight and bias.
@Test func sgConvIsDifferentiable() throws {
    let graph = try testGraph(seed: 54)
    var generator = SplitMix64(seed: 55)
    let layer = SGConv<Double>(inputSize: 3, outputSize: 2, k: 2, using: &generator)
    let context = GraphContext<Double>(graph)
    expectModuleDifferentiable(layer, input: randomTensor([graph.nodeCount, 3], seed: 56)) { layer($0, on: context) }
}

/// The APPNP propagation equals the dense recurrence Z ← (1 − α)ÂZ + αH.
@Test func appnpPropagationMatchesDenseRecurrence() throws {
    let graph = try testGraph(seed: 57)
    let h = randomTensor([graph.nodeCount, 3], seed: 58)
    let a = denseGCNOperator(graph)
    let expected = (0..<5).reduce(h) { z, _ in 0.9 * a.matmul(z) + 0.1 * h }
    let layer = APPNPPropagation<Double>(k: 5, alpha: 0.1)
    #expect(maxDifference(layer(h, on: GraphContext(graph)), expected) < 1e-6)
    expectDifferentiable(at: [h]) { xs in layer(xs[0], on: GraphContext(graph)) }
}
