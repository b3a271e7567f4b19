extension Graph {
    /// The subgraph induced by `nodes`: those nodes, renumbered in the given order, and every
    /// edge whose two endpoints are among them, in edge-list order.
    ///
    /// - Throws: `GraphError` naming a node outside `0..<nodeCount` or one listed twice.
    public func inducedSubgraph(nodes: [Int]) throws(GraphError) -> Subgraph {
        var newNodeIDs = [Int32](repeating: -1, count: nodeCount)
        for (position, node) in nodes.enumerated() {
            guard node >= 0, node < nodeCount else {
                throw .nodeIndexOutOfRange(position: position, value: node, nodeCount: nodeCount)
            }
            guard newNodeIDs[node] < 0 else { throw .duplicateNode(position: position, value: node) }
            newNodeIDs[node] = Int32(position)
        }
        let kept = edgeIDs { newNodeIDs[Int($0)] >= 0 && newNodeIDs[Int($1)] >= 0 }
        let edges = selectingEdges(kept)
        let graph = Graph(
            unchecked: nodes.count,
            source: edges.source.map { newNodeIDs[Int($0)] }, target: edges.target.map { newNodeIDs[Int($0)] },
            edgeWeights: edges.edgeWeights, edgeTypes: edges.edgeTypes)
        return Subgraph(graph: graph, nodeIDs: nodes.map { Int32($0) }, edgeIDs: kept, newNodeIDs: newNodeIDs)
    }
}
