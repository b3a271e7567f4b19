import GraphGrad
import Testing
import _TestSupport

/// Inputs larger than the caches whose rows are gathered twice or more on average are copied
/// into an aligned, huge-page staging buffer before the kernel gathers from it. The copy must
/// not change a bit: sums still add each node's messages in edge-list order, max still picks
/// the same values, on 1 and 2 threads.
@Suite("Sparse kernels: products over inputs staged for gathering are unchanged, bit for bit")
struct SparseStagingTests {
    /// 20k nodes: 64 Float32 features (5 MB) already pass the staging threshold; 230k slots are
    /// gathered, over 11 per row. It has isolated nodes, self loops, duplicated edges and a hub.
    let graph: Graph
    init() throws {
        graph = try sparseTestGraph(nodeCount: 20_000, edgeCount: 200_000, isolated: 100, hubDegree: 30_000, seed: 21)
    }

    /// Σ over the edges e arriving at v, in edge-list order, of w[e, h] · x[n(e), h, :].
    func ordered<S: TensorScalar>(_ x: Tensor<S>, _ w: Tensor<S>?, heads: Int, _ direction: EdgeDirection) -> [S] {
        let reference = DenseReference(graph: graph)
        let width = x.count / graph.nodeCount, headWidth = width / heads
        var out = [S](repeating: 0, count: x.count)
        for (v, edges) in reference.arrivals(direction).enumerated() {
            for e in edges {
                let n = reference.ends(e, direction).1
                for f in 0..<width {
                    out[v * width + f] += (w.map { $0.scalars[e * heads + f / headWidth] } ?? 1) * x.scalars[n * width + f]
                }
            }
        }
        return out
    }

    func features<S: TensorScalar>(_: S.Type, _ shape: [Int], seed: UInt64) -> Tensor<S> {
        Tensor(shape: shape, scalars: randomTensor(shape, in: -2...2, seed: seed).scalars.map { S($0) })
    }

    @Test("sums: the column paths of the sum kernel, unweighted and per-head weights",
          arguments: [(1, 64, false), (1, 83, true), (8, 8, true)])
    func sums(heads: Int, headWidth: Int, weighted: Bool) {
        let x = features(Float.self, [graph.nodeCount, heads, headWidth], seed: 1)
        let w = weighted ? features(Float.self, [graph.edgeCount, heads], seed: 2) : nil
        let xd = features(Double.self, [graph.nodeCount, heads, headWidth], seed: 3)
        for direction in [EdgeDirection.incoming, .outgoing] {
            #expect(spmm(graph, x, edgeWeights: w, direction: direction).scalars == ordered(x, w, heads: heads, direction))
            #expect(spmm(graph, xd, direction: direction).scalars == ordered(xd, nil, heads: heads, direction))
        }
    }

    @Test func maximum() {
        let x = features(Float.self, [graph.nodeCount, 64], seed: 4)
        let reference = DenseReference(graph: graph)
        let messages = (0..<graph.edgeCount).map { e in
            let n = Int(graph.source[e])
            return x.scalars[(n * 64)..<((n + 1) * 64)].map(Double.init)
        }
        let expected = reference.aggregate(messages, width: 64, .max, .incoming).map(Float.init)
        #expect(spmm(graph, x, aggregation: .max).scalars == expected)
    }

    /// Changes the process-wide thread count and restores it; results never depend on it, so
    /// suites running meanwhile are unaffected.
    @Test func oneAndTwoThreads() {
        let saved = Threading.threadCount
        defer { Threading.threadCount = saved }
        let x = features(Float.self, [graph.nodeCount, 64], seed: 5).requiringGradient()
        let seed = features(Float.self, [graph.nodeCount, 64], seed: 6)
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
