import Graphs
import Tensors

/// A node-classification problem in the form training uses: the model's input (graph and
/// features), integer labels, and the labelled rows of each split.
public struct NodeClassificationData: Sendable {
    /// The dataset's name.
    public let name: String
    /// The graph and node features the model reads.
    public let input: GraphInput<Float>
    /// The class of each node, negative for unlabelled nodes.
    public let labels: [Int]
    /// Number of classes.
    public let classCount: Int
    /// Training rows, all labelled.
    public let trainRows: [Int]
    /// Labelled validation rows, at least one.
    public let validationRows: [Int]
    /// Labelled test rows (possibly none).
    public let testRows: [Int]

    /// Number of input features per node.
    public var featureCount: Int { input.features.featureCount }
    /// Number of nodes.
    public var nodeCount: Int { input.context.nodeCount }

    /// The problem of `dataset`, dividing each feature row by its sum when
    /// `normalizingFeatures`.
    ///
    /// Unlabelled validation and test nodes are left out of the splits: they can be neither
    /// scored nor used for a loss.
    ///
    /// - Throws: `TrainingDataError.noLabelledValidationNodes` when no validation node is
    ///   labelled (model selection needs one); `GraphError` when the features store more
    ///   values than an `Int32` indexes.
    public init(dataset: NodeDataset, normalizingFeatures: Bool) throws {
        let labelled = { (nodes: [Int32]) in nodes.map(Int.init).filter { dataset.labels[$0] >= 0 } }
        try self.init(
            name: dataset.name, input: GraphInput(dataset: dataset, rowNormalizingFeatures: normalizingFeatures),
            labels: dataset.labels.map(Int.init), classCount: dataset.classCount,
            trainRows: labelled(dataset.trainIndex), validationRows: labelled(dataset.validationIndex),
            testRows: labelled(dataset.testIndex))
    }

    /// A problem from its parts (a synthetic graph, for example).
    ///
    /// - Throws: `TrainingDataError` when the training split is empty, a training row is
    ///   unlabelled, or no validation row is given.
    /// - Precondition: one label per node, labels below `classCount`, rows in range.
    public init(
        name: String, input: GraphInput<Float>, labels: [Int], classCount: Int, trainRows: [Int],
        validationRows: [Int], testRows: [Int]
    ) throws(TrainingDataError) {
        let nodeCount = input.context.nodeCount
        require(labels.count == nodeCount, "\(labels.count) labels for \(nodeCount) nodes")
        require(labels.allSatisfy { $0 < classCount }, "a label is not below the class count \(classCount)")
        for row in trainRows + validationRows + testRows {
            require(row >= 0 && row < nodeCount, "split row \(row) outside 0..<\(nodeCount)")
        }
        guard !trainRows.isEmpty else { throw .noTrainingNodes(dataset: name) }
        if let row = trainRows.first(where: { labels[$0] < 0 }) {
            throw .unlabelledTrainingNode(dataset: name, node: row)
        }
        guard !validationRows.isEmpty else { throw .noLabelledValidationNodes(dataset: name) }
        self.name = name
        self.input = input
        self.labels = labels
        self.classCount = classCount
        self.trainRows = trainRows
        self.validationRows = validationRows
        self.testRows = testRows
    }
}

/// Why a dataset cannot be trained on.
public enum TrainingDataError: Error, Equatable, CustomStringConvertible {
    /// The training split is empty.
    case noTrainingNodes(dataset: String)
    /// A training node has no label.
    case unlabelledTrainingNode(dataset: String, node: Int)
    /// The validation split has no labelled node.
    case noLabelledValidationNodes(dataset: String)

    /// A sentence naming the dataset and the problem.
    public var description: String {
        switch self {
        case .noTrainingNodes(let dataset):
            return "dataset '\(dataset)' has no training nodes"
        case .unlabelledTrainingNode(let dataset, let node):
            return "dataset '\(dataset)': training node \(node) is unlabelled"
        case .noLabelledValidationNodes(let dataset):
            return "dataset '\(dataset)' has no labelled validation node; model selection and early stopping need one"
        }
    }
}
