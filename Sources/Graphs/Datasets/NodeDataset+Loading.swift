import Foundation

extension NodeDataset {
    /// The `.npz` keys of a dataset file: features in CSR (`features_indptr`,
    /// `features_indices`, `features_data`, `features_shape`), `edge_index` (2 × E), `labels`
    /// and the three splits.
    public static let fileKeys = [
        "features_indptr", "features_indices", "features_data", "features_shape", "edge_index", "labels",
        "train_index", "val_index", "test_index",
    ]

    /// Loads and validates a dataset file (see `fileKeys`).
    ///
    /// Integer arrays may have any integer dtype; `features_data` may be float32 or float64
    /// (rounded to Float). The class count is the largest label plus one.
    ///
    /// - Throws: `DatasetError` naming the missing key (with the keys present), the key of the
    ///   wrong dtype or shape, or the offending edge, feature, label or split entry.
    public static func load(path: String, name: String? = nil) throws(DatasetError) -> NodeDataset {
        let url = URL(fileURLWithPath: path)
        let npz: NpzFile
        do {
            npz = try NpzFile(contentsOf: url)
        } catch {
            throw .file(path: path, error: error)
        }
        return try NodeDataset(npz: npz, name: name ?? url.deletingPathExtension().lastPathComponent)
    }

    /// Builds and validates a dataset from the arrays of a dataset file.
    public init(npz: NpzFile, name: String) throws(DatasetError) {
        let reader = DatasetArrays(npz: npz)
        let shape = try reader.integers("features_shape", shape: "(2,)") { $0.count == 1 && $0[0] == 2 }
        let (rows, columns) = (shape[0], shape[1])
        let features = try SparseFeatures(
            rows: rows, columns: columns,
            rowPointers: try reader.integers("features_indptr", shape: "(\(rows + 1),)") { $0.count == 1 },
            // A column beyond Int32 is out of range anyway; clamped, it still fails the range check.
            columnIndices: try reader.integers("features_indices", shape: "(stored,)") { $0.count == 1 }.map {
                Int32(clamping: $0)
            },
            values: try reader.floats("features_data", shape: "(stored,)") { $0.count == 1 })
        let edges = try reader.integers("edge_index", shape: "(2, E)") { $0.count == 2 && $0[0] == 2 }
        let edgeCount = edges.count / 2
        for (position, node) in edges.enumerated() where node < 0 || node >= rows {
            throw .edgeOutOfRange(
                endpoint: position < edgeCount ? "source" : "target", position: position % max(edgeCount, 1),
                value: node, nodeCount: rows)
        }
        let labels = try reader.integers("labels", shape: "(\(rows),)") { $0 == [rows] }
        func split(_ key: String) throws(DatasetError) -> [Int32] {
            let nodes = try reader.integers(key, shape: "(count,)") { $0.count == 1 }
            if let position = nodes.firstIndex(where: { $0 < 0 || $0 >= rows }) {
                throw .splitIndexOutOfRange(split: key, position: position, value: nodes[position], nodeCount: rows)
            }
            return nodes.map { Int32($0) }
        }
        if let node = labels.firstIndex(where: { Int32(exactly: $0) == nil }) {
            throw .labelOutOfRange(node: node, label: labels[node], classCount: Int(Int32.max))
        }
        // Every endpoint was range-checked above.
        let graph = Graph(
            unchecked: rows, source: edges[..<edgeCount].map { Int32($0) }, target: edges[edgeCount...].map { Int32($0) },
            edgeWeights: nil, edgeTypes: nil)
        try self.init(
            name: name, graph: graph, features: features, labels: labels.map { Int32(clamping: $0) },
            classCount: (labels.max() ?? -1) + 1,
            trainIndex: try split("train_index"), validationIndex: try split("val_index"), testIndex: try split("test_index"))
    }

    /// The dataset as `.npz` arrays in the file layout (`fileKeys`), with int64 indices like
    /// the files numpy writes.
    public var npz: NpzFile {
        func int64s<T: BinaryInteger>(_ values: [T]) -> [Int64] { values.map { Int64($0) } }
        return NpzFile([
            "features_indptr": NpyArray(int64s(features.rowPointers)),
            "features_indices": NpyArray(int64s(features.columnIndices)),
            "features_data": NpyArray(features.values),
            "features_shape": NpyArray([Int64(features.rows), Int64(features.columns)]),
            "edge_index": NpyArray(int64s(graph.source + graph.target), shape: [2, graph.edgeCount]),
            "labels": NpyArray(int64s(labels)),
            "train_index": NpyArray(int64s(trainIndex)),
            "val_index": NpyArray(int64s(validationIndex)),
            "test_index": NpyArray(int64s(testIndex)),
        ])
    }

    /// Writes the dataset as a compressed `.npz` file that `load(path:)` reads back.
    public func save(to url: URL) throws(DatasetError) {
        do {
            try npz.write(to: url, compressed: true)
        } catch {
            throw .file(path: url.path, error: error)
        }
    }
}

/// Typed access to a dataset file's arrays, turning format problems into `DatasetError`s.
private struct DatasetArrays {
    let npz: NpzFile

    func array(_ key: String, shape expected: String, _ shapeIsValid: ([Int]) -> Bool) throws(DatasetError) -> NpyArray {
        guard let array = npz[key] else { throw .missingKey(key: key, present: npz.keys) }
        guard shapeIsValid(array.shape) else { throw .wrongShape(key: key, expected: expected, got: array.shape) }
        return array
    }

    func integers(_ key: String, shape: String, _ shapeIsValid: ([Int]) -> Bool) throws(DatasetError) -> [Int] {
        let array = try array(key, shape: shape, shapeIsValid)
        guard array.dtype.isInteger else { throw .wrongDType(key: key, expected: "integer", got: array.dtype) }
        do {
            return try array.ints()
        } catch {
            throw .unconvertible(key: key, error: error)
        }
    }

    func floats(_ key: String, shape: String, _ shapeIsValid: ([Int]) -> Bool) throws(DatasetError) -> [Float] {
        let array = try array(key, shape: shape, shapeIsValid)
        guard array.dtype.isFloatingPoint else { throw .wrongDType(key: key, expected: "floating-point", got: array.dtype) }
        do {
            return try array.floats(allowingPrecisionLoss: true)
        } catch {
            throw .unconvertible(key: key, error: error)
        }
    }
}
