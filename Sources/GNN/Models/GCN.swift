import Calculus
import NN
import Tensors

/// The graph convolutional network of Kipf & Welling (2017): GCNConv layers with ReLU
/// between them and dropout before each,
///
///     logits = Â · ReLU(Â · dropout(X) · W₀) · W₁   (two layers)
///
/// trained with weight decay on the first layer only, as in the paper's code.
public final class GCN<Scalar: TensorScalar>: NodeClassifier {
    /// The convolutions, first to last.
    public let convolutions: [GCNConv<Scalar>]
    /// Dropout before every convolution (sparse input: stored values only).
    public let dropout: Dropout<Scalar>
    /// Whether dropout is active.
    public var isTraining = true

    /// A network `featureCount` → `hiddenSize` (× `layerCount` − 1) → `classCount`; weights and
    /// dropout masks are drawn from generators seeded with `seed`.
    ///
    /// - Precondition: `layerCount` ≥ 1.
    public init(featureCount: Int, hiddenSize: Int, classCount: Int, layerCount: Int = 2, dropout: Double, seed: UInt64) {
        require(layerCount >= 1, "GCN needs at least one layer, got \(layerCount)")
        var generator = SplitMix64(seed: seed)
        let sizes = stackWidths(featureCount: featureCount, hiddenSize: hiddenSize, classCount: classCount, layerCount: layerCount)
        convolutions = (0..<layerCount).map { GCNConv(inputSize: sizes[$0], outputSize: sizes[$0 + 1], using: &generator) }
        self.dropout = Dropout(probability: dropout, seed: generator.next())
    }

    /// The logits `[N, classes]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: GraphInput<Scalar>) -> Tensor<Scalar> {
        runStack(convolutions, on: input, dropout: dropout)
    }

    /// Weight decay on the first convolution, none on the others (Kipf & Welling's code).
    public func parameterGroups(for hyperparameters: Hyperparameters) -> [ParameterGroup<Scalar>] {
        firstLayerDecayGroups(first: convolutions[0], rest: Array(convolutions.dropFirst()), weightDecay: hyperparameters.weightDecay)
    }
}
