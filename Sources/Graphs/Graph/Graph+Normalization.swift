/// Which endpoint's degree divides an edge's weight in `Graph.randomWalkNormalized`.
public enum DegreeSide: Sendable {
    /// Divide by the weighted in-degree of the target: the weights entering each node sum to 1
    /// (mean aggregation in message passing).
    case target
    /// Divide by the weighted out-degree of the source: the weights leaving each node sum to 1
    /// (the transition probabilities of a random walk).
    case source
}

extension Graph {
    /// The GCN propagation weights D^-1/2 (A + I) D^-1/2 of Kipf & Welling, computed like PyG's
    /// `gcn_norm`.
    ///
    /// Self loops are first made exactly one per node (`addingRemainingSelfLoops`), then the
    /// degree of a node is the summed weight of its in-edges, and edge u→v gets
    /// `w / sqrt(deg(u) · deg(v))`. A node whose degree is not positive contributes a factor 0
    /// instead of an infinity.
    ///
    /// - Parameters:
    ///   - addingSelfLoops: `false` normalizes A itself, for graphs that already carry the loops
    ///     they want.
    ///   - fillWeight: weight of the added loops (2 gives the "improved" GCN variant).
    /// - Returns: a weighted graph with the normalized weights.
    public func gcnNormalized(addingSelfLoops: Bool = true, fillWeight: Float = 1) -> Graph {
        let graph = addingSelfLoops ? addingRemainingSelfLoops(fillWeight: fillWeight) : self
        let inverseRoot = graph.weightedInDegrees.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        return graph.withWeights { e, weight in
            inverseRoot[Int(graph.source[e])] * weight * inverseRoot[Int(graph.target[e])]
        }
    }

    /// The random-walk normalization D^-1 A: each edge weight divided by the weighted degree of
    /// one endpoint (see `DegreeSide`). A zero degree leaves the weight 0.
    ///
    /// - Parameters:
    ///   - side: whose degree divides (`.target`: incoming weights sum to 1 at every node that
    ///     has in-edges; `.source`: outgoing weights sum to 1).
    ///   - addingSelfLoops: add one self loop per node first (`addingRemainingSelfLoops`).
    public func randomWalkNormalized(by side: DegreeSide = .target, addingSelfLoops: Bool = false) -> Graph {
        let graph = addingSelfLoops ? addingRemainingSelfLoops() : self
        let degrees = side == .target ? graph.weightedInDegrees : graph.weightedOutDegrees
        let endpoints = side == .target ? graph.target : graph.source
        return graph.withWeights { e, weight in
            let degree = degrees[Int(endpoints[e])]
            return degree != 0 ? weight / degree : 0
        }
    }

    /// The same edges with weight `transform(e, weight(ofEdge: e))`.
    func withWeights(_ transform: (Int, Float) -> Float) -> Graph {
        let weights = (0..<edgeCount).map { transform($0, weight(ofEdge: $0)) }
        return Graph(unchecked: nodeCount, source: source, target: target, edgeWeights: weights, edgeTypes: edgeTypes)
    }
}
