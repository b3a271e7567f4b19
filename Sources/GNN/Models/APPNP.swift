import Calculus
import NN
import Tensors

/// APPNP (Gasteiger et al. 2019), as PyG's example: an MLP predicts from each node's own
/// features, then personalized PageRank propagates the predictions,
///
///     H = Linear(dropout(ReLU(Linear(dropout(X)))))   (two layers),   logits = APPNP_K,α(H)
///
/// trained with weight decay on the first layer only, as in the paper.
public final class APPNP<Scalar: TensorScalar>: NodeClassifier {
    /// The MLP's layers, first to last.
    public let layers: [Linear<Scalar>]
    /// The propagation.
    public let propagation: APPNPPropagation<Scalar>
    /// Dropout before every linear layer (sparse input: stored values only).
    public let dropout: Dropout<Scalar>
    /// Whether dropout is active.
    public var isTraining = true

    /// A model `featureCount` → `hiddenSize` (× `layerCount` − 1) → `classCount`, then `k`
    /// propagation steps with teleport `alpha`; seeded by `seed`.
    ///
    /// - Precondition: `layerCount` ≥ 1.
    public init(
        featureCount: Int, hiddenSize: Int, classCount: Int, layerCount: Int = 2, k: Int, alpha: Double,
        dropout: Double, seed: UInt64
    ) {
        require(layerCount >= 1, "APPNP needs at least one layer, got \(layerCount)")
        var generator = SplitMix64(seed: seed)
        let sizes = stackWidths(featureCount: featureCount, hiddenSize: hiddenSize, classCount: classCount, layerCount: layerCount)
        layers = (0..<layerCount).map { Linear(inputSize: sizes[$0], outputSize: sizes[$0 + 1], using: &generator) }
        propagation = APPNPPropagation(k: k, alpha: Scalar(alpha))
        self.dropout = Dropout(probability: dropout, seed: generator.next())
    }

    /// The logits `[N, classes]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: GraphInput<Scalar>) -> Tensor<Scalar> {
        var h = layers[0](input.features.dropped(by: dropout))
        for layer in layers.dropFirst() {
            h = layer(dropout(h.relu()))
        }
        return propagation(h, on: input.context)
    }

    /// Weight decay on the first layer, none on the others (the paper regularizes the first
    /// layer only).
    public func parameterGroups(for hyperparameters: Hyperparameters) -> [ParameterGroup<Scalar>] {
        firstLayerDecayGroups(first: layers[0], rest: Array(layers.dropFirst()), weightDecay: hyperparameters.weightDecay)
    }
}
