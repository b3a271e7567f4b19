import Tensors
extension Graph {
    /// A Barabási–Albert preferential-attachment graph.
    ///
    /// It starts from a complete graph on `edgesPerNode + 1` nodes; each later node joins
    /// `edgesPerNode` distinct earlier nodes, each chosen with probability proportional to its
    /// current degree. Every node therefore has degree at least `edgesPerNode`, and the graph
    /// has `m(m+1)/2 + (n − m − 1)·m` undirected edges, stored in both directions and sorted by
    /// (source, target).
    /// The sampling runs on a `SplitMix64` seeded by one draw from `generator`.
    public static func barabasiAlbert(
        nodeCount: Int, edgesPerNode: Int, using generator: inout some RandomNumberGenerator
    ) -> Graph {
        let m = edgesPerNode
        require(m >= 1 && m < nodeCount, "edges per node must be in 1..<\(nodeCount), got \(m)")
        require(nodeCount <= Int(Int32.max), "node count \(nodeCount) is out of range")
        var random = generator.forkedSplitMix64()
        var source: [Int32] = []
        var target: [Int32] = []
        // Each node appears here once per incident edge, so a uniform pick is degree-proportional.
        var endpoints: [Int32] = []
        endpoints.reserveCapacity(2 * (m * (m + 1) / 2 + (nodeCount - m - 1) * m))
        for v in 0...m {
            for w in 0..<v {
                source.append(Int32(v))
                target.append(Int32(w))
                endpoints += [Int32(v), Int32(w)]
            }
        }
        var chosen: [Int32] = []
        for v in (m + 1)..<nodeCount {
            chosen.removeAll(keepingCapacity: true)
            while chosen.count < m {
                let candidate = endpoints[Int.random(in: 0..<endpoints.count, using: &random)]
                if !chosen.contains(candidate) { chosen.append(candidate) }
            }
            for w in chosen {
                source.append(Int32(v))
                target.append(w)
                endpoints += [Int32(v), w]
            }
        }
        return symmetric(nodeCount: nodeCount, pairs: (source, target))
    }
}
