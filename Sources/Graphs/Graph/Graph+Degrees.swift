extension Graph {
    /// Number of edges entering each node (self loops and parallel edges each count).
    public var inDegrees: [Int] { Graph.countOccurrences(of: target, nodeCount: nodeCount) }

    /// Number of edges leaving each node (self loops and parallel edges each count).
    public var outDegrees: [Int] { Graph.countOccurrences(of: source, nodeCount: nodeCount) }

    /// Sum of the weights of the edges entering each node (1 per edge when unweighted).
    public var weightedInDegrees: [Float] { weightSums(at: target) }

    /// Sum of the weights of the edges leaving each node (1 per edge when unweighted).
    public var weightedOutDegrees: [Float] { weightSums(at: source) }

    private static func countOccurrences(of nodes: [Int32], nodeCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: nodeCount)
        counts.withUnsafeMutableBufferPointer { counts in
            nodes.withUnsafeBufferPointer { nodes in
                for node in nodes { counts[Int(node)] += 1 }
            }
        }
        return counts
    }

    /// Sums in double precision so that a node with millions of in-edges keeps every unit.
    private func weightSums(at endpoints: [Int32]) -> [Float] {
        guard let edgeWeights else { return Graph.countOccurrences(of: endpoints, nodeCount: nodeCount).map(Float.init) }
        var sums = [Double](repeating: 0, count: nodeCount)
        sums.withUnsafeMutableBufferPointer { sums in
            endpoints.withUnsafeBufferPointer { endpoints in
                edgeWeights.withUnsafeBufferPointer { weights in
                    for e in endpoints.indices { sums[Int(endpoints[e])] += Double(weights[e]) }
                }
            }
        }
        return sums.map(Float.init)
    }
}
