import Graphs
import Tensors

/// What a node classifier reads: a graph (in a ``GraphContext`` that caches its
/// normalizations) and the input features of its nodes.
///
/// Both are fixed for the life of the input, so models may cache what they derive from the
/// features alone (SGC's propagated features) under ``memoized(_:_:)``.
public final class GraphInput<Scalar: TensorScalar>: Sendable {
    /// The graph and its cached propagation operators.
    public let context: GraphContext<Scalar>
    /// The input features, one row per node; constants (not on the tape).
    public let features: NodeFeatures<Scalar>
    private let memo = Memo()

    /// Pairs `features` with the graph of `context`.
    ///
    /// - Precondition: one feature row per node.
    public init(context: GraphContext<Scalar>, features: NodeFeatures<Scalar>) {
        require(
            features.nodeCount == context.nodeCount,
            "\(features.nodeCount) feature rows for a graph with \(context.nodeCount) nodes")
        self.context = context
        self.features = features
    }

    /// Pairs `features` with `graph` in a fresh context.
    public convenience init(graph: Graph, features: NodeFeatures<Scalar>) {
        self.init(context: GraphContext(graph), features: features)
    }

    /// The graph and sparse features of `dataset`, with each feature row divided by its sum
    /// when `rowNormalizingFeatures` (Kipf & Welling's preprocessing).
    ///
    /// - Throws: `GraphError.tooManyEdges` when the features store more values than an
    ///   `Int32` can index.
    public convenience init(dataset: NodeDataset, rowNormalizingFeatures: Bool) throws(GraphError) {
        let features = try SparseMatrix<Scalar>(dataset.features)
        self.init(graph: dataset.graph, features: .sparse(rowNormalizingFeatures ? features.rowNormalized() : features))
    }

    /// The graph.
    public var graph: Graph { context.graph }

    /// The value stored under `key`, built by `build` on the first request (without
    /// recording on the tape: it must depend on the graph and features only).
    public func memoized<Value>(_ key: String, _ build: () -> Value) -> Value {
        memo.value(key) { withoutGradients(build) }
    }
}
