import Calculus
import Graphs

/// Random multigraphs for the oracle tests: self loops, parallel edges, isolated nodes and
/// (optionally) weights and types, all from a seeded generator.
struct RandomGraphs {
    var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// A graph on up to `maxNodes` nodes whose last `isolated` nodes touch no edge.
    mutating func next(maxNodes: Int = 30, weighted: Bool = true, typed: Bool = false) throws -> Graph {
        let nodeCount = Int.random(in: 0...maxNodes, using: &generator)
        let isolated = min(nodeCount, Int.random(in: 0...3, using: &generator))
        let connectable = nodeCount - isolated
        let edgeCount = connectable == 0 ? 0 : Int.random(in: 0...(3 * nodeCount), using: &generator)
        var source: [Int32] = []
        var target: [Int32] = []
        for _ in 0..<edgeCount {
            let s = Int32.random(in: 0..<Int32(connectable), using: &generator)
            let roll = Int.random(in: 0..<10, using: &generator)
            // One edge in ten is a self loop and one in ten repeats the previous edge.
            if roll == 0 {
                source.append(s); target.append(s)
            } else if roll == 1, let lastSource = source.last, let lastTarget = target.last {
                source.append(lastSource); target.append(lastTarget)
            } else {
                source.append(s); target.append(Int32.random(in: 0..<Int32(connectable), using: &generator))
            }
        }
        let weights = weighted ? source.map { _ in Float.random(in: 0.25...2, using: &generator) } : nil
        let types = typed ? source.map { _ in Int32.random(in: -1...2, using: &generator) } : nil
        return try Graph(nodeCount: nodeCount, source: source, target: target, edgeWeights: weights, edgeTypes: types)
    }
}

/// The dense adjacency matrix of a graph: `entry[s][t]` sums the weights of the edges s→t.
struct DenseAdjacency: Equatable {
    var entry: [[Double]]

    init(nodeCount: Int) {
        entry = Array(repeating: Array(repeating: 0, count: nodeCount), count: nodeCount)
    }

    init(_ graph: Graph) {
        self.init(nodeCount: graph.nodeCount)
        for e in 0..<graph.edgeCount {
            entry[Int(graph.source[e])][Int(graph.target[e])] += Double(graph.weight(ofEdge: e))
        }
    }

    /// The edge-count matrix (every edge weighs 1).
    static func counts(_ graph: Graph) -> [[Int]] {
        var counts = Array(repeating: Array(repeating: 0, count: graph.nodeCount), count: graph.nodeCount)
        for e in 0..<graph.edgeCount { counts[Int(graph.source[e])][Int(graph.target[e])] += 1 }
        return counts
    }

    var nodeCount: Int { entry.count }

    /// True when every entry agrees within a relative tolerance of Float rounding.
    func isClose(to other: DenseAdjacency, tolerance: Double = 1e-5) -> Bool {
        guard nodeCount == other.nodeCount else { return false }
        for i in 0..<nodeCount {
            for j in 0..<nodeCount {
                let a = entry[i][j], b = other.entry[i][j]
                if abs(a - b) > tolerance * max(1, abs(a), abs(b)) { return false }
            }
        }
        return true
    }
}
