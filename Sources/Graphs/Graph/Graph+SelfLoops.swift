import Tensors
extension Graph {
    /// Number of edges whose source and target coincide.
    public var selfLoopCount: Int {
        zip(source, target).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    }

    /// The graph with its self loops removed; other edges keep their order.
    public func removingSelfLoops() -> Graph {
        selectingEdges(edgeIDs { $0 != $1 })
    }

    /// The graph with one self loop appended for every node (after the existing edges, node
    /// order), whether or not the node already has one, like PyG's `add_self_loops`.
    ///
    /// - Parameters:
    ///   - fillWeight: weight of the new loops; an unweighted graph stays unweighted when it is 1.
    ///   - edgeType: type of the new loops, used only when the graph has edge types.
    public func addingSelfLoops(fillWeight: Float = 1, edgeType: Int32 = 0) -> Graph {
        require(!fillWeight.isNaN, "self-loop fill weight must not be NaN")
        return appendingLoops(
            keeping: Array(0..<Int32(edgeCount)),
            loopWeights: [Float](repeating: fillWeight, count: nodeCount),
            loopTypes: [Int32](repeating: edgeType, count: nodeCount))
    }

    /// The graph with exactly one self loop per node, like PyG's `add_remaining_self_loops`:
    /// existing loops are removed, then one loop per node is appended in node order. A node that
    /// had loops keeps the weight and type of its last one; the others get `fillWeight` and
    /// `edgeType`.
    public func addingRemainingSelfLoops(fillWeight: Float = 1, edgeType: Int32 = 0) -> Graph {
        require(!fillWeight.isNaN, "self-loop fill weight must not be NaN")
        var loopWeights = [Float](repeating: fillWeight, count: nodeCount)
        var loopTypes = [Int32](repeating: edgeType, count: nodeCount)
        for e in 0..<edgeCount where source[e] == target[e] {
            let node = Int(source[e])
            loopWeights[node] = weight(ofEdge: e)
            if let edgeTypes { loopTypes[node] = edgeTypes[e] }
        }
        return appendingLoops(keeping: edgeIDs { $0 != $1 }, loopWeights: loopWeights, loopTypes: loopTypes)
    }

    /// The edges at `kept` followed by one loop per node in node order.
    private func appendingLoops(keeping kept: [Int32], loopWeights: [Float], loopTypes: [Int32]) -> Graph {
        let loops = Array(0..<Int32(nodeCount))
        let base = selectingEdges(kept)
        let needsWeights = edgeWeights != nil || loopWeights.contains { $0 != 1 }
        let weights = needsWeights ? (base.edgeWeights ?? [Float](repeating: 1, count: base.edgeCount)) + loopWeights : nil
        return Graph(
            unchecked: nodeCount, source: base.source + loops, target: base.target + loops,
            edgeWeights: weights, edgeTypes: base.edgeTypes.map { $0 + loopTypes })
    }
}
