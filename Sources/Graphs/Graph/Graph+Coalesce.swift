extension Graph {
    /// The graph with its edges sorted by (source, target) and parallel edges merged, like PyG's
    /// `coalesce`: a merged edge's weight is the sum of the merged weights.
    ///
    /// With edge types, edges merge only when source, target *and* type agree, and the order is
    /// (source, target, type). Runs in O(N + E + T log T) for T distinct types: one stable
    /// counting sort per key, least significant first.
    public func coalesced() -> Graph {
        var order = Array(0..<Int32(edgeCount))
        if let edgeTypes {
            let distinct = Array(Set(edgeTypes)).sorted()
            let rank = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
            order = Graph.stableOrder(order, by: edgeTypes.map { rank[$0] ?? 0 }, keyCount: distinct.count)
        }
        order = Graph.stableOrder(order, by: target, keyCount: nodeCount)
        order = Graph.stableOrder(order, by: source, keyCount: nodeCount)
        return mergingConsecutiveDuplicates(in: order)
    }

    /// The graph with the reverse of every edge added, then coalesced: each undirected edge
    /// {u, v} appears once as u→v and once as v→u. Weights of coinciding edges add up, as in
    /// PyG's `to_undirected`: u→v and v→u of weight 1 each become two edges of weight 2, and a
    /// self loop, being its own reverse, doubles its weight. Unweighted graphs just lose their
    /// duplicates.
    public func undirected() -> Graph {
        let doubled = Graph(
            unchecked: nodeCount, source: source + target, target: target + source,
            edgeWeights: edgeWeights.map { $0 + $0 }, edgeTypes: edgeTypes.map { $0 + $0 })
        return doubled.coalesced()
    }

    /// `order` re-sorted stably by `keys[order[i]]`, each key in `0..<keyCount`.
    static func stableOrder(_ order: [Int32], by keys: [Int32], keyCount: Int) -> [Int32] {
        var starts = [Int](repeating: 0, count: keyCount + 1)
        var sorted = [Int32](repeating: 0, count: order.count)
        keys.withUnsafeBufferPointer { keys in
            order.withUnsafeBufferPointer { order in
                starts.withUnsafeMutableBufferPointer { starts in
                    for e in order { starts[Int(keys[Int(e)]) + 1] += 1 }
                    for k in 0..<keyCount { starts[k + 1] += starts[k] }
                    sorted.withUnsafeMutableBufferPointer { sorted in
                        for e in order {
                            let key = Int(keys[Int(e)])
                            sorted[starts[key]] = e
                            starts[key] += 1
                        }
                    }
                }
            }
        }
        return sorted
    }

    /// Keeps the first edge of each run of equal (source, target, type) in `order`, summing the
    /// weights of the run into it.
    private func mergingConsecutiveDuplicates(in order: [Int32]) -> Graph {
        var kept: [Int32] = []
        var mergedWeights: [Float] = []
        kept.reserveCapacity(order.count)
        for e in order.map(Int.init) {
            if let last = kept.last.map(Int.init), source[last] == source[e], target[last] == target[e],
                edgeTypes?[last] == edgeTypes?[e]
            {
                if let edgeWeights { mergedWeights[mergedWeights.count - 1] += edgeWeights[e] }
                continue
            }
            kept.append(Int32(e))
            if let edgeWeights { mergedWeights.append(edgeWeights[e]) }
        }
        let merged = selectingEdges(kept)
        return Graph(
            unchecked: nodeCount, source: merged.source, target: merged.target,
            edgeWeights: edgeWeights == nil ? nil : mergedWeights, edgeTypes: merged.edgeTypes)
    }
}
