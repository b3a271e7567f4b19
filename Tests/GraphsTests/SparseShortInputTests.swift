import GraphGrad
import Testing
import _TestSupport

/// SpMM with fewer feature rows than the graph has nodes, where no edge reads past them (the
/// product of a sparse matrix with fewer columns than rows), gives the bits of the same product
/// with the missing rows as zeros: value, tangent and the gradients in the features and the edge
/// weights, along either direction, for sum and mean.
@Test("spmm over fewer rows than nodes has the bits of the zero-padded product")
func shortFeaturesMatchPaddedOnes() throws {
    let (nodes, rows) = (9, 5)
    var generator = SplitMix64(seed: 41)
    // Edges from the first `rows` nodes to any node: along .incoming they read only those rows.
    let edges = (0..<30).map { _ in (Int32(generator.next() % UInt64(rows)), Int32(generator.next() % UInt64(nodes))) }
    for direction in [EdgeDirection.incoming, .outgoing] {
        let (from, to) = (edges.map(\.0), edges.map(\.1))
        let graph = direction == .incoming
            ? try Graph(nodeCount: nodes, source: from, target: to) : try Graph(nodeCount: nodes, source: to, target: from)
        let x = randomTensor([rows, 4], seed: 42)
        let weights = randomTensor([graph.edgeCount], in: 0.25...2, seed: 43)
        let seed = randomTensor([nodes, 4], seed: 44)
        for aggregation in [Aggregation.sum, .mean] {
            func run(_ pad: Bool) -> [[UInt64]] {
                let (xs, ws) = (x.requiringGradient(), weights.requiringGradient())
                let input = pad ? xs.padded(along: 0, toExtent: nodes, at: 0) : xs
                let product = spmm(graph, input, edgeWeights: ws, aggregation: aggregation, direction: direction)
                let gradients = (product * seed).sum().gradients(wrt: [xs, ws])
                let tangent = spmm(
                    graph, pad ? x.withTangent(seed.sliced(along: 0, 0..<rows)).padded(along: 0, toExtent: nodes, at: 0)
                        : x.withTangent(seed.sliced(along: 0, 0..<rows)),
                    edgeWeights: weights, aggregation: aggregation, direction: direction).tangent
                return [product, gradients[0], gradients[1], tangent!].map { $0.scalars.map(\.bitPattern) }
            }
            #expect(run(false) == run(true), "\(aggregation) \(direction)")
        }
    }
}
