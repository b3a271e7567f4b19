import Graphs
import Tensors

/// A graph with one propagation weight per edge as a tensor: a sparse operator P, applied to
/// node features as P·x = `spmm(graph, x, edgeWeights: weights)`.
public struct WeightedGraph<Scalar: TensorScalar>: Sendable {
    /// The edges.
    public let graph: Graph
    /// One weight per edge, `[E]`.
    public let weights: Tensor<Scalar>

    /// Pairs `graph` with `weights`.
    ///
    /// - Precondition: `weights` has shape `[graph.edgeCount]`.
    public init(graph: Graph, weights: Tensor<Scalar>) {
        require(weights.shape == [graph.edgeCount], "weights of shape \(weights.shape) for \(graph.edgeCount) edges")
        self.graph = graph
        self.weights = weights
    }

    /// The graph with its stored `edgeWeights` (1 for an unweighted graph) as a tensor.
    public init(weightsOf graph: Graph) {
        let weights = graph.edgeWeights.map { $0.map { Scalar($0) } } ?? [Scalar](repeating: 1, count: graph.edgeCount)
        self.init(graph: graph, weights: Tensor(shape: [graph.edgeCount], scalars: weights))
    }

    /// P·x: out[v] = Σ over edges u → v of w_e · x[u], as weighted messages (one fused
    /// sparse product).
    ///
    /// **Shapes**: x `[N, F...]` → `[N, F...]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func propagate(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        MessagePassing(aggregation: .sum)(x, on: graph, message: .weighted(weights))
    }
}
