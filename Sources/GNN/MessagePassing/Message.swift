import Graphs
import Tensors

/// The per-edge function of message passing: what edge u → v sends to v.
public enum Message<Scalar: TensorScalar> {
    /// m_e = x[u]: the sender's features.
    case copySource
    /// m_e = w_e · x[u], with one weight per edge (`[E]`) or per edge and head (`[E, H]`
    /// scaling the head axis of `[N, H, F]` features): normalized adjacencies and attention.
    case weighted(Tensor<Scalar>)
    /// m_e = α_e · x[u] with α_e the softmax, over the edges into v, of the scores `[E]` or
    /// `[E, H]` that the function computes from the edge's endpoints and data: an
    /// attention-weighted gather (the aggregation must be `.sum`; the weights already sum to 1).
    case attention((EdgeView<Scalar>) -> Tensor<Scalar>)
    /// GAT's additive attention, m_e = α_e · mask_e · x[u, h] with α the softmax over the
    /// edges into v of LeakyReLU(s[u, h] + t[v, h]): fused into one pass over each node's
    /// edges (``attentionAggregate(_:_:sourceScores:targetScores:mask:negativeSlope:)``), or
    /// through `.attention` and `.weighted` when materialized. Features `[N, H, F]`.
    case additiveAttention(AdditiveAttention<Scalar>)
    /// Any differentiable function of the edge's endpoints and data, returning `[E, F′...]`:
    /// its messages are materialized, E rows of them.
    case general((EdgeView<Scalar>) -> Tensor<Scalar>)
}

/// The node-level halves of additive attention scores, z_e = s[u, h] + t[v, h].
public struct AdditiveAttention<Scalar: TensorScalar> {
    /// s, the senders' halves, `[N, H]`.
    public var sourceScores: Tensor<Scalar>
    /// t, the receivers' halves, `[N, H]`.
    public var targetScores: Tensor<Scalar>
    /// Attention dropout: 0 or 1 / keep per edge and head, `[E, H]`; nil for none.
    public var mask: Tensor<Scalar>?
    /// LeakyReLU's slope for negative scores.
    public var negativeSlope: Scalar

    /// Scores s[u] + t[v] through LeakyReLU with `negativeSlope`, optionally masked.
    public init(sourceScores: Tensor<Scalar>, targetScores: Tensor<Scalar>, mask: Tensor<Scalar>? = nil, negativeSlope: Scalar = 0.2) {
        self.sourceScores = sourceScores
        self.targetScores = targetScores
        self.mask = mask
        self.negativeSlope = negativeSlope
    }
}

/// The features seen from the edges, for a general message function (PyG's `x_j`, `x_i` and
/// `edge_attr`).
public struct EdgeView<Scalar: TensorScalar> {
    /// The graph whose edges carry the messages.
    public let graph: Graph
    /// The node features, `[N, F...]`.
    public let nodes: Tensor<Scalar>
    /// The edges' own data, `[E, D...]` in the graph's edge order; nil when none was given.
    public let edges: Tensor<Scalar>?

    /// The sender's features on every edge (x_j): `[E, F...]`.
    public var source: Tensor<Scalar> { gather(graph, nodes, from: .source) }
    /// The receiver's features on every edge (x_i): `[E, F...]`.
    public var target: Tensor<Scalar> { gather(graph, nodes, from: .target) }
}
