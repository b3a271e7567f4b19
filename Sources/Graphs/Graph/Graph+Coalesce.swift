extension Graph {
    /// The graph with its edges sorted by (source, target) and parallel edges merged, like PyG's
    /// `coalesce`: a merged edge's weight is the sum of the merged weights.
    ///
    /// With edge types, edges merge only when source, target *and* type agree, and the order is
    /// (source, target, type). Edges are bucketed by source with a counting sort, then each
    /// bucket is sorted on its own: O(N + E log d) for largest out-degree d, with the random
    /// memory accesses of a single scatter pass.
    public func coalesced() -> Graph {
        mergingConsecutiveDuplicates(in: sortedEdgeOrder())
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

    /// The edge positions sorted by (source, target, type), ties in edge order.
    private func sortedEdgeOrder() -> [Int32] {
        let rows = csr
        // Each slot holds (target << 32 | edge id): sorting a row's keys sorts it by target and
        // keeps parallel edges in edge order.
        var keys = [UInt64](repeating: 0, count: edgeCount)
        keys.withUnsafeMutableBufferPointer { keys in
            rows.indices.withUnsafeBufferPointer { targets in
                rows.edgeIDs.withUnsafeBufferPointer { edgeIDs in
                    for slot in keys.indices {
                        let target = UInt64(UInt32(bitPattern: targets[slot]))
                        keys[slot] = target << 32 | UInt64(UInt32(bitPattern: edgeIDs[slot]))
                    }
                }
            }
            for node in 0..<nodeCount where rows.indptr[node + 1] - rows.indptr[node] > 1 {
                var row = UnsafeMutableBufferPointer(rebasing: keys[rows.indptr[node]..<rows.indptr[node + 1]])
                if let edgeTypes {
                    row.sort { (lhs: UInt64, rhs: UInt64) -> Bool in
                        let lhsType = edgeTypes[Int(lhs & 0xFFFF_FFFF)]
                        let rhsType = edgeTypes[Int(rhs & 0xFFFF_FFFF)]
                        return (lhs >> 32, lhsType, lhs) < (rhs >> 32, rhsType, rhs)
                    }
                } else {
                    row.sort()
                }
            }
        }
        return keys.map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
    }

    /// Keeps the first edge of each run of equal (source, target, type) in `order`, summing the
    /// weights of the run into it.
    private func mergingConsecutiveDuplicates(in order: [Int32]) -> Graph {
        var keptSource: [Int32] = []
        var keptTarget: [Int32] = []
        var keptWeights: [Float] = []
        var keptTypes: [Int32] = []
        keptSource.reserveCapacity(order.count)
        keptTarget.reserveCapacity(order.count)
        let weights = edgeWeights ?? []
        let types = edgeTypes ?? []
        let (hasWeights, hasTypes) = (edgeWeights != nil, edgeTypes != nil)
        if hasWeights { keptWeights.reserveCapacity(order.count) }
        if hasTypes { keptTypes.reserveCapacity(order.count) }
        order.withUnsafeBufferPointer { order in
            source.withUnsafeBufferPointer { source in
                target.withUnsafeBufferPointer { target in
                    weights.withUnsafeBufferPointer { weights in
                        types.withUnsafeBufferPointer { types in
                            var previous = -1
                            for edge in order {
                                let e = Int(edge)
                                if previous >= 0, source[e] == source[previous], target[e] == target[previous],
                                    !hasTypes || types[e] == types[previous]
                                {
                                    if hasWeights { keptWeights[keptWeights.count - 1] += weights[e] }
                                    continue
                                }
                                previous = e
                                keptSource.append(source[e])
                                keptTarget.append(target[e])
                                if hasWeights { keptWeights.append(weights[e]) }
                                if hasTypes { keptTypes.append(types[e]) }
                            }
                        }
                    }
                }
            }
        }
        return Graph(
            unchecked: nodeCount, source: keptSource, target: keptTarget,
            edgeWeights: hasWeights ? keptWeights : nil, edgeTypes: hasTypes ? keptTypes : nil)
    }
}
