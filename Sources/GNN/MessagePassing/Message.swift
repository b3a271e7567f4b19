import Graphs
import Tensors

/// The per-edge function of message passing: what edge u → v sends to v.
public enum Message<Scalar: TensorScalar> {
    /// m_e = x[u]: the sender's features.
    case copySource
    /// m_e = w_e · x[u], with one weight per edge (`[E]`) or per edge and head (`[E, H]`
    /// scaling the head axis of `[N, H, F]` features): normalized adjacencies and attention.
    case weighted(Tensor<Scalar>)
    /// Any differentiable function of the edge's endpoints, returning `[E, F′...]`: its
    /// messages are materialized, E rows of them.
    case general((EdgeView<Scalar>) -> Tensor<Scalar>)
}

/// The features seen from the edges, for a general message function (PyG's `x_j`, `x_i`).
public struct EdgeView<Scalar: TensorScalar> {
    /// The graph whose edges carry the messages.
    public let graph: Graph
    /// The node features, `[N, F...]`.
    public let nodes: Tensor<Scalar>

    /// The sender's features on every edge (x_j): `[E, F...]`.
    public var source: Tensor<Scalar> { gather(graph, nodes, from: .source) }
    /// The receiver's features on every edge (x_i): `[E, F...]`.
    public var target: Tensor<Scalar> { gather(graph, nodes, from: .target) }
}
