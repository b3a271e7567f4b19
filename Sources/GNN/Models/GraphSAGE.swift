import Calculus
import NN
import Tensors

/// GraphSAGE (Hamilton et al. 2017) for full-graph node classification, as PyG's examples:
/// SAGEConv layers with ReLU between them and dropout before each,
///
///     logits = SAGE(dropout(ReLU(SAGE(dropout(X)))))   (two layers)
public final class GraphSAGE<Scalar: TensorScalar>: NodeClassifier {
    /// The layers, first to last.
    public let convolutions: [SAGEConv<Scalar>]
    /// Dropout before every layer (sparse input: stored values only).
    public let dropout: Dropout<Scalar>
    /// Whether dropout is active.
    public var isTraining = true

    /// A network `featureCount` → `hiddenSize` (× `layerCount` − 1) → `classCount` with
    /// `aggregator`; seeded by `seed`.
    ///
    /// - Precondition: `layerCount` ≥ 1.
    public init(
        featureCount: Int, hiddenSize: Int, classCount: Int, layerCount: Int = 2, aggregator: SAGEAggregator,
        dropout: Double, seed: UInt64
    ) {
        require(layerCount >= 1, "GraphSAGE needs at least one layer, got \(layerCount)")
        var generator = SplitMix64(seed: seed)
        let sizes = stackWidths(featureCount: featureCount, hiddenSize: hiddenSize, classCount: classCount, layerCount: layerCount)
        convolutions = (0..<layerCount).map {
            SAGEConv(inputSize: sizes[$0], outputSize: sizes[$0 + 1], aggregator: aggregator, using: &generator)
        }
        self.dropout = Dropout(probability: dropout, seed: generator.next())
    }

    /// The logits `[N, classes]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: GraphInput<Scalar>) -> Tensor<Scalar> {
        runStack(convolutions, on: input, dropout: dropout)
    }
}
