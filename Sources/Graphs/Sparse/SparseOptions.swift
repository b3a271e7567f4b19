/// How a node combines the messages arriving along its edges.
public enum Aggregation: Sendable, CaseIterable {
    /// Σ of the messages (0 for a node without edges).
    case sum
    /// Σ of the messages divided by their number (0 for a node without edges).
    case mean
    /// Elementwise maximum of the messages (0 for a node without edges). On ties the first edge
    /// in edge-list order wins and alone receives the gradient.
    case max
    /// Elementwise minimum of the messages (0 for a node without edges), ties as for `max`.
    case min
}

/// Which edges a node aggregates over.
public enum EdgeDirection: Sendable {
    /// Each node aggregates over the edges entering it (messages flow source → target).
    case incoming
    /// Each node aggregates over the edges leaving it (the transposed graph).
    case outgoing

    /// The other direction: the transposed product.
    public var reversed: EdgeDirection { self == .incoming ? .outgoing : .incoming }

    /// The endpoint of an edge at which its message arrives.
    public var destination: EdgeEndpoint { self == .incoming ? .target : .source }
}

/// One end of an edge.
public enum EdgeEndpoint: Sendable {
    /// The tail of the edge (`Graph.source`), "u" in u → v.
    case source
    /// The head of the edge (`Graph.target`), "v" in u → v.
    case target

    /// The other end.
    public var opposite: EdgeEndpoint { self == .source ? .target : .source }

    /// The direction along which messages arrive at this endpoint.
    public var arrivalDirection: EdgeDirection { self == .target ? .incoming : .outgoing }
}

/// A per-edge combination of the features of an edge's two endpoints (SDDMM).
public enum EdgeBinaryOperation: Sendable, CaseIterable {
    /// ⟨u, v⟩ over the last feature axis.
    case dot
    /// u + v elementwise.
    case add
    /// u − v elementwise.
    case subtract
    /// u ⊙ v elementwise.
    case multiply
}
