import GraphGrad
import Testing
import _TestSupport

/// The dense SAGE formula: W_n·AGG(neighbours) + W_r·x + b, with AGG the mean over A's rows
/// or the max of ReLU(x·W_p + b_p) over them (0 without neighbours).
private func denseSAGE(_ layer: SAGEConv<Double>, _ x: Tensor<Double>, _ graph: Graph) -> Tensor<Double> {
    let a = denseOperator(graph)
    let n = graph.nodeCount
    let aggregated: Tensor<Double>
    if let pool = layer.pool {
        let pooled = (x.matmul(pool.weight.value) + pool.bias!.value).relu()
        let width = pooled.shape[1]
        var rows = [Double](repeating: 0, count: n * width)
        for i in 0..<n {
            let neighbours = (0..<n).filter { a.scalars[i * n + $0] > 0 }
            guard !neighbours.isEmpty else { continue }
            for f in 0..<width { rows[i * width + f] = neighbours.map { pooled.scalars[$0 * width + f] }.max()! }
        }
        aggregated = Tensor(shape: [n, width], scalars: rows)
    } else {
        aggregated = a.matmul(x) / a.sum(along: 1, keepingDims: true).maximum(Tensor(1.0))
    }
    return aggregated.matmul(layer.neighbourLinear.weight.value) + x.matmul(layer.rootLinear.weight.value)
        + layer.bias.value
}

/// SAGEConv against the dense formula for both aggregators, dense and sparse input, with and
/// without L2 normalization.
@Test(arguments: SAGEAggregator.allCases, [false, true])
func sageConvMatchesDenseFormula(aggregator: SAGEAggregator, normalizes: Bool) throws {
    let graph = try testGraph(seed: 60)
    var generator = SplitMix64(seed: 61)
    let layer = SAGEConv<Double>(
        inputSize: 4, outputSize: 3, aggregator: aggregator, normalizesOutput: normalizes, using: &generator)
    randomizeParameters(layer, seed: 62)
    let sparse = try SparseMatrix<Double>(randomSparseFeatures(rows: graph.nodeCount, columns: 4, seed: 63))
    var expected = denseSAGE(layer, sparse.dense(), graph)
    if normalizes { expected = expected / expected.squared().sum(along: 1, keepingDims: true).sqrt() }
    let context = GraphContext<Double>(graph)
    #expect(maxDifference(layer(.sparse(sparse), on: context), expected) < 1e-12)
    #expect(maxDifference(layer(sparse.dense(), on: context), expected) < 1e-12)
}

/// Gradients of SAGEConv with respect to input and parameters, for both aggregators.
@Test(arguments: SAGEAggregator.allCases)
func sageConvIsDifferentiable(aggregator: SAGEAggregator) throws {
    let graph = try testGraph(seed: 64)
    var generator = SplitMix64(seed: 65)
    let layer = SAGEConv<Double>(
        inputSize: 3, outputSize: 2, aggregator: aggregator, normalizesOutput: true, using: &generator)
    randomizeParameters(layer, seed: 66)
    let context = GraphContext<Double>(graph)
    expectModuleDifferentiable(layer, input: randomTensor([graph.nodeCount, 3], seed: 67)) { layer($0, on: context) }
}
