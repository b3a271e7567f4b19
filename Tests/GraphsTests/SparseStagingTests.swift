import GraphGrad
import Testing
import _TestSupport

/// Inputs too large for the caches whose rows are gathered several times each are copied into
/// an aligned, huge-page staging buffer before the kernel gathers from it. The copy must not
/// change a bit: sums still add each node's messages in edge-list order, max still picks the
/// same values, on 1 and 2 threads.
@Suite("Sparse kernels: products over inputs staged for gathering are unchanged, bit for bit")
struct SparseStagingTests {
    /// 540k nodes: 64 Float32 features (138 MB) pass the staging threshold (128 MiB), and 2.43M
    /// slots are gathered, 4.5 per row. It has isolated nodes, self loops, duplicated edges and
    /// a hub.
    let graph: Graph
    init() throws {
        graph = try sparseTestGraph(
            nodeCount: 540_000, edgeCount: 2_400_000, isolated: 100, hubDegree: 30_000, seed: 21)
    }

    /// Σ over the edges e arriving at v, in edge-list order, of w[e, h] · x[n(e), h, :].
    func ordered(_ x: Tensor<Float>, _ w: Tensor<Float>?, heads: Int, _ direction: EdgeDirection) -> [Float] {
        let reference = DenseReference(graph: graph)
        let width = x.count / graph.nodeCount, headWidth = width / heads
        let xs = x.scalars, ws = w?.scalars
        var out = [Float](repeating: 0, count: x.count)
        for (v, edges) in reference.arrivals(direction).enumerated() {
            for e in edges {
                let n = reference.ends(e, direction).1
                for f in 0..<width {
                    out[v * width + f] += (ws?[e * heads + f / headWidth] ?? 1) * xs[n * width + f]
                }
            }
        }
        return out
    }

    func features(_ shape: [Int], seed: UInt64) -> Tensor<Float> {
        Tensor(shape: shape, scalars: randomTensor(shape, in: -2...2, seed: seed).scalars.map(Float.init))
    }

    @Test func unweightedSums() {
        let x = features([graph.nodeCount, 64], seed: 1)
        for direction in [EdgeDirection.incoming, .outgoing] {
            #expect(spmm(graph, x, direction: direction).scalars == ordered(x, nil, heads: 1, direction), "\(direction)")
        }
    }

    /// 8 heads of 8: the kernel adds whole weighted rows in place.
    @Test func perHeadWeightedSums() {
        let x = features([graph.nodeCount, 8, 8], seed: 2)
        let w = features([graph.edgeCount, 8], seed: 3)
        #expect(spmm(graph, x, edgeWeights: w).scalars == ordered(x, w, heads: 8, .incoming))
    }

    @Test func maximum() {
        let x = features([graph.nodeCount, 64], seed: 4)
        var expected = [Float](repeating: -.infinity, count: x.count)
        for e in 0..<graph.edgeCount {
            let s = Int(graph.source[e]), t = Int(graph.target[e])
            for f in 0..<64 where x.scalars[s * 64 + f] > expected[t * 64 + f] {
                expected[t * 64 + f] = x.scalars[s * 64 + f]  // the first edge wins ties, as in the kernel
            }
        }
        #expect(spmm(graph, x, aggregation: .max).scalars == expected.map { $0 == -.infinity ? 0 : $0 })
    }

    /// Changes the process-wide thread count and restores it; results never depend on it, so
    /// suites running meanwhile are unaffected.
    @Test func oneAndTwoThreads() {
        let saved = Threading.threadCount
        defer { Threading.threadCount = saved }
        let x = features([graph.nodeCount, 64], seed: 5).requiringGradient()
        let seed = features([graph.nodeCount, 64], seed: 6)
        func run() -> [Tensor<Float>] {
            let y = spmm(graph, x)
            return [y] + y.gradients(wrt: [x], seed: seed)
        }
        Threading.threadCount = 1
        let one = run()
        Threading.threadCount = 2
        #expect(run() == one)
    }
}
