import Tensors
extension Graph {
    /// An R-MAT graph (Chakrabarti, Zhan & Faloutsos 2004) with the Graph500 defaults.
    ///
    /// Each of the `edgeFactor · 2^scale` directed edges picks one quadrant of the adjacency
    /// matrix per level, with probabilities a, b, c and d = 1 − a − b − c (top-left, top-right,
    /// bottom-left, bottom-right), `scale` times. As in the Graph500 generator, self loops and
    /// repeated edges are kept (call `removingSelfLoops()` / `coalesced()` to drop them), and
    /// node ids are randomly permuted so that degree does not follow the id.
    ///
    /// The sampling runs on a `SplitMix64` seeded by one draw from `generator`.
    ///
    /// - Parameter permutingNodes: false keeps the raw ids, where the high-degree nodes are
    ///   the small ones.
    public static func rmat(
        scale: Int, edgeFactor: Int = 16, a: Double = 0.57, b: Double = 0.19, c: Double = 0.19,
        permutingNodes: Bool = true, using generator: inout some RandomNumberGenerator
    ) -> Graph {
        require((0...30).contains(scale), "scale must be in 0...30, got \(scale)")
        require(edgeFactor >= 0, "edge factor must be ≥ 0, got \(edgeFactor)")
        require(a >= 0 && b >= 0 && c >= 0 && a + b + c <= 1, "quadrant probabilities a, b, c must be ≥ 0 with sum ≤ 1")
        var random = generator.forkedSplitMix64()
        let nodeCount = 1 << scale
        let edgeCount = edgeFactor * nodeCount
        // Thresholds on a 32-bit uniform draw; two levels are decided per 64-bit draw.
        let unit = Double(UInt64(1) << 32)
        let (ta, tab, tabc) = (UInt64(a * unit), UInt64((a + b) * unit), UInt64((a + b + c) * unit))
        var source = [Int32](repeating: 0, count: edgeCount)
        var target = [Int32](repeating: 0, count: edgeCount)
        source.withUnsafeMutableBufferPointer { source in
            target.withUnsafeMutableBufferPointer { target in
                for e in 0..<edgeCount {
                    var row: Int32 = 0
                    var column: Int32 = 0
                    var bits: UInt64 = 0
                    for level in 0..<scale {
                        if level & 1 == 0 { bits = random.next() }
                        let draw = (level & 1 == 0 ? bits : bits >> 32) & 0xFFFF_FFFF
                        let bit = Int32(1) << Int32(scale - 1 - level)
                        if draw >= tabc {
                            row |= bit
                            column |= bit
                        } else if draw >= tab {
                            row |= bit
                        } else if draw >= ta {
                            column |= bit
                        }
                    }
                    source[e] = row
                    target[e] = column
                }
            }
        }
        if permutingNodes {
            var permutation = Array(0..<Int32(nodeCount))
            permutation.shuffle(using: &random)
            permutation.withUnsafeBufferPointer { permutation in
                for e in 0..<edgeCount {
                    source[e] = permutation[Int(source[e])]
                    target[e] = permutation[Int(target[e])]
                }
            }
        }
        return Graph(unchecked: nodeCount, source: source, target: target, edgeWeights: nil, edgeTypes: nil)
    }
}
