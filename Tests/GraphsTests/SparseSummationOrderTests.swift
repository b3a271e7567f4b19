import GraphGrad
import Testing
import _TestSupport

/// `spmm` documents that each node sums its edges in edge-list order, so a plain loop that adds
/// the weighted messages in that order, in the same precision, must give the same bits: in the
/// active GEMM family's vector ISA, which sums inputs that fit the caches, and in the SSE2 loop
/// with prefetches, which sums larger ones. The widths reach every column path of both (64-wide
/// blocks, single vectors, half and quarter vectors, scalar tails, and heads narrower than a
/// vector); at the widest, the large graph's input is over the prefetching threshold, and its
/// many row ranges have prefetches that run past row ends, so any slot read out of order would
/// show.
@Suite("Sparse kernels: sum SpMM adds each node's messages in edge-list order, bit for bit")
struct SparseSummationOrderTests {
    let graphs: [Graph]
    init() throws {
        graphs = try sparseTestGraphs(hubDegree: 5000)
            + [sparseTestGraph(nodeCount: 8000, edgeCount: 40_000, isolated: 50, hubDegree: 20_000, seed: 12)]
    }

    /// Σ over the edges e arriving at v, in edge-list order, of w[e, h] · x[n(e), h, :], starting
    /// from 0; x is `[N, heads, headWidth]` and w `[E, heads]` (nil: weight 1).
    func ordered<S: TensorScalar>(
        _ graph: Graph, _ x: Tensor<S>, _ w: Tensor<S>?, heads: Int, _ direction: EdgeDirection
    ) -> [S] {
        let reference = DenseReference(graph: graph)
        let width = graph.nodeCount == 0 ? 0 : x.count / graph.nodeCount
        let headWidth = width / heads
        var out = [S](repeating: 0, count: x.count)
        for (v, edges) in reference.arrivals(direction).enumerated() {
            for e in edges {
                let n = reference.ends(e, direction).1
                for f in 0..<width {
                    let weight = w.map { $0.scalars[e * heads + f / headWidth] } ?? 1
                    out[v * width + f] += weight * x.scalars[n * width + f]
                }
            }
        }
        return out
    }

    func check<S: TensorScalar>(_: S.Type, heads: Int, headWidth: Int, weighted: Bool, seed: UInt64) {
        for (i, graph) in graphs.enumerated() {
            let shape = [graph.nodeCount, heads, headWidth]
            let x = Tensor<S>(shape: shape, scalars: randomTensor(shape, seed: seed + UInt64(i)).scalars.map { S($0) })
            let w = weighted
                ? Tensor<S>(
                    shape: [graph.edgeCount, heads],
                    scalars: randomTensor([graph.edgeCount, heads], in: -2...2, seed: seed + 100).scalars.map { S($0) })
                : nil
            for direction in [EdgeDirection.incoming, .outgoing] {
                let actual = spmm(graph, x, edgeWeights: w, direction: direction)
                #expect(
                    actual.scalars == ordered(graph, x, w, heads: heads, direction),
                    "graph \(i), \(heads) × \(headWidth) \(S.self), weighted \(weighted), \(direction)")
            }
        }
    }

    @Test("one head: widths from 1 to 150 in Float32 and Float64, with and without weights",
          arguments: [1, 3, 16, 17, 29, 64, 83, 150])
    func oneHead(width: Int) {
        for weighted in [false, true] {
            check(Float.self, heads: 1, headWidth: width, weighted: weighted, seed: UInt64(width))
            check(Double.self, heads: 1, headWidth: width, weighted: weighted, seed: UInt64(width))
        }
    }

    @Test("per-head weights: heads wider than 64 scalars, and heads narrower than a vector")
    func perHead() {
        check(Float.self, heads: 2, headWidth: 75, weighted: true, seed: 200)
        check(Float.self, heads: 8, headWidth: 8, weighted: true, seed: 300)
        check(Double.self, heads: 4, headWidth: 5, weighted: true, seed: 350)
        // Narrow heads making rows wider than the vector kernels sum whole.
        check(Float.self, heads: 40, headWidth: 7, weighted: true, seed: 360)
        check(Double.self, heads: 3, headWidth: 20, weighted: true, seed: 400)
    }
}
