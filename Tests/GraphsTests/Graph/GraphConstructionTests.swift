import Calculus
import Foundation
import Graphs
import Testing

@Suite struct GraphConstructionTests {
    @Test func rejectsEndpointsOutsideTheNodeRangeNamingTheEdge() {
        #expect(throws: GraphError.nodeOutOfRange(endpoint: "source", position: 2, value: -1, nodeCount: 3)) {
            try Graph(nodeCount: 3, source: [0, 1, -1], target: [1, 2, 0])
        }
        #expect(throws: GraphError.nodeOutOfRange(endpoint: "target", position: 1, value: 3, nodeCount: 3)) {
            try Graph(nodeCount: 3, source: [0, 1, 2], target: [1, 3, 0])
        }
    }

    @Test func rejectsMismatchedPerEdgeArrays() {
        #expect(throws: GraphError.endpointCountMismatch(sources: 2, targets: 1)) {
            try Graph(nodeCount: 3, source: [0, 1], target: [1])
        }
        #expect(throws: GraphError.perEdgeCountMismatch(array: "edgeWeights", expected: 2, got: 3)) {
            try Graph(nodeCount: 3, source: [0, 1], target: [1, 2], edgeWeights: [1, 2, 3])
        }
        #expect(throws: GraphError.perEdgeCountMismatch(array: "edgeTypes", expected: 2, got: 1)) {
            try Graph(nodeCount: 3, source: [0, 1], target: [1, 2], edgeTypes: [0])
        }
    }

    @Test func rejectsNaNWeightsAndNegativeNodeCounts() {
        #expect(throws: GraphError.nanWeight(position: 1)) {
            try Graph(nodeCount: 3, source: [0, 1], target: [1, 2], edgeWeights: [1, .nan])
        }
        #expect(throws: GraphError.negativeNodeCount(-2)) {
            try Graph(nodeCount: -2, source: [], target: [])
        }
    }

    @Test func errorDescriptionsNameThePositionAndValue() {
        let error = GraphError.nodeOutOfRange(endpoint: "target", position: 7, value: 12, nodeCount: 10)
        #expect(error.description.contains("edge 7"))
        #expect(error.description.contains("12"))
    }

    @Test func compressedRowsListEachNodesEdgesInEdgeOrder() throws {
        var graphs = RandomGraphs(seed: 11)
        for _ in 0..<50 {
            let graph = try graphs.next()
            for (adjacency, rows, columns) in [
                (graph.csr, graph.source, graph.target), (graph.csc, graph.target, graph.source),
            ] {
                #expect(adjacency.indptr.count == graph.nodeCount + 1)
                #expect(adjacency.indptr.last == graph.edgeCount)
                for node in 0..<graph.nodeCount {
                    let expectedEdges = (0..<graph.edgeCount).filter { rows[$0] == node }.map(Int32.init)
                    #expect(Array(adjacency.edges(of: node)) == expectedEdges)
                    #expect(Array(adjacency.neighbours(of: node)) == expectedEdges.map { columns[Int($0)] })
                }
            }
        }
    }

    @Test func degreesAreRowAndColumnSumsOfTheAdjacencyMatrix() throws {
        var graphs = RandomGraphs(seed: 12)
        for _ in 0..<50 {
            let graph = try graphs.next()
            let counts = DenseAdjacency.counts(graph)
            let dense = DenseAdjacency(graph)
            let n = graph.nodeCount
            #expect(graph.outDegrees == (0..<n).map { i in counts[i].reduce(0, +) })
            #expect(graph.inDegrees == (0..<n).map { j in (0..<n).reduce(0) { $0 + counts[$1][j] } })
            #expect(graph.csc.indptr.indices.dropLast().map { graph.csc.degree(of: $0) } == graph.inDegrees)
            for j in 0..<n {
                let expected = (0..<n).reduce(0.0) { $0 + dense.entry[$1][j] }
                #expect(abs(Double(graph.weightedInDegrees[j]) - expected) <= 1e-5 * max(1, expected))
            }
        }
    }

    @Test func theEmptyGraphSupportsEveryOperation() throws {
        let empty = try Graph(nodeCount: 0, source: [], target: [])
        #expect(empty.csr.indptr == [0])
        #expect(empty.csc.indices.isEmpty)
        #expect(empty.inDegrees.isEmpty)
        #expect(empty.coalesced() == empty)
        #expect(empty.undirected() == empty)
        #expect(empty.addingSelfLoops().edgeCount == 0)
        #expect(empty.gcnNormalized().edgeCount == 0)
        #expect(empty.connectedComponents().count == 0)
        #expect(try empty.inducedSubgraph(nodes: []).graph.nodeCount == 0)
        #expect(try empty.kHopNeighbourhood(of: [], hops: 2).nodeIDs.isEmpty)
    }

    @Test func aHubWithThousandsOfInEdgesKeepsExactDegrees() throws {
        var generator = SplitMix64(seed: 13)
        let hubEdges = 5_000
        let nodeCount = 200
        // Sources avoid the hub so that none of its in-edges is a self loop.
        let source = (0..<hubEdges).map { _ in Int32.random(in: 8..<Int32(nodeCount), using: &generator) }
        let graph = try Graph(nodeCount: nodeCount, source: source, target: Array(repeating: 7, count: hubEdges))
        #expect(graph.inDegrees[7] == hubEdges)
        #expect(graph.weightedInDegrees[7] == Float(hubEdges))
        #expect(Array(graph.csc.edges(of: 7)) == Array(0..<Int32(hubEdges)))
        let normalized = graph.gcnNormalized()
        let hubDegree = Float(hubEdges + 1)
        for e in 0..<normalized.edgeCount where normalized.target[e] == 7 {
            let sourceDegree: Float = normalized.source[e] == 7 ? hubDegree : 1  // only its own loop enters it
            let expected = 1 / (sourceDegree * hubDegree).squareRoot()
            #expect(abs(normalized.weight(ofEdge: e) - expected) <= 1e-6 * expected)
        }
    }

    @Test func adjacencyIsBuiltOnceUnderConcurrentAccess() async throws {
        var graphs = RandomGraphs(seed: 14)
        let graph = try graphs.next(maxNodes: 300)
        let results = await withTaskGroup(of: CompressedAdjacency.self) { group in
            for _ in 0..<16 { group.addTask { graph.csc } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let expected = try Graph(
            nodeCount: graph.nodeCount, source: graph.source, target: graph.target,
            edgeWeights: graph.edgeWeights
        ).csc
        #expect(results.allSatisfy { $0 == expected })
    }
}
