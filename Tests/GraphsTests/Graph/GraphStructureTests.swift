import Calculus
import Graphs
import Testing

/// Subgraphs, neighbourhoods and components against reachability in the dense matrix.
@Suite struct GraphStructureTests {
    @Test func inducedSubgraphIsTheMatrixRestrictedToTheNodes() throws {
        var graphs = RandomGraphs(seed: 31)
        var generator = SplitMix64(seed: 32)
        for _ in 0..<50 {
            let graph = try graphs.next()
            let nodes = Array((0..<graph.nodeCount).shuffled(using: &generator).prefix(graph.nodeCount / 2 + 1))
                .filter { $0 < graph.nodeCount }
            let subgraph = try graph.inducedSubgraph(nodes: nodes)
            let dense = DenseAdjacency(graph)
            var expected = DenseAdjacency(nodeCount: nodes.count)
            for (i, old) in nodes.enumerated() {
                for (j, oldTarget) in nodes.enumerated() { expected.entry[i][j] = dense.entry[old][oldTarget] }
            }
            #expect(DenseAdjacency(subgraph.graph) == expected)
            #expect(subgraph.nodeIDs == nodes.map(Int32.init))
            for (i, old) in nodes.enumerated() { #expect(subgraph.newID(of: old) == i) }
            #expect(subgraph.newNodeIDs.filter { $0 >= 0 }.count == nodes.count)
            for (e, old) in subgraph.edgeIDs.enumerated() {
                #expect(graph.source[Int(old)] == subgraph.nodeIDs[Int(subgraph.graph.source[e])])
                #expect(graph.weight(ofEdge: Int(old)) == subgraph.graph.weight(ofEdge: e))
            }
        }
    }

    @Test func inducedSubgraphRejectsBadNodeSets() throws {
        let graph = try Graph(nodeCount: 4, source: [0, 1], target: [1, 2])
        #expect(throws: GraphError.nodeIndexOutOfRange(position: 1, value: 4, nodeCount: 4)) {
            try graph.inducedSubgraph(nodes: [0, 4])
        }
        #expect(throws: GraphError.duplicateNode(position: 2, value: 1)) {
            try graph.inducedSubgraph(nodes: [1, 2, 1])
        }
        #expect(throws: GraphError.nodeIndexOutOfRange(position: 0, value: -1, nodeCount: 4)) {
            try graph.kHopNeighbourhood(of: [-1], hops: 1)
        }
    }

    @Test(arguments: [HopDirection.incoming, .outgoing])
    func kHopNeighbourhoodHoldsTheNodesWithinKSteps(direction: HopDirection) throws {
        var graphs = RandomGraphs(seed: 33)
        var generator = SplitMix64(seed: 34)
        for _ in 0..<50 {
            let graph = try graphs.next()
            guard graph.nodeCount > 0 else { continue }
            let counts = DenseAdjacency.counts(graph)
            let seeds = (0..<2).map { _ in Int.random(in: 0..<graph.nodeCount, using: &generator) }
            let hops = Int.random(in: 0...3, using: &generator)
            // Breadth-first distance by repeated matrix–vector products on the boolean matrix.
            var reached = Set(seeds)
            for _ in 0..<hops {
                var next = reached
                for u in 0..<graph.nodeCount {
                    for v in reached {
                        let linked = direction == .incoming ? counts[u][v] > 0 : counts[v][u] > 0
                        if linked { next.insert(u) }
                    }
                }
                reached = next
            }
            let neighbourhood = try graph.kHopNeighbourhood(of: seeds, hops: hops, direction: direction)
            #expect(neighbourhood.nodeIDs == reached.sorted().map(Int32.init))
            #expect(neighbourhood.graph == (try graph.inducedSubgraph(nodes: reached.sorted())).graph)
        }
    }

    @Test func componentsMatchUndirectedReachability() throws {
        var graphs = RandomGraphs(seed: 35)
        for _ in 0..<50 {
            let graph = try graphs.next(maxNodes: 25)
            let n = graph.nodeCount
            let counts = DenseAdjacency.counts(graph)
            // Warshall's transitive closure of the symmetric relation.
            var linked = Array(repeating: Array(repeating: false, count: n), count: n)
            for i in 0..<n {
                for j in 0..<n { linked[i][j] = i == j || counts[i][j] > 0 || counts[j][i] > 0 }
            }
            for k in 0..<n {
                for i in 0..<n where linked[i][k] {
                    for j in 0..<n where linked[k][j] { linked[i][j] = true }
                }
            }
            let components = graph.connectedComponents()
            for i in 0..<n {
                for j in 0..<n {
                    #expect((components.componentOf[i] == components.componentOf[j]) == linked[i][j])
                }
            }
            // Ids appear in order of each component's smallest node.
            var seen: Int32 = -1
            for id in components.componentOf where id > seen {
                #expect(id == seen + 1)
                seen = id
            }
            #expect(components.sizes.reduce(0, +) == n)
            #expect(components.sizes == (0..<components.count).map { id in components.componentOf.filter { $0 == id }.count })
        }
    }
}
