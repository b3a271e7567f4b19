import Graphs
import Tensors

/// Message passing in the shape of PyG's `MessagePassing` and NGra's SAGA-NN: scatter node
/// features onto the edges, apply a per-edge function, gather the messages at each edge's
/// target, apply a per-node function:
///
///     out[v] = update(AGG over edges e = (u → v) of message(x[u], x[v], e))
///
/// Copy and weighted messages are lowered to one fused sparse product (`spmm`), and GAT's
/// additive attention to one fused pass over each node's edges, neither of which materializes
/// the E × F messages; general messages are materialized with `gather`, the message function
/// and `scatter`. Attention messages softmax their scores over each node's in-edges
/// (`segmentSoftmax`) and then weigh the sender's features. Every lowering is differentiable
/// to any order.
///
/// **Shapes**: x `[N, F...]` → `[N, F′...]` (F′ = F for copy, weighted and attention
/// messages); edge data `[E, D...]`.
public struct MessagePassing<Scalar: TensorScalar>: Sendable {
    /// How a copy or weighted message is computed.
    public enum Lowering: Sendable {
        /// One fused sparse-dense product.
        case fused
        /// Messages materialized on the edges, then scattered: the general path, for checking
        /// the fused one.
        case materialized
    }

    /// How each node combines its incoming messages (sum, mean, max, min; attention is a sum
    /// of weighted messages).
    public var aggregation: Aggregation
    /// How copy and weighted messages are computed.
    public var lowering: Lowering

    /// A message-passing step with `aggregation`, fused where the message allows.
    public init(aggregation: Aggregation = .sum, lowering: Lowering = .fused) {
        self.aggregation = aggregation
        self.lowering = lowering
    }

    /// The aggregated messages at every node: AGG over edges u → v of `message`, which may
    /// read the edges' own data `edgeData` (`[E, D...]`, through ``EdgeView/edges``).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(
        _ x: Tensor<Scalar>, on graph: Graph, message: Message<Scalar> = .copySource, edgeData: Tensor<Scalar>? = nil
    ) -> Tensor<Scalar> {
        require(
            edgeData.map { $0.rank >= 1 && $0.shape[0] == graph.edgeCount } ?? true,
            "MessagePassing: edge data of shape \(edgeData?.shape ?? []) for a graph with \(graph.edgeCount) edges")
        switch (message, lowering) {
        case (.copySource, .fused):
            return spmm(graph, x, aggregation: aggregation)
        case (.weighted(let weights), .fused):
            return spmm(graph, x, edgeWeights: weights, aggregation: aggregation)
        case (.copySource, .materialized):
            return scatter(graph, gather(graph, x, from: .source), aggregation: aggregation)
        case (.weighted(let weights), .materialized):
            let messages = gather(graph, x, from: .source)
            let trailing = [Int](repeating: 1, count: messages.rank - weights.rank)
            return scatter(graph, messages * weights.reshaped(weights.shape + trailing), aggregation: aggregation)
        case (.attention(let scores), _):
            requireSum()
            let alpha = segmentSoftmax(graph, scores(EdgeView(graph: graph, nodes: x, edges: edgeData)))
            return self(x, on: graph, message: .weighted(alpha))
        case (.additiveAttention(let a), .fused):
            requireSum()
            return attentionAggregate(
                graph, x, sourceScores: a.sourceScores, targetScores: a.targetScores, mask: a.mask,
                negativeSlope: a.negativeSlope)
        case (.additiveAttention(let a), .materialized):
            requireSum()
            let z = sddmm(graph, source: a.sourceScores, target: a.targetScores, operation: .add)
            let alpha = segmentSoftmax(graph, z.leakyRelu(slope: a.negativeSlope))
            return self(x, on: graph, message: .weighted(a.mask.map { alpha * $0 } ?? alpha))
        case (.general(let function), _):
            return scatter(graph, function(EdgeView(graph: graph, nodes: x, edges: edgeData)), aggregation: aggregation)
        }
    }

    private func requireSum() {
        require(aggregation == .sum, "MessagePassing: attention messages are summed, not aggregated by \(aggregation)")
    }

    /// The aggregated messages passed through the per-node function `update`, which sees
    /// each node's aggregate and its own features: update(aggregate, x).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(
        _ x: Tensor<Scalar>, on graph: Graph, message: Message<Scalar> = .copySource, edgeData: Tensor<Scalar>? = nil,
        update: (_ aggregate: Tensor<Scalar>, _ x: Tensor<Scalar>) -> Tensor<Scalar>
    ) -> Tensor<Scalar> {
        update(self(x, on: graph, message: message, edgeData: edgeData), x)
    }
}
