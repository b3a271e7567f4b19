import Tensors
import Calculus
import Foundation

/// Enumerates the successes of independent Bernoulli(p) trials over `0..<trialCount` by
/// jumping straight from one success to the next (Batagelj & Brandes 2005): the gap is
/// geometric, so the cost is proportional to the number of successes, not of trials.
struct GeometricSkips {
    private let logOfFailure: Double
    private let trialCount: Int
    private var position = -1

    init(trialCount: Int, probability: Double) {
        require((0...1).contains(probability), "edge probability \(probability) is outside [0, 1]")
        self.trialCount = probability > 0 ? trialCount : 0
        logOfFailure = log1p(-probability)
    }

    /// The next successful trial, or `nil` when all trials are done.
    mutating func next(using generator: inout some RandomNumberGenerator) -> Int? {
        // log(u) / log(1 − p) with u in (0, 1] is the number of failures before the next success;
        // when p = 1 it is 0, and the division by −∞ gives −0.
        let failures = (log(generator.nextUniformPositive()) / logOfFailure).rounded(.down)
        guard failures < Double(trialCount - position) else {
            position = trialCount
            return nil
        }
        position += 1 + Int(failures)
        return position < trialCount ? position : nil
    }
}

extension RandomNumberGenerator {
    /// A `SplitMix64` seeded with one draw from this generator.
    ///
    /// The generators take `some RandomNumberGenerator`, whose calls cannot be specialised
    /// across modules; drawing the millions of values a large graph needs from a concrete local
    /// generator instead keeps the inner loops free of dynamic dispatch, and the result is
    /// still fixed by the caller's generator.
    mutating func forkedSplitMix64() -> SplitMix64 {
        SplitMix64(seed: next())
    }
}

extension Graph {
    /// The undirected graph with each edge {u, v} stored as u→v and v→u, sorted by (source, target).
    static func symmetric(nodeCount: Int, pairs: (source: [Int32], target: [Int32])) -> Graph {
        Graph(
            unchecked: nodeCount, source: pairs.source + pairs.target, target: pairs.target + pairs.source,
            edgeWeights: nil, edgeTypes: nil
        ).coalesced()
    }
}
