import Calculus
import NN
import Tensors

/// The Chebyshev network of Defferrard et al. (2016) in Kipf & Welling's setting: ChebConv
/// layers with ReLU between them and dropout before each,
///
///     logits = Cheb(dropout(ReLU(Cheb(dropout(X)))))   (two layers)
///
/// trained with weight decay on the first layer only, as in Kipf & Welling's code.
public final class ChebNet<Scalar: TensorScalar>: NodeClassifier {
    /// The layers, first to last.
    public let convolutions: [ChebConv<Scalar>]
    /// Dropout before every layer (sparse input: stored values only).
    public let dropout: Dropout<Scalar>
    /// Whether dropout is active.
    public var isTraining = true

    /// A network `featureCount` → `hiddenSize` (× `layerCount` − 1) → `classCount` with `k`
    /// Chebyshev terms per layer; seeded by `seed`.
    ///
    /// - Precondition: `layerCount` ≥ 1.
    public init(
        featureCount: Int, hiddenSize: Int, classCount: Int, layerCount: Int = 2, k: Int, dropout: Double, seed: UInt64
    ) {
        require(layerCount >= 1, "ChebNet needs at least one layer, got \(layerCount)")
        var generator = SplitMix64(seed: seed)
        let sizes = stackWidths(featureCount: featureCount, hiddenSize: hiddenSize, classCount: classCount, layerCount: layerCount)
        convolutions = (0..<layerCount).map {
            ChebConv(inputSize: sizes[$0], outputSize: sizes[$0 + 1], k: k, using: &generator)
        }
        self.dropout = Dropout(probability: dropout, seed: generator.next())
    }

    /// The logits `[N, classes]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: GraphInput<Scalar>) -> Tensor<Scalar> {
        runStack(convolutions, on: input, dropout: dropout)
    }

    /// Weight decay on the first layer, none on the others.
    public func parameterGroups(for hyperparameters: Hyperparameters) -> [ParameterGroup<Scalar>] {
        firstLayerDecayGroups(
            first: convolutions[0], rest: Array(convolutions.dropFirst()), weightDecay: hyperparameters.weightDecay)
    }
}
