import Tensors
extension Graph {
    /// An undirected stochastic block model: nodes are split into consecutive blocks of the
    /// given sizes, and two distinct nodes in blocks a and b are joined independently with
    /// probability `probabilities[a][b]` (geometric skipping: time proportional to the edges).
    ///
    /// - Parameters:
    ///   - blockSizes: nodes per block; block 0 holds nodes `0..<blockSizes[0]`, and so on.
    ///   - probabilities: a symmetric matrix of edge probabilities, one row per block.
    /// - Returns: each joined pair in both directions, sorted by (source, target).
    /// The sampling runs on a `SplitMix64` seeded by one draw from `generator`.
    public static func stochasticBlockModel(
        blockSizes: [Int], probabilities: [[Double]], using generator: inout some RandomNumberGenerator
    ) -> Graph {
        let blockCount = blockSizes.count
        require(blockSizes.allSatisfy { $0 >= 0 }, "block sizes \(blockSizes) include a negative size")
        require(
            probabilities.count == blockCount && probabilities.allSatisfy { $0.count == blockCount },
            "probabilities must be \(blockCount)×\(blockCount) for \(blockCount) blocks")
        var random = generator.forkedSplitMix64()
        var starts = [0]
        for size in blockSizes { starts.append(starts[starts.count - 1] + size) }
        var source: [Int32] = []
        var target: [Int32] = []
        for a in 0..<blockCount {
            for b in a..<blockCount {
                require(
                    probabilities[a][b] == probabilities[b][a], "probabilities[\(a)][\(b)] ≠ probabilities[\(b)][\(a)]")
                if a == b {
                    let pairs = PairIndexing(nodeCount: blockSizes[a], directed: false)
                    var skips = GeometricSkips(trialCount: pairs.count, probability: probabilities[a][a])
                    while let index = skips.next(using: &random) {
                        let (u, v) = pairs.pair(at: index)
                        source.append(Int32(starts[a]) + u)
                        target.append(Int32(starts[a]) + v)
                    }
                } else {
                    // Pairs (u, v) with u in block a and v in block b, row by row.
                    let width = blockSizes[b]
                    var skips = GeometricSkips(trialCount: blockSizes[a] * width, probability: probabilities[a][b])
                    while let index = skips.next(using: &random) {
                        source.append(Int32(starts[a] + index / width))
                        target.append(Int32(starts[b] + index % width))
                    }
                }
            }
        }
        return symmetric(nodeCount: starts[blockCount], pairs: (source, target))
    }
}
