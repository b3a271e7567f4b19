extension Graph {
    /// Out-edges grouped by source (CSR): row `v` holds the targets of the edges leaving `v`.
    ///
    /// Built on first use in O(N + E) and cached.
    public var csr: CompressedAdjacency {
        adjacencyCache.outgoing { CompressedAdjacency(rows: source, columns: target, rowCount: nodeCount) }
    }

    /// In-edges grouped by target (CSC): row `v` holds the sources of the edges entering `v`,
    /// the neighbourhood a node aggregates over in message passing.
    ///
    /// Built on first use in O(N + E) and cached.
    public var csc: CompressedAdjacency {
        adjacencyCache.incoming { CompressedAdjacency(rows: target, columns: source, rowCount: nodeCount) }
    }
}
