import Tensors
/// A directed graph on nodes `0..<nodeCount`, stored as an edge list (PyG's `edge_index`).
///
/// Edge `e` goes from `source[e]` to `target[e]`; messages in a graph neural network flow along
/// it, so a node aggregates over its in-edges. Self loops and parallel edges are allowed; an
/// undirected graph stores each edge in both directions (see `undirected()`).
///
/// `Graph` is an immutable value. The compressed adjacency (`csr`, `csc`) is built on first use
/// and shared by all copies, so passing graphs around stays cheap.
public struct Graph: Sendable {
    /// Number of nodes; node ids are `0..<nodeCount`.
    public let nodeCount: Int
    /// Source node of each edge (`edge_index[0]`).
    public let source: [Int32]
    /// Target node of each edge (`edge_index[1]`).
    public let target: [Int32]
    /// Optional weight per edge; `nil` means every edge weighs 1.
    public let edgeWeights: [Float]?
    /// Optional relation type per edge, for heterogeneous message passing.
    public let edgeTypes: [Int32]?

    let adjacencyCache: AdjacencyCache

    /// Builds a graph after checking every edge.
    ///
    /// - Throws: `GraphError` naming the first edge position whose endpoint is negative or
    ///   ≥ `nodeCount`, whose weight is NaN, or a per-edge array of the wrong length.
    public init(
        nodeCount: Int, source: [Int32], target: [Int32],
        edgeWeights: [Float]? = nil, edgeTypes: [Int32]? = nil
    ) throws(GraphError) {
        guard nodeCount >= 0 else { throw .negativeNodeCount(nodeCount) }
        guard source.count == target.count else {
            throw .endpointCountMismatch(sources: source.count, targets: target.count)
        }
        guard source.count <= Int(Int32.max) else { throw .tooManyEdges(source.count) }
        if let position = Graph.firstOutOfRange(source, nodeCount: nodeCount) {
            throw .nodeOutOfRange(
                endpoint: "source", position: position, value: source[position], nodeCount: nodeCount)
        }
        if let position = Graph.firstOutOfRange(target, nodeCount: nodeCount) {
            throw .nodeOutOfRange(
                endpoint: "target", position: position, value: target[position], nodeCount: nodeCount)
        }
        if let edgeWeights {
            guard edgeWeights.count == source.count else {
                throw .perEdgeCountMismatch(array: "edgeWeights", expected: source.count, got: edgeWeights.count)
            }
            if let position = edgeWeights.firstIndex(where: \.isNaN) { throw .nanWeight(position: position) }
        }
        if let edgeTypes, edgeTypes.count != source.count {
            throw .perEdgeCountMismatch(array: "edgeTypes", expected: source.count, got: edgeTypes.count)
        }
        self.init(
            unchecked: nodeCount, source: source, target: target, edgeWeights: edgeWeights, edgeTypes: edgeTypes)
    }

    /// Builds a graph from arrays that the caller has already validated (the module's own
    /// operations, whose outputs are valid by construction).
    init(unchecked nodeCount: Int, source: [Int32], target: [Int32], edgeWeights: [Float]?, edgeTypes: [Int32]?) {
        self.nodeCount = nodeCount
        self.source = source
        self.target = target
        self.edgeWeights = edgeWeights
        self.edgeTypes = edgeTypes
        self.adjacencyCache = AdjacencyCache()
    }

    /// A graph with `nodeCount` nodes and no edges.
    public init(isolatedNodes nodeCount: Int) {
        require(nodeCount >= 0, "node count must be ≥ 0, got \(nodeCount)")
        self.init(unchecked: nodeCount, source: [], target: [], edgeWeights: nil, edgeTypes: nil)
    }

    /// Number of directed edges.
    public var edgeCount: Int { source.count }

    /// The weight of edge `e`: its stored weight, or 1 for an unweighted graph.
    @inlinable
    public func weight(ofEdge e: Int) -> Float {
        edgeWeights?[e] ?? 1
    }

    /// The index of the first entry outside `0..<nodeCount`, if any.
    private static func firstOutOfRange(_ nodes: [Int32], nodeCount: Int) -> Int? {
        nodes.withUnsafeBufferPointer { buffer in
            for i in buffer.indices where buffer[i] < 0 || Int(buffer[i]) >= nodeCount { return i }
            return nil
        }
    }
}

extension Graph: Equatable {
    /// Two graphs are equal when their node counts and edge arrays (in order) are equal; the
    /// cached adjacency plays no part.
    public static func == (lhs: Graph, rhs: Graph) -> Bool {
        lhs.nodeCount == rhs.nodeCount && lhs.source == rhs.source && lhs.target == rhs.target
            && lhs.edgeWeights == rhs.edgeWeights && lhs.edgeTypes == rhs.edgeTypes
    }
}

extension Graph: CustomStringConvertible {
    /// A one-line summary: node and edge counts and which per-edge arrays are present.
    public var description: String {
        var parts = ["Graph(nodes: \(nodeCount), edges: \(edgeCount)"]
        if edgeWeights != nil { parts.append("weighted") }
        if edgeTypes != nil { parts.append("typed") }
        return parts.joined(separator: ", ") + ")"
    }
}
