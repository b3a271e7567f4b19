import Tensors

extension Graph {
    /// The graph made of the edges at `edgeIDs` (in that order) on the same nodes, with their
    /// weights and types.
    func selectingEdges(_ edgeIDs: [Int32]) -> Graph {
        func gather<T>(_ values: [T]) -> [T] {
            values.withUnsafeBufferPointer { values in edgeIDs.map { values[Int($0)] } }
        }
        return Graph(
            unchecked: nodeCount, source: gather(source), target: gather(target),
            edgeWeights: edgeWeights.map(gather), edgeTypes: edgeTypes.map(gather))
    }

    /// The positions of the edges for which `keep` holds, in edge order.
    func edgeIDs(where keep: (_ source: Int32, _ target: Int32) -> Bool) -> [Int32] {
        var kept: [Int32] = []
        source.withUnsafeBufferPointer { source in
            target.withUnsafeBufferPointer { target in
                for e in source.indices where keep(source[e], target[e]) {
                    kept.append(Int32(truncatingIfNeeded: e))
                }
            }
        }
        return kept
    }
}

extension Graph {
    /// The same edges listed by target, ties in edge order: the order of the incoming
    /// adjacency, so that kernels walking it read per-edge arrays (attention scores, dropout
    /// masks) front to back instead of at random.
    public func orderedByTarget() -> Graph {
        selectingEdges(adjacency(.incoming).edgeIDs)
    }
}

extension Graph {
    /// The edges into `nodes` on the same nodes, in edge order, with their positions in this
    /// graph: what a last layer needs to compute only those nodes' outputs.
    ///
    /// - Precondition: every node is in range.
    public func edgesInto(_ nodes: [Int]) -> (graph: Graph, edgeIDs: [Int32]) {
        var isTarget = [Bool](repeating: false, count: nodeCount)
        for node in nodes {
            require(node >= 0 && node < nodeCount, "edgesInto: node \(node) of a graph with \(nodeCount) nodes")
            isTarget[node] = true
        }
        let ids = edgeIDs { _, target in isTarget[Int(target)] }
        return (selectingEdges(ids), ids)
    }
}
