import GraphGrad
import _TestSupport

/// A random undirected graph without parallel edges or loops, plus a node reached by one
/// directed edge (so in- and out-neighbourhoods differ) and an isolated node (so layers meet a
/// node without neighbours), seeded.
func testGraph(nodeCount: Int = 7, edgeCount: Int = 9, seed: UInt64) throws -> Graph {
    var generator = SplitMix64(seed: seed)
    let random = Graph.erdosRenyi(nodeCount: nodeCount, edgeCount: edgeCount, using: &generator)
    return try Graph(nodeCount: nodeCount + 2, source: random.source + [0], target: random.target + [Int32(nodeCount)])
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
    let loops = denseAdjacencyWithLoops(graph)
    let inverseRoot = loops.sum(along: 1).pow(-0.5)
    return inverseRoot.reshaped([graph.nodeCount, 1]) * loops * inverseRoot.reshaped([1, graph.nodeCount])
}

/// The adjacency with one self loop per node (loops already present are not doubled).
func denseAdjacencyWithLoops(_ graph: Graph) -> Tensor<Double> {
    denseOperator(graph.removingSelfLoops()) + Tensor.identity(graph.nodeCount)
}

/// Random sparse features: each entry stored with probability `density`, values in (0, 1].
func randomSparseFeatures(rows: Int, columns: Int, density: Double = 0.3, seed: UInt64) throws -> SparseFeatures {
    var generator = SplitMix64(seed: seed)
    let dense = (0..<rows * columns).map { _ in generator.nextUniform() < density ? Float(generator.nextUniform()) + 0.01 : 0 }
    return try SparseFeatures(dense: dense, rows: rows, columns: columns)
}
