import Foundation
import Graphs
import Testing

@Suite struct BundledDatasetTests {
    @Test func coraHasItsPublishedStatistics() throws {
        let cora = try NodeDataset.load(named: "cora")
        #expect(cora.nodeCount == 2708)
        #expect(cora.graph.edgeCount == 10556)
        #expect(cora.features.columns == 1433)
        #expect(cora.classCount == 7)
        #expect(cora.trainIndex.count == 140)
        #expect(cora.validationIndex.count == 500)
        #expect(cora.testIndex.count == 1000)
        // The Planetoid split: 20 training nodes per class.
        let trainingClasses = Dictionary(grouping: cora.trainIndex) { cora.labels[Int($0)] }.mapValues(\.count)
        #expect(trainingClasses == Dictionary(uniqueKeysWithValues: (0..<7).map { (Int32($0), 20) }))
        // Stored undirected: every edge has its reverse, and none repeats.
        #expect(cora.graph.undirected().edgeCount == cora.graph.edgeCount)
    }

    @Test(.enabled(if: Python.hasNumPy, "needs python3 with numpy"))
    func coraMatchesWhatNumPyReads() throws {
        let cora = try NodeDataset.load(named: "cora")
        // The same file in the source tree, read by numpy: checksums of every array.
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Sources/Graphs/Resources/Datasets/cora.npz").standardized
        let script = """
            import sys, numpy as np
            d = np.load(sys.argv[1])
            n = int(d['features_shape'][0])
            e = d['edge_index'].astype(np.int64)
            print(int((e[0] * n + e[1]).sum()), int(d['features_indptr'].sum()), int(d['features_indices'].sum()),
                  repr(float(d['features_data'].astype(np.float64).sum())),
                  ' '.join(map(str, np.bincount(d['labels']))),
                  int(d['train_index'].sum()), int(d['val_index'].sum()), int(d['test_index'].sum()))
            """
        let result = try Python.run(script: script, arguments: [file.path])
        try #require(result.status == 0, "\(result.output)")
        let n = cora.nodeCount
        let edgeChecksum = zip(cora.graph.source, cora.graph.target).reduce(0) { $0 + Int($1.0) * n + Int($1.1) }
        let histogram = (0..<cora.classCount).map { c in cora.labels.filter { $0 == c }.count }
        let sum = { (nodes: [Int32]) in nodes.reduce(0) { $0 + Int($1) } }
        let fields: [String] = [
            "\(edgeChecksum)", "\(cora.features.rowPointers.reduce(0, +))",
            "\(cora.features.columnIndices.reduce(0) { $0 + Int($1) })",
            "\(cora.features.values.reduce(0.0) { $0 + Double($1) })",
            histogram.map(String.init).joined(separator: " "),
            "\(sum(cora.trainIndex))", "\(sum(cora.validationIndex))", "\(sum(cora.testIndex))",
        ]
        #expect(fields.joined(separator: " ") == result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func karateIsZacharysClub() throws {
        let karate = try NodeDataset.load(named: "karate")
        #expect(karate.nodeCount == 34)
        #expect(karate.graph.edgeCount == 156)
        #expect(karate.graph.undirected() == karate.graph)
        #expect(karate.graph.selfLoopCount == 0)
        #expect(karate.classCount == 2)
        #expect(karate.trainIndex == [0, 33])
        #expect(karate.labels[0] == 0 && karate.labels[33] == 1)
        // The instructor (0) and the administrator (33) are the two hubs of the network.
        #expect(karate.graph.inDegrees[0] == 16)
        #expect(karate.graph.inDegrees[33] == 17)
        #expect(karate.features.dense() == (0..<34 * 34).map { $0 % 35 == 0 ? 1 : 0 })
        #expect(karate.graph.connectedComponents().count == 1)
        #expect(Set(karate.trainIndex + karate.validationIndex + karate.testIndex).count == 34)
    }

    @Test(.enabled(if: Python.hasNetworkX, "needs python3 with networkx"))
    func karateMatchesNetworkX() throws {
        let karate = try NodeDataset.load(named: "karate")
        let script = """
            import networkx as nx
            g = nx.karate_club_graph()
            print(' '.join('0' if g.nodes[n]['club'] == 'Mr. Hi' else '1' for n in sorted(g.nodes())))
            print(' '.join(f'{u}-{v}' for u, v in sorted(set(g.edges()) | {(v, u) for u, v in g.edges()})))
            """
        let result = try Python.run(script: script, arguments: [])
        try #require(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(karate.labels.map(String.init).joined(separator: " ") == lines[0])
        let edges = zip(karate.graph.source, karate.graph.target).map { "\($0)-\($1)" }
        #expect(edges.joined(separator: " ") == lines[1])
    }

    @Test func unknownNamesListTheBundledOnes() {
        #expect(throws: DatasetError.unknownDataset(name: "citeseer", available: ["cora", "karate"])) {
            try NodeDataset.load(named: "citeseer")
        }
    }
}
