import Tensors
import Foundation

extension Graph {
    /// An Erdős–Rényi G(n, p) graph: every pair of distinct nodes is joined independently with
    /// probability `edgeProbability`, in time proportional to the number of edges (geometric
    /// skipping over the pairs).
    ///
    /// - Parameters:
    ///   - directed: when false (the default), each pair {u, v} is one trial and a joined pair
    ///     is stored in both directions; when true, u→v and v→u are separate trials.
    /// - Returns: a graph without self loops or parallel edges, sorted by (source, target).
    /// The sampling runs on a `SplitMix64` seeded by one draw from `generator`.
    public static func erdosRenyi(
        nodeCount: Int, edgeProbability: Double, directed: Bool = false, using generator: inout some RandomNumberGenerator
    ) -> Graph {
        var random = generator.forkedSplitMix64()
        require(nodeCount >= 0 && nodeCount <= Int(Int32.max), "node count \(nodeCount) is out of range")
        let pairs = PairIndexing(nodeCount: nodeCount, directed: directed)
        var skips = GeometricSkips(trialCount: pairs.count, probability: edgeProbability)
        var source: [Int32] = []
        var target: [Int32] = []
        let expected = Double(pairs.count) * edgeProbability
        source.reserveCapacity(Int(expected + 5 * expected.squareRoot()) + 16)
        target.reserveCapacity(source.capacity)
        while let index = skips.next(using: &random) {
            let (from, to) = pairs.pair(at: index)
            source.append(from)
            target.append(to)
        }
        return directed
            ? Graph(unchecked: nodeCount, source: source, target: target, edgeWeights: nil, edgeTypes: nil)
            : symmetric(nodeCount: nodeCount, pairs: (source, target))
    }

    /// An Erdős–Rényi G(n, m) graph: `edgeCount` distinct pairs of distinct nodes, chosen
    /// uniformly among all such sets.
    ///
    /// A Bernoulli sample with a slightly higher probability gives a sorted superset of about
    /// `edgeCount + 5√edgeCount` pairs (redrawn in the rare case it falls short); dropping a
    /// uniform subset of the surplus leaves a uniform `edgeCount`-subset, in O(edgeCount) time.
    ///
    /// - Parameters:
    ///   - edgeCount: number of pairs (undirected) or directed edges; at most the number of
    ///     possible ones.
    ///   - directed: when false, each chosen pair is stored in both directions.
    /// - Returns: a graph sorted by (source, target).
    /// The sampling runs on a `SplitMix64` seeded by one draw from `generator`.
    public static func erdosRenyi(
        nodeCount: Int, edgeCount: Int, directed: Bool = false, using generator: inout some RandomNumberGenerator
    ) -> Graph {
        require(nodeCount >= 0 && nodeCount <= Int(Int32.max), "node count \(nodeCount) is out of range")
        let pairs = PairIndexing(nodeCount: nodeCount, directed: directed)
        require(
            (0...pairs.count).contains(edgeCount), "\(edgeCount) edges do not fit \(nodeCount) nodes (at most \(pairs.count))")
        var random = generator.forkedSplitMix64()
        let oversampled = Double(edgeCount) + 5 * Double(edgeCount).squareRoot() + 10
        let probability = pairs.count == 0 ? 0 : min(1, oversampled / Double(pairs.count))
        var candidates: [Int] = []
        repeat {
            candidates.removeAll(keepingCapacity: true)
            var skips = GeometricSkips(trialCount: pairs.count, probability: probability)
            while let index = skips.next(using: &random) { candidates.append(index) }
        } while candidates.count < edgeCount
        // Partial Fisher–Yates over positions: the first `surplus` shuffled positions are dropped.
        let surplus = candidates.count - edgeCount
        var positions = Array(0..<candidates.count)
        var dropped = [Bool](repeating: false, count: candidates.count)
        for i in 0..<surplus {
            positions.swapAt(i, Int.random(in: i..<positions.count, using: &random))
            dropped[positions[i]] = true
        }
        var source: [Int32] = []
        var target: [Int32] = []
        source.reserveCapacity(edgeCount)
        target.reserveCapacity(edgeCount)
        for (position, index) in candidates.enumerated() where !dropped[position] {
            let (from, to) = pairs.pair(at: index)
            source.append(from)
            target.append(to)
        }
        return directed
            ? Graph(unchecked: nodeCount, source: source, target: target, edgeWeights: nil, edgeTypes: nil)
            : symmetric(nodeCount: nodeCount, pairs: (source, target))
    }
}

/// Numbers the possible edges without self loops: for undirected graphs the pairs v > w in
/// order (v, w), index v(v−1)/2 + w; for directed graphs the ordered pairs by source, then
/// target.
struct PairIndexing {
    let nodeCount: Int
    let directed: Bool

    var count: Int { directed ? nodeCount * max(nodeCount - 1, 0) : nodeCount * max(nodeCount - 1, 0) / 2 }

    func pair(at index: Int) -> (Int32, Int32) {
        if directed {
            let from = index / (nodeCount - 1)
            let offset = index % (nodeCount - 1)
            return (Int32(from), Int32(offset < from ? offset : offset + 1))
        }
        // The largest v with v(v−1)/2 ≤ index, from the square root, corrected for rounding.
        var v = Int(((1 + (1 + 8 * Double(index)).squareRoot()) / 2).rounded(.down))
        while v * (v - 1) / 2 > index { v -= 1 }
        while (v + 1) * v / 2 <= index { v += 1 }
        return (Int32(v), Int32(index - v * (v - 1) / 2))
    }
}
