import Foundation
import GraphGrad
import _TestSupport

/// Seeded random multigraphs for the sparse-kernel oracle tests.
///
/// Every graph has isolated nodes (the last `isolated` ids touch no edge), self loops and
/// duplicated edges; `hubDegree` extra edges all enter node 0 from random sources, so one
/// destination row is thousands of slots long.
func sparseTestGraph(
    nodeCount: Int, edgeCount: Int, isolated: Int = 2, hubDegree: Int = 0, seed: UInt64
) throws -> Graph {
    var generator = SplitMix64(seed: seed)
    let connectable = Int32(nodeCount - isolated)
    var source: [Int32] = []
    var target: [Int32] = []
    func randomNode() -> Int32 { Int32.random(in: 0..<connectable, using: &generator) }
    for _ in 0..<edgeCount {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0:
            let node = randomNode()
            source.append(node)
            target.append(node)
        case 1 where !source.isEmpty:
            source.append(source[source.count - 1])
            target.append(target[target.count - 1])
        default:
            source.append(randomNode())
            target.append(randomNode())
        }
    }
    for _ in 0..<hubDegree {
        source.append(randomNode())
        target.append(0)
    }
    return try Graph(nodeCount: nodeCount, source: source, target: target)
}

/// The graphs every kernel is checked on: random multigraphs of a few sizes, one with a hub,
/// the edgeless graph and the graph without nodes.
func sparseTestGraphs(hubDegree: Int = 1500) throws -> [Graph] {
    [
        try sparseTestGraph(nodeCount: 9, edgeCount: 24, seed: 1),
        try sparseTestGraph(nodeCount: 17, edgeCount: 60, isolated: 3, seed: 2),
        try sparseTestGraph(nodeCount: 12, edgeCount: 10, hubDegree: hubDegree, seed: 3),
        Graph(isolatedNodes: 5),
        Graph(isolatedNodes: 0),
    ]
}

/// Dense references computed edge by edge in Float64.
struct DenseReference {
    let graph: Graph

    /// The dense adjacency of `direction`: a[d][n] = Σ of the weights of the edges arriving at d
    /// from n (parallel edges add up).
    func adjacency(_ weights: [Double]?, _ direction: EdgeDirection) -> Tensor<Double> {
        let n = graph.nodeCount
        var a = [Double](repeating: 0, count: n * n)
        for e in 0..<graph.edgeCount {
            let (d, m) = ends(e, direction)
            a[d * n + m] += weights?[e] ?? 1
        }
        return Tensor(shape: [n, n], scalars: a)
    }

    /// (destination, neighbour) of edge e along `direction`.
    func ends(_ e: Int, _ direction: EdgeDirection) -> (Int, Int) {
        let s = Int(graph.source[e]), t = Int(graph.target[e])
        return direction == .incoming ? (t, s) : (s, t)
    }

    /// The edges arriving at each node along `direction`, in edge-list order.
    func arrivals(_ direction: EdgeDirection) -> [[Int]] {
        var lists = [[Int]](repeating: [], count: graph.nodeCount)
        for e in 0..<graph.edgeCount { lists[ends(e, direction).0].append(e) }
        return lists
    }

    /// AGG over arriving edges of the per-edge rows `messages` ([E][F]); 0 without edges.
    func aggregate(_ messages: [[Double]], width: Int, _ aggregation: Aggregation, _ direction: EdgeDirection) -> [Double] {
        var out: [Double] = []
        for edges in arrivals(direction) {
            for f in 0..<width {
                let values = edges.map { messages[$0][f] }
                guard !values.isEmpty else {
                    out.append(0)
                    continue
                }
                switch aggregation {
                case .sum: out.append(values.reduce(0, +))
                case .mean: out.append(values.reduce(0, +) / Double(values.count))
                case .max: out.append(values.max()!)
                case .min: out.append(values.min()!)
                }
            }
        }
        return out
    }
}

/// Largest |a − b| over two equally long arrays.
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "\(a.count) vs \(b.count) values")
    return zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
}

/// Row r of a `[rows, width]` tensor as an array.
func rows(_ t: Tensor<Double>, width: Int) -> [[Double]] {
    (0..<(width == 0 ? 0 : t.count / width)).map { Array(t.scalars[($0 * width)..<(($0 + 1) * width)]) }
}

extension DenseReference {
    /// Per output scalar, how far two Float64 evaluations of the same weighted sum over
    /// arriving edges may differ when they add in different orders: each is within
    /// (k + 1)·u·Σ|terms| of the exact sum (Higham, §3.1; k terms, u = 2⁻⁵³), so 2(k + 1)·u·Σ|terms|.
    func summationTolerance(_ x: Tensor<Double>, weights: [Double]?, _ direction: EdgeDirection) -> [Double] {
        let width = graph.nodeCount == 0 ? 0 : x.count / graph.nodeCount
        let magnitudes = adjacency(weights?.map(Swift.abs), direction).matmul(x.reshaped([graph.nodeCount, width]).abs())
        let counts = arrivals(direction).map { Double($0.count) }
        return magnitudes.scalars.enumerated().map { i, m in 2 * (counts[i / width] + 1) * 0x1p-53 * m }
    }
}

/// Whether every |actual − expected| is within its tolerance.
func isWithin(_ actual: [Double], _ expected: [Double], tolerance: [Double]) -> Bool {
    actual.count == expected.count && tolerance.count == expected.count
        && zip(zip(actual, expected), tolerance).allSatisfy { Swift.abs($0.0 - $0.1) <= $1 }
}

/// A dropout mask for attention tests: each of `[edgeCount, heads]` is 0 or 2 (keep ½), seeded.
func attentionTestMask(edgeCount: Int, heads: Int, seed: UInt64) -> Tensor<Double> {
    let draws = randomTensor([edgeCount, heads], in: 0...1, seed: seed)
    return Tensor(shape: draws.shape, scalars: draws.scalars.map { $0 < 0.5 ? 0 : 2 })
}

/// GAT's attention from the unfused public operations, the oracle of `attentionAggregate`.
func unfusedAttentionReference<S: TensorScalar>(
    _ graph: Graph, _ x: Tensor<S>, _ s: Tensor<S>, _ t: Tensor<S>, mask: Tensor<S>?, slope: S
) -> Tensor<S> {
    let alpha = segmentSoftmax(graph, sddmm(graph, source: s, target: t, operation: .add).leakyRelu(slope: slope))
    return spmm(graph, x, edgeWeights: mask.map { alpha * $0 } ?? alpha)
}
