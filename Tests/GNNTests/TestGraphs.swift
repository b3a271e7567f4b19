import GraphGrad
import _TestSupport

/// A random undirected graph with an extra isolated node (so layers meet a node without
/// neighbours) and a directed edge, seeded.
func testGraph(nodeCount: Int = 7, edgeCount: Int = 9, seed: UInt64) throws -> Graph {
    var generator = SplitMix64(seed: seed)
    let random = Graph.erdosRenyi(nodeCount: nodeCount, edgeCount: edgeCount, using: &generator)
    // One edge stored in one direction only, so in- and out-neighbourhoods differ.
    return try Graph(nodeCount: nodeCount + 1, source: random.source + [0], target: random.target + [Int32(nodeCount - 1)])
}

/// The dense operator M with M[v, u] = Σ over edges u → v of `weights[e]` (1 when nil), so
/// that M · x aggregates over in-edges.
func denseOperator(_ graph: Graph, weights: [Double]? = nil) -> Tensor<Double> {
    let n = graph.nodeCount
    var m = [Double](repeating: 0, count: n * n)
    for e in 0..<graph.edgeCount {
        m[Int(graph.target[e]) * n + Int(graph.source[e])] += weights?[e] ?? 1
    }
    return Tensor(shape: [n, n], scalars: m)
}

/// Â = D^-1/2 (A + I) D^-1/2 computed densely from the edge list.
func denseGCNOperator(_ graph: Graph) -> Tensor<Double> {
    let loops = denseOperator(graph.removingSelfLoops()) + Tensor.identity(graph.nodeCount)
    let inverseRoot = loops.sum(along: 1).pow(-0.5)
    return inverseRoot.reshaped([graph.nodeCount, 1]) * loops * inverseRoot.reshaped([1, graph.nodeCount])
}

/// Random sparse features: each entry stored with probability `density`, values in (0, 1].
func randomSparseFeatures(rows: Int, columns: Int, density: Double = 0.3, seed: UInt64) throws -> SparseFeatures {
    var generator = SplitMix64(seed: seed)
    let dense = (0..<rows * columns).map { _ in generator.nextUniform() < density ? Float(generator.nextUniform()) + 0.01 : 0 }
    return try SparseFeatures(dense: dense, rows: rows, columns: columns)
}
