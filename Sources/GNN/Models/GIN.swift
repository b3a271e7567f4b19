import Calculus
import NN
import Tensors

/// The graph isomorphism network of Xu et al. (2019) for node classification: GINConv
/// layers (each with its two-layer MLP) with ReLU between them and dropout before each,
///
///     logits = GIN(dropout(ReLU(GIN(dropout(X)))))   (two layers)
public final class GIN<Scalar: TensorScalar>: NodeClassifier {
    /// The layers, first to last.
    public let convolutions: [GINConv<Scalar>]
    /// Dropout before every layer (sparse input: stored values only).
    public let dropout: Dropout<Scalar>
    /// Whether dropout is active.
    public var isTraining = true

    /// A network `featureCount` → `hiddenSize` (× `layerCount` − 1) → `classCount`, every MLP
    /// `hiddenSize` wide; seeded by `seed`.
    ///
    /// - Precondition: `layerCount` ≥ 1.
    public init(featureCount: Int, hiddenSize: Int, classCount: Int, layerCount: Int = 2, dropout: Double, seed: UInt64) {
        require(layerCount >= 1, "GIN needs at least one layer, got \(layerCount)")
        var generator = SplitMix64(seed: seed)
        let sizes = stackWidths(featureCount: featureCount, hiddenSize: hiddenSize, classCount: classCount, layerCount: layerCount)
        convolutions = (0..<layerCount).map {
            GINConv(inputSize: sizes[$0], hiddenSize: hiddenSize, outputSize: sizes[$0 + 1], using: &generator)
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
