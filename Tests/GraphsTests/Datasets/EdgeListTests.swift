import Calculus
import Foundation
import Graphs
import Testing

@Suite struct EdgeListTests {
    @Test func csvWithHeaderWeightsAndStringIDs() throws {
        let text = "source,target,weight\nalice, bob ,1.5\nbob,carol,2\n\n# a comment\ncarol,alice,-0.25\n"
        let list = try EdgeListReader.parse(text)
        #expect(list.nodeIDs.ids == ["alice", "bob", "carol"])
        #expect(list.graph.source == [0, 1, 2])
        #expect(list.graph.target == [1, 2, 0])
        #expect(list.graph.edgeWeights == [1.5, 2, -0.25])
        #expect(list.nodeIDs.index(of: "carol") == 2)
        #expect(list.nodeIDs.id(of: 1) == "bob")
    }

    @Test func whitespaceSeparatedIntegerIDsWithComments() throws {
        let text = "% matrix-market style comment\n0 3\n3\t1\n  2   0  \n"
        let list = try EdgeListReader.parse(text, format: EdgeListFormat(nodeIDs: .integers))
        #expect(list.graph.nodeCount == 4)
        #expect(list.graph.source == [0, 3, 2])
        #expect(list.graph.target == [3, 1, 0])
        #expect(list.graph.edgeWeights == nil)
    }

    @Test func headersAreDetectedOrForced() throws {
        #expect(try EdgeListReader.parse("src\tdst\na\tb\n").graph.edgeCount == 1)
        #expect(try EdgeListReader.parse("from to\n1 2\n", format: .init(nodeIDs: .integers)).graph.edgeCount == 1)
        #expect(try EdgeListReader.parse("a,b,w\nx,y,3\n").graph.edgeCount == 1)
        // Without a recognisable header the first line is an edge, unless the format says so.
        #expect(try EdgeListReader.parse("alice,bob\nbob,carol\n").graph.edgeCount == 2)
        #expect(try EdgeListReader.parse("alice,bob\nbob,carol\n", format: .init(header: .present)).graph.edgeCount == 1)
        #expect(try EdgeListReader.parse("source,target\n", format: .init(header: .absent)).nodeIDs.ids == ["source", "target"])
    }

    @Test func errorsNameTheLine() {
        #expect(throws: EdgeListError.wrongFieldCount(line: 4, expected: 2, got: 3)) {
            try EdgeListReader.parse("# c\na,b\nb,c\nc,d,e\n")
        }
        #expect(throws: EdgeListError.wrongFieldCount(line: 3, expected: 3, got: 2)) {
            try EdgeListReader.parse("source,target,weight\na,b,1\nb,c\n")
        }
        #expect(throws: EdgeListError.badWeight(line: 3, field: "heavy")) {
            try EdgeListReader.parse("a b 1\nb c 2\nc d heavy\n")
        }
        #expect(throws: EdgeListError.badWeight(line: 1, field: "nan")) {
            try EdgeListReader.parse("a b nan\n", format: .init(header: .absent))
        }
        #expect(throws: EdgeListError.badNodeID(line: 2, field: "-4")) {
            try EdgeListReader.parse("1 2\n-4 2\n", format: .init(nodeIDs: .integers))
        }
        #expect(throws: EdgeListError.wrongFieldCount(line: 1, expected: 3, got: 4)) {
            try EdgeListReader.parse("1 2 3 4\n")
        }
    }

    @Test(arguments: [Character(","), "\t", " "])
    func writtenListsReadBackToTheSameGraph(delimiter: Character) throws {
        var graphs = RandomGraphs(seed: 71)
        for weighted in [false, true] {
            for _ in 0..<10 {
                let graph = try graphs.next(weighted: weighted)
                var names = NodeIDMap()
                for node in 0..<graph.nodeCount { _ = names.index(inserting: "node-\(node * 7 % 13)-\(node)") }
                let folder = try TemporaryFolder()
                defer { folder.remove() }
                let url = folder.file("edges.txt")
                try EdgeListWriter.write(graph, nodeIDs: names, to: url, delimiter: delimiter)
                let list = try EdgeListReader.read(contentsOf: url)
                // Isolated nodes do not appear in an edge list; renumbering follows first appearance.
                #expect(list.graph.edgeCount == graph.edgeCount)
                for e in 0..<graph.edgeCount {
                    #expect(list.nodeIDs.id(of: Int(list.graph.source[e])) == names.id(of: Int(graph.source[e])))
                    #expect(list.nodeIDs.id(of: Int(list.graph.target[e])) == names.id(of: Int(graph.target[e])))
                }
                #expect(list.graph.edgeWeights == graph.edgeWeights)
            }
        }
    }

    @Test func writingRejectsNamesContainingTheDelimiter() throws {
        var names = NodeIDMap()
        _ = names.index(inserting: "a,b")
        _ = names.index(inserting: "c")
        let graph = try Graph(nodeCount: 2, source: [0], target: [1])
        #expect(throws: EdgeListError.self) { try EdgeListWriter.text(of: graph, nodeIDs: names) }
        #expect(try EdgeListWriter.text(of: graph, nodeIDs: names, delimiter: "\t", header: false) == "a,b\tc\n")
    }

    @Test func nodeArraysRoundTripThroughNpy() throws {
        var generator = SplitMix64(seed: 72)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let values = (0..<15).map { _ in Float.random(in: -3...3, using: &generator) }
        try NodeArrayFiles.saveMatrix(values, rows: 5, columns: 3, to: folder.file("embeddings.npy"))
        let loaded = try NodeArrayFiles.loadMatrix(from: folder.file("embeddings.npy"))
        #expect(loaded.values == values && loaded.rows == 5 && loaded.columns == 3)
        let predictions = (0..<9).map { _ in Int32.random(in: 0..<4, using: &generator) }
        try NodeArrayFiles.saveLabels(predictions, to: folder.file("predictions.npy"))
        #expect(try NodeArrayFiles.loadLabels(from: folder.file("predictions.npy")) == predictions)
        #expect(throws: NpyError.unexpectedShape(expected: "(rows, columns)", got: [9])) {
            try NodeArrayFiles.loadMatrix(from: folder.file("predictions.npy"))
        }
    }
}
