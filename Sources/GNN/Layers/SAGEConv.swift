import Graphs
import NN
import Tensors

/// The GraphSAGE layer of Hamilton et al. (PyG's `SAGEConv`), with the root weight:
///
///     mean:     x′_i = W_n · mean_{j ∈ N(i)} x_j + W_r · x_i + b
///     max-pool: x′_i = W_n · max_{j ∈ N(i)} ReLU(W_p · x_j + b_p) + W_r · x_i + b
///
/// optionally followed by L2 normalization of each row. A node without neighbours
/// aggregates 0. The mean aggregator transforms before aggregating (the same by linearity),
/// so a sparse input is multiplied over its stored values only.
///
/// **Shapes**: x `[N, inputs]` (dense or sparse) → `[N, outputs]`.
public final class SAGEConv<Scalar: TensorScalar>: GraphLayer {
    /// The neighbourhood aggregator.
    public let aggregator: SAGEAggregator
    /// W_n, `[inputs, outputs]` (Glorot), without bias.
    public let neighbourLinear: Linear<Scalar>
    /// W_r, `[inputs, outputs]` (Glorot), without bias.
    public let rootLinear: Linear<Scalar>
    /// b, `[outputs]` (zeros).
    public let bias: Parameter<Scalar>
    /// W_p and b_p, `[inputs, inputs]`, for the max-pool aggregator only.
    public let pool: Linear<Scalar>?
    /// Whether output rows are scaled to unit L2 norm.
    public let normalizesOutput: Bool
    /// Unused by this layer; kept for the ``Module`` protocol.
    public var isTraining = true

    /// A layer from `inputSize` to `outputSize` features, initialized from `generator`.
    public init(
        inputSize: Int, outputSize: Int, aggregator: SAGEAggregator = .mean, normalizesOutput: Bool = false,
        using generator: inout some RandomNumberGenerator
    ) {
        self.aggregator = aggregator
        pool = aggregator == .maxPool ? Linear(inputSize: inputSize, outputSize: inputSize, using: &generator) : nil
        neighbourLinear = Linear(inputSize: inputSize, outputSize: outputSize, bias: false, using: &generator)
        rootLinear = Linear(inputSize: inputSize, outputSize: outputSize, bias: false, using: &generator)
        bias = Parameter(Tensor.zeros([outputSize]))
        self.normalizesOutput = normalizesOutput
    }

    /// The aggregated neighbourhood plus the transformed root, optionally normalized.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        let neighbours: Tensor<Scalar>
        if let pool {
            neighbours = neighbourLinear(MessagePassing(aggregation: .max)(pool(x).relu(), on: graph.graph))
        } else {
            neighbours = MessagePassing(aggregation: .mean)(neighbourLinear(x), on: graph.graph)
        }
        let out = neighbours + rootLinear(x) + bias.value
        guard normalizesOutput else { return out }
        return out / out.squared().sum(along: 1, keepingDims: true).sqrt().maximum(Tensor(Scalar(1e-12)))
    }
}
