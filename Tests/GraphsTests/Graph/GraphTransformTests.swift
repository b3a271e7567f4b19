import Graphs
import Testing

/// Each edge-list transformation against the same transformation of the dense matrix.
@Suite struct GraphTransformTests {
    @Test(arguments: [false, true])
    func coalescingSortsAndSumsParallelEdges(typed: Bool) throws {
        var graphs = RandomGraphs(seed: 21)
        for _ in 0..<50 {
            let graph = try graphs.next(typed: typed)
            let coalesced = graph.coalesced()
            #expect(DenseAdjacency(coalesced).isClose(to: DenseAdjacency(graph)))
            let keys = (0..<coalesced.edgeCount).map {
                [Int(coalesced.source[$0]), Int(coalesced.target[$0]), Int(coalesced.edgeTypes?[$0] ?? 0)]
            }
            // Strictly increasing keys: sorted and free of duplicates.
            #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
            let distinctKeys = Set((0..<graph.edgeCount).map {
                [Int(graph.source[$0]), Int(graph.target[$0]), Int(graph.edgeTypes?[$0] ?? 0)]
            })
            #expect(coalesced.edgeCount == distinctKeys.count)
        }
    }

    @Test(arguments: [false, true])
    func orderingByTargetIsAStableSortOfTheEdges(typed: Bool) throws {
        var graphs = RandomGraphs(seed: 23)
        for _ in 0..<50 {
            let graph = try graphs.next(typed: typed)
            let ordered = graph.orderedByTarget()
            // The stable sort by target of the edges with their weights and types.
            let expected = (0..<graph.edgeCount).sorted { (graph.target[$0], $0) < (graph.target[$1], $1) }
            #expect(ordered.source == expected.map { graph.source[$0] })
            #expect(ordered.target == expected.map { graph.target[$0] })
            #expect(ordered.edgeWeights == graph.edgeWeights.map { w in expected.map { w[$0] } })
            #expect(ordered.edgeTypes == graph.edgeTypes.map { t in expected.map { t[$0] } })
        }
    }

    @Test func edgesIntoNodesKeepTheirOrderAndPositions() throws {
        var graphs = RandomGraphs(seed: 24)
        for _ in 0..<50 {
            let graph = try graphs.next(typed: true)
            guard graph.nodeCount > 0 else { continue }
            // Unsorted, with a repeat: each edge into a chosen node appears once.
            let nodes = [graph.nodeCount - 1, 0, graph.nodeCount / 2, 0]
            let (selected, ids) = graph.edgesInto(nodes)
            let expected = (0..<graph.edgeCount).filter { nodes.contains(Int(graph.target[$0])) }
            #expect(ids == expected.map { Int32($0) })
            #expect(selected.nodeCount == graph.nodeCount)
            #expect(selected.source == expected.map { graph.source[$0] })
            #expect(selected.target == expected.map { graph.target[$0] })
            #expect(selected.edgeWeights == graph.edgeWeights.map { w in expected.map { w[$0] } })
            #expect(selected.edgeTypes == graph.edgeTypes.map { t in expected.map { t[$0] } })
        }
    }

    @Test func undirectedAddsTheTranspose() throws {
        var graphs = RandomGraphs(seed: 22)
        for _ in 0..<50 {
            let graph = try graphs.next()
            let dense = DenseAdjacency(graph)
            var expected = dense
            for i in 0..<dense.nodeCount {
                for j in 0..<dense.nodeCount { expected.entry[i][j] += dense.entry[j][i] }
            }
            let undirected = graph.undirected()
            #expect(DenseAdjacency(undirected).isClose(to: expected))
            let pairs = Set(zip(undirected.source, undirected.target).map { [$0, $1] })
            #expect(pairs.count == undirected.edgeCount)
            #expect(pairs.allSatisfy { pairs.contains([$0[1], $0[0]]) })
        }
    }

    @Test func unweightedGraphsStayUnweightedWhenMadeUndirected() throws {
        var graphs = RandomGraphs(seed: 23)
        for _ in 0..<20 {
            let graph = try graphs.next(weighted: false)
            let undirected = graph.undirected()
            #expect(undirected.edgeWeights == nil)
            let counts = DenseAdjacency.counts(graph)
            for i in 0..<graph.nodeCount {
                for j in 0..<graph.nodeCount {
                    let present = counts[i][j] + counts[j][i] > 0
                    let stored = (0..<undirected.edgeCount).filter { undirected.source[$0] == i && undirected.target[$0] == j }
                    #expect(stored.count == (present ? 1 : 0))
                }
            }
        }
    }

    @Test func selfLoopOperationsChangeOnlyTheDiagonal() throws {
        var graphs = RandomGraphs(seed: 24)
        for _ in 0..<50 {
            let graph = try graphs.next()
            let dense = DenseAdjacency(graph)
            let n = graph.nodeCount
            var withoutLoops = dense
            var added = dense
            var remaining = dense
            for i in 0..<n {
                withoutLoops.entry[i][i] = 0
                added.entry[i][i] += 0.5
                let lastLoop = (0..<graph.edgeCount).last { graph.source[$0] == i && graph.target[$0] == i }
                remaining.entry[i][i] = lastLoop.map { Double(graph.weight(ofEdge: $0)) } ?? 0.5
            }
            #expect(DenseAdjacency(graph.removingSelfLoops()) == withoutLoops)
            #expect(graph.removingSelfLoops().selfLoopCount == 0)
            #expect(DenseAdjacency(graph.addingSelfLoops(fillWeight: 0.5)).isClose(to: added))
            let withRemaining = graph.addingRemainingSelfLoops(fillWeight: 0.5)
            #expect(DenseAdjacency(withRemaining).isClose(to: remaining))
            #expect(withRemaining.selfLoopCount == n)
        }
    }

    @Test func addingLoopsOfWeightOneKeepsAGraphUnweighted() throws {
        let graph = try Graph(nodeCount: 3, source: [0, 1], target: [1, 2], edgeTypes: [4, 5])
        let looped = graph.addingSelfLoops(edgeType: 9)
        #expect(looped.edgeWeights == nil)
        #expect(looped.edgeTypes == [4, 5, 9, 9, 9])
        #expect(graph.addingSelfLoops(fillWeight: 2).edgeWeights == [1, 1, 2, 2, 2])
    }

    @Test func gcnNormalizationMatchesTheDenseFormula() throws {
        var graphs = RandomGraphs(seed: 25)
        for _ in 0..<50 {
            let graph = try graphs.next()
            let n = graph.nodeCount
            // Â = A with its diagonal replaced by the last loop weight, or 1 where there is none.
            var looped = DenseAdjacency(graph)
            for i in 0..<n {
                let lastLoop = (0..<graph.edgeCount).last { graph.source[$0] == i && graph.target[$0] == i }
                looped.entry[i][i] = lastLoop.map { Double(graph.weight(ofEdge: $0)) } ?? 1
            }
            let degree = (0..<n).map { j in (0..<n).reduce(0.0) { $0 + looped.entry[$1][j] } }
            var expected = looped
            for i in 0..<n {
                for j in 0..<n { expected.entry[i][j] = looped.entry[i][j] / (degree[i] * degree[j]).squareRoot() }
            }
            #expect(DenseAdjacency(graph.gcnNormalized()).isClose(to: expected))
        }
    }

    @Test(arguments: [DegreeSide.target, .source])
    func randomWalkNormalizationDividesByTheChosenDegree(side: DegreeSide) throws {
        var graphs = RandomGraphs(seed: 26)
        for _ in 0..<50 {
            let graph = try graphs.next()
            let n = graph.nodeCount
            let dense = DenseAdjacency(graph)
            var expected = dense
            for i in 0..<n {
                for j in 0..<n {
                    let degree = side == .target
                        ? (0..<n).reduce(0.0) { $0 + dense.entry[$1][j] } : dense.entry[i].reduce(0, +)
                    expected.entry[i][j] = degree == 0 ? 0 : dense.entry[i][j] / degree
                }
            }
            #expect(DenseAdjacency(graph.randomWalkNormalized(by: side)).isClose(to: expected))
        }
    }
}
