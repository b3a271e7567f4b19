import Tensors
/// Which edges a k-hop neighbourhood follows from its seed nodes.
public enum HopDirection: Sendable {
    /// Against the edges: the nodes whose messages reach the seeds within k layers of message
    /// passing (PyG's `k_hop_subgraph` with `flow="source_to_target"`).
    case incoming
    /// Along the edges: the nodes the seeds reach within k steps.
    case outgoing
}

extension Graph {
    /// The nodes within `hops` steps of `seeds` and the subgraph they induce, like PyG's
    /// `k_hop_subgraph`.
    ///
    /// The subgraph's nodes are in increasing original id; it contains every edge between them
    /// (not only the edges that were followed), as PyG does.
    ///
    /// - Throws: `GraphError` naming a seed outside `0..<nodeCount`.
    public func kHopNeighbourhood(
        of seeds: [Int], hops: Int, direction: HopDirection = .incoming
    ) throws(GraphError) -> Subgraph {
        require(hops >= 0, "hop count must be ≥ 0, got \(hops)")
        var reached = [Bool](repeating: false, count: nodeCount)
        var frontier: [Int] = []
        for (position, seed) in seeds.enumerated() {
            guard seed >= 0, seed < nodeCount else {
                throw .nodeIndexOutOfRange(position: position, value: seed, nodeCount: nodeCount)
            }
            if !reached[seed] {
                reached[seed] = true
                frontier.append(seed)
            }
        }
        let adjacency = direction == .incoming ? csc : csr
        for _ in 0..<hops where !frontier.isEmpty {
            var next: [Int] = []
            for node in frontier {
                for neighbour in adjacency.neighbours(of: node).map(Int.init) where !reached[neighbour] {
                    reached[neighbour] = true
                    next.append(neighbour)
                }
            }
            frontier = next
        }
        let nodes = reached.indices.filter { reached[$0] }
        return try inducedSubgraph(nodes: nodes)
    }
}
