extension NodeDataset {
    /// Checks the cross-array invariants; each split is named by its file key in errors.
    static func validate(
        graph: Graph, features: SparseFeatures, labels: [Int32], classCount: Int, splits: [(String, [Int32])]
    ) throws(DatasetError) {
        let nodeCount = graph.nodeCount
        guard features.rows == nodeCount else {
            throw .wrongShape(key: "features_shape", expected: "(\(nodeCount), columns)", got: [features.rows, features.columns])
        }
        guard labels.count == nodeCount else {
            throw .wrongShape(key: "labels", expected: "(\(nodeCount),)", got: [labels.count])
        }
        for (node, label) in labels.enumerated() where Int(label) >= classCount {
            throw .labelOutOfRange(node: node, label: Int(label), classCount: classCount)
        }
        // The split each node belongs to, to find duplicates and overlaps in one pass.
        var splitOf = [Int8](repeating: -1, count: nodeCount)
        for (splitNumber, (split, nodes)) in splits.enumerated() {
            for (position, node) in nodes.enumerated() {
                guard node >= 0, Int(node) < nodeCount else {
                    throw .splitIndexOutOfRange(split: split, position: position, value: Int(node), nodeCount: nodeCount)
                }
                let previous = Int(splitOf[Int(node)])
                if previous == splitNumber { throw .duplicateInSplit(split: split, node: Int(node)) }
                if previous >= 0 { throw .overlappingSplits(node: Int(node), first: splits[previous].0, second: split) }
                splitOf[Int(node)] = Int8(splitNumber)
            }
        }
        guard let training = splits.first?.1, !training.isEmpty else { throw .noTrainingNodes }
        for node in training where labels[Int(node)] < 0 {
            throw .unlabelledTrainingNode(node: Int(node), label: Int(labels[Int(node)]))
        }
    }
}
