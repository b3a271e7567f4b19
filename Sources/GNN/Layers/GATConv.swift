import Calculus
import Graphs
import NN
import Tensors

/// The graph attention layer of Veličković et al. (PyG's `GATConv`), with H heads:
///
///     h = X·W  (viewed [N, H, F]),   e_ij = LeakyReLU_0.2(⟨a_src, h_j⟩ + ⟨a_dst, h_i⟩)
///     α_ij = softmax over j ∈ N(i) ∪ {i} of e_ij,   then dropout on α in training
///     x′_i = ‖ over heads (or the mean over heads) of Σ_j α_ij h_j   + b
///
/// Self loops are made exactly one per node, like PyG (cached in the context). Both score
/// halves come from one product of h with a block-diagonal matrix of a_src and a_dst; the
/// scores, softmax, dropout and weighted sum are ``MessagePassing``'s additive-attention
/// message, fused into one pass over each node's in-edges: no E × F messages are materialized.
///
/// **Shapes**: x `[N, inputs]` (dense or sparse) → `[N, H·outputs]` when concatenating,
/// `[N, outputs]` when averaging.
public final class GATConv<Scalar: TensorScalar>: GraphLayer {
    /// W, `[inputs, H·outputs]` (Glorot), without bias.
    public let linear: Linear<Scalar>
    /// a_src, `[H, outputs]` (Glorot).
    public let attentionSource: Parameter<Scalar>
    /// a_dst, `[H, outputs]` (Glorot).
    public let attentionTarget: Parameter<Scalar>
    /// b, `[H·outputs]` when concatenating, else `[outputs]` (zeros).
    public let bias: Parameter<Scalar>
    /// Dropout on the attention coefficients.
    public let attentionDropout: Dropout<Scalar>
    /// Number of heads H.
    public let heads: Int
    /// Whether heads are concatenated (true) or averaged.
    public let concatenatesHeads: Bool
    /// The LeakyReLU slope of the scores.
    public let negativeSlope: Scalar
    /// Whether attention dropout is active.
    public var isTraining = true
    /// 0/1 masks `[H·F, 2H]` placing head h's rows of the flattened features against column h
    /// (source) and column H + h (target), for ``scoreProjection``.
    private let sourceMask: Tensor<Scalar>
    private let targetMask: Tensor<Scalar>
    /// The edges into the rows last computed alone, with their positions among all edges.
    private let selection = LastRowsMemo<(graph: Graph, edgeIDs: [Int32])>()

    /// A layer from `inputSize` features to `heads` heads of `outputSize`, initialized from
    /// `generator`; attention dropout masks come from a generator seeded from it too.
    public init(
        inputSize: Int, outputSize: Int, heads: Int = 1, concatenatesHeads: Bool = true, attentionDropout: Double = 0,
        negativeSlope: Scalar = 0.2, using generator: inout some RandomNumberGenerator
    ) {
        linear = Linear(inputSize: inputSize, outputSize: heads * outputSize, bias: false, using: &generator)
        attentionSource = Parameter(Tensor.glorotUniform([heads, outputSize], using: &generator))
        attentionTarget = Parameter(Tensor.glorotUniform([heads, outputSize], using: &generator))
        bias = Parameter(Tensor.zeros([concatenatesHeads ? heads * outputSize : outputSize]))
        self.attentionDropout = Dropout(probability: attentionDropout, seed: generator.next())
        self.heads = heads
        self.concatenatesHeads = concatenatesHeads
        self.negativeSlope = negativeSlope
        let rows = heads * outputSize
        func mask(columnOffset: Int) -> Tensor<Scalar> {
            Tensor(shape: [rows, 2 * heads], scalars: (0..<rows * 2 * heads).map { index in
                index % (2 * heads) == columnOffset + index / (2 * heads) / outputSize ? 1 : 0
            })
        }
        sourceMask = mask(columnOffset: 0)
        targetMask = mask(columnOffset: heads)
    }

    /// The block-diagonal `[H·F, 2H]` matrix holding a_src and a_dst, so that one product
    /// with the flattened features gives every head's source and target scores (a GEMM
    /// instead of a broadcast multiply and a reduction over N·H·F elements).
    private var scoreProjection: Tensor<Scalar> {
        let rows = sourceMask.shape[0]
        return attentionSource.value.reshaped([rows, 1]) * sourceMask + attentionTarget.value.reshaped([rows, 1]) * targetMask
    }

    /// The attention-weighted neighbourhood sums.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        attend(x, on: graph, rows: nil)
    }

    /// Rows `rows` of the full pass, `[rows.count, …]`, from the edges into them alone (the
    /// same values: every node's sum reads only its own in-edges). The attention dropout mask is
    /// drawn for every edge, as in the full pass, and the selected edges keep their draws.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>, rows: [Int]) -> Tensor<Scalar> {
        attend(x, on: graph, rows: rows, gathers: true)
    }

    /// The full pass with only rows `rows` computed (from the edges into them alone, as
    /// ``callAsFunction(_:on:rows:)``), `[N, …]`: the other rows hold the bias alone. For a
    /// layer below one that reads these rows only, which then sends no gradient to the others.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func callAsFunction(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>, computing rows: [Int]) -> Tensor<Scalar> {
        attend(x, on: graph, rows: rows, gathers: false)
    }

    /// The rows of the input that the outputs at `rows` read: `rows` and the sources of the
    /// edges into them, in increasing order.
    func inputRows(of rows: [Int], on graph: GraphContext<Scalar>) -> [Int] {
        var isRead = [Bool](repeating: false, count: graph.nodeCount)
        for row in rows { isRead[row] = true }
        for source in edges(into: rows, on: graph).graph.source { isRead[Int(source)] = true }
        return isRead.indices.filter { isRead[$0] }
    }

    /// The self-looped graph, ordered by target: the fused kernels then read their per-edge
    /// arrays in sequence.
    private func loops(_ graph: GraphContext<Scalar>) -> Graph {
        graph.memoized("gnn.gat.selfLoopsByTarget") { graph.withSelfLoops.orderedByTarget() }
    }

    private func edges(into rows: [Int], on graph: GraphContext<Scalar>) -> (graph: Graph, edgeIDs: [Int32]) {
        selection.value(on: graph, rows: rows) { loops(graph).edgesInto(rows) }
    }

    private func attend(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>, rows: [Int]?, gathers: Bool = false) -> Tensor<Scalar> {
        let n = x.nodeCount
        let width = linear.outputSize / heads
        let flat = linear(x)
        let nodeScores = flat.matmul(scoreProjection)
        var edges = loops(graph)
        var mask = attentionDropout.activeMask(shape: [edges.edgeCount, heads])
        if let rows {
            let selection = self.edges(into: rows, on: graph)
            edges = selection.graph
            mask = mask?.gatheringRows(selection.edgeIDs.map(Int.init))
        }
        let attention = AdditiveAttention(
            sourceScores: nodeScores.sliced(along: 1, 0..<heads), targetScores: nodeScores.sliced(along: 1, heads..<(2 * heads)),
            mask: mask, negativeSlope: negativeSlope)
        var out = MessagePassing()(flat.reshaped([n, heads, width]), on: edges, message: .additiveAttention(attention))
        if let rows, gathers { out = out.gatheringRows(rows) }
        let count = out.shape[0]
        return (concatenatesHeads ? out.reshaped([count, heads * width]) : out.mean(along: 1)) + bias.value
    }
}
