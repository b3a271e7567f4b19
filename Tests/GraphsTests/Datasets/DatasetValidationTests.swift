import Calculus
import Foundation
import Graphs
import Testing

/// Each `DatasetError` from a file written with one defect into a temporary folder.
@Suite struct DatasetValidationTests {
    /// A small valid dataset: 12 nodes, 3 classes, random edges and features.
    static func validDataset(seed: UInt64 = 61) throws -> NodeDataset {
        var generator = SplitMix64(seed: seed)
        let nodeCount = 12
        let source = (0..<30).map { _ in Int32.random(in: 0..<12, using: &generator) }
        let target = (0..<30).map { _ in Int32.random(in: 0..<12, using: &generator) }
        let dense = (0..<nodeCount * 5).map { _ in Bool.random(using: &generator) ? Float.random(in: -1...1, using: &generator) : 0 }
        return try NodeDataset(
            name: "small", graph: try Graph(nodeCount: nodeCount, source: source, target: target),
            features: try SparseFeatures(dense: dense, rows: nodeCount, columns: 5),
            labels: (0..<nodeCount).map { Int32($0 % 3) }, classCount: 3,
            trainIndex: [0, 1, 2], validationIndex: [3, 4, 5], testIndex: [6, 7, 8, 9])
    }

    /// Loads the valid dataset's file after `change` edits its arrays.
    private func load(after change: (inout NpzFile) -> Void) throws -> NodeDataset {
        var npz = try Self.validDataset().npz
        change(&npz)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("dataset.npz")
        try npz.write(to: url)
        return try NodeDataset.load(path: url.path)
    }

    @Test func savedDatasetsLoadBackEqual() throws {
        let dataset = try Self.validDataset()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try dataset.save(to: folder.file("small.npz"))
        #expect(try NodeDataset.load(path: folder.file("small.npz").path) == dataset)
    }

    @Test func missingKeysListThePresentOnes() {
        #expect(throws: DatasetError.missingKey(key: "labels", present: NodeDataset.fileKeys.filter { $0 != "labels" }.sorted())) {
            try load { $0["labels"] = nil }
        }
    }

    @Test func wrongDTypesAndShapesNameTheKey() {
        #expect(throws: DatasetError.wrongDType(key: "labels", expected: "integer", got: .float32)) {
            try load { $0["labels"] = NpyArray([Float](repeating: 0, count: 12)) }
        }
        #expect(throws: DatasetError.wrongDType(key: "features_data", expected: "floating-point", got: .int32)) {
            try load { $0["features_data"] = NpyArray([Int32](repeating: 1, count: $0["features_data"]?.count ?? 0)) }
        }
        #expect(throws: DatasetError.wrongShape(key: "edge_index", expected: "(2, E)", got: [3, 2])) {
            try load { $0["edge_index"] = NpyArray([0, 1, 2, 3, 4, 5] as [Int64], shape: [3, 2]) }
        }
        #expect(throws: DatasetError.wrongShape(key: "labels", expected: "(12,)", got: [11])) {
            try load { $0["labels"] = NpyArray([Int64](repeating: 0, count: 11)) }
        }
    }

    @Test func edgesOutsideTheNodeRangeNameTheirPosition() {
        #expect(throws: DatasetError.edgeOutOfRange(endpoint: "target", position: 1, value: 12, nodeCount: 12)) {
            try load { $0["edge_index"] = NpyArray([0, 1, 2, 12] as [Int64], shape: [2, 2]) }
        }
        #expect(throws: DatasetError.edgeOutOfRange(endpoint: "source", position: 0, value: -1, nodeCount: 12)) {
            try load { $0["edge_index"] = NpyArray([-1, 1, 2, 3] as [Int64], shape: [2, 2]) }
        }
    }

    @Test func badFeaturesNameTheRowAndColumn() throws {
        let features = try Self.validDataset().features
        let row = try #require((0..<features.rows).first { features.rowPointers[$0 + 1] > features.rowPointers[$0] })
        let position = features.rowPointers[row]
        let column = Int(features.columnIndices[position])
        for bad in [Float.nan, .infinity] {
            do {
                _ = try load {
                    var values = features.values
                    values[position] = bad
                    $0["features_data"] = NpyArray(values)
                }
                Issue.record("a \(bad) feature was accepted")
            } catch let error as DatasetError {
                guard case .nonFiniteFeature(row, column, _) = error else {
                    Issue.record("\(error)")
                    continue
                }
            }
        }
        #expect(throws: DatasetError.featureColumnOutOfRange(row: row, position: position, value: 5, columns: 5)) {
            try load {
                var columns = features.columnIndices.map(Int64.init)
                columns[position] = 5
                $0["features_indices"] = NpyArray(columns)
            }
        }
        #expect(throws: DatasetError.self) {
            try load { $0["features_indptr"] = NpyArray(features.rowPointers.reversed().map(Int64.init)) }
        }
    }

    @Test func labelsOutsideTheClassesAreRejectedUnlessUnlabelledOffTraining() throws {
        let valid = try Self.validDataset()
        func rebuilt(labels: [Int32], classCount: Int = 3, train: [Int32] = [0, 1, 2]) throws -> NodeDataset {
            try NodeDataset(
                name: "x", graph: valid.graph, features: valid.features, labels: labels, classCount: classCount,
                trainIndex: train, validationIndex: valid.validationIndex, testIndex: valid.testIndex)
        }
        var labels = valid.labels
        labels[7] = 3
        #expect(throws: DatasetError.labelOutOfRange(node: 7, label: 3, classCount: 3)) { try rebuilt(labels: labels) }
        labels[7] = -1
        #expect(try rebuilt(labels: labels).labels[7] == -1)
        labels[1] = -1
        #expect(throws: DatasetError.unlabelledTrainingNode(node: 1, label: -1)) { try rebuilt(labels: labels) }
        #expect(throws: DatasetError.noTrainingNodes) { try rebuilt(labels: valid.labels, train: []) }
    }

    @Test func badSplitsNameTheNodeAndTheSplits() {
        #expect(throws: DatasetError.splitIndexOutOfRange(split: "val_index", position: 1, value: 40, nodeCount: 12)) {
            try load { $0["val_index"] = NpyArray([3, 40] as [Int64]) }
        }
        #expect(throws: DatasetError.overlappingSplits(node: 2, first: "train_index", second: "test_index")) {
            try load { $0["test_index"] = NpyArray([6, 2] as [Int64]) }
        }
        #expect(throws: DatasetError.duplicateInSplit(split: "val_index", node: 4)) {
            try load { $0["val_index"] = NpyArray([4, 5, 4] as [Int64]) }
        }
        #expect(throws: DatasetError.noTrainingNodes) {
            try load { $0["train_index"] = NpyArray([Int64]()) }
        }
    }

    @Test func unreadableFilesNameThePath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("broken.npz")
        try Data("not a zip".utf8).write(to: url)
        do {
            _ = try NodeDataset.load(path: url.path)
            Issue.record("a broken file was accepted")
        } catch {
            guard case .file(let path, .corruptArchive) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(path == url.path)
        }
    }

    @Test func sparseFeaturesMatchTheirDenseForm() throws {
        var generator = SplitMix64(seed: 62)
        for _ in 0..<20 {
            let rows = Int.random(in: 0...6, using: &generator)
            let columns = Int.random(in: 0...6, using: &generator)
            let dense = (0..<rows * columns).map { _ in
                Int.random(in: 0..<3, using: &generator) == 0 ? Float.random(in: -2...2, using: &generator) : 0
            }
            let features = try SparseFeatures(dense: dense, rows: rows, columns: columns)
            #expect(features.dense() == dense)
            #expect(features.storedCount == dense.filter { $0 != 0 }.count)
        }
    }
}
