/// A node-classification dataset: a graph, a feature row and a label per node, and the
/// train/validation/test split of the nodes.
public struct NodeDataset: Sendable, Equatable {
    /// A short name (the bundled name, or the file name it was loaded from).
    public let name: String
    /// The graph; edges are directed (undirected datasets store both directions).
    public let graph: Graph
    /// One feature row per node.
    public let features: SparseFeatures
    /// The class of each node in `0..<classCount`, or a negative value for unlabelled nodes.
    public let labels: [Int32]
    /// Number of classes.
    public let classCount: Int
    /// Nodes whose labels the model trains on.
    public let trainIndex: [Int32]
    /// Nodes for model selection.
    public let validationIndex: [Int32]
    /// Nodes for the final evaluation.
    public let testIndex: [Int32]

    /// Number of nodes.
    public var nodeCount: Int { graph.nodeCount }

    /// A dataset after validating it (see `DatasetError`): one feature row and one label per
    /// node, labels below `classCount`, split entries that are node indices, no node twice in a
    /// split or in two splits, and a nonempty training split whose nodes are all labelled.
    public init(
        name: String, graph: Graph, features: SparseFeatures, labels: [Int32], classCount: Int,
        trainIndex: [Int32], validationIndex: [Int32], testIndex: [Int32]
    ) throws(DatasetError) {
        try NodeDataset.validate(
            graph: graph, features: features, labels: labels, classCount: classCount,
            splits: [("train_index", trainIndex), ("val_index", validationIndex), ("test_index", testIndex)])
        self.name = name
        self.graph = graph
        self.features = features
        self.labels = labels
        self.classCount = classCount
        self.trainIndex = trainIndex
        self.validationIndex = validationIndex
        self.testIndex = testIndex
    }
}
