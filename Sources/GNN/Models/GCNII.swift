import Calculus
import NN
import Tensors

/// GCNII (Chen et al. 2020), as PyG's `gcn2_cora` example: a linear layer, a deep stack of
/// GCNIIConv layers that all see its output as initial residual, and a linear classifier,
///
///     X₀ = ReLU(Linear(dropout(X))),   X_l = ReLU(GCNII_l(dropout(X_{l−1}), X₀)),
///     logits = Linear(dropout(X_L))
///
/// trained with one weight decay on the convolutions and another on the linear layers.
public final class GCNII<Scalar: TensorScalar>: NodeClassifier {
    /// The input layer, features → hidden.
    public let input: Linear<Scalar>
    /// The convolutions, depth 1 first.
    public let convolutions: [GCNIIConv<Scalar>]
    /// The output layer, hidden → classes.
    public let output: Linear<Scalar>
    /// Dropout before every layer (sparse input: stored values only).
    public let dropout: Dropout<Scalar>
    /// Whether dropout is active.
    public var isTraining = true

    /// A model with `layerCount` convolutions of width `hiddenSize`, residual weight `alpha`
    /// and identity strength `lambda`; seeded by `seed`.
    public init(
        featureCount: Int, hiddenSize: Int, classCount: Int, layerCount: Int, alpha: Double, lambda: Double,
        dropout: Double, seed: UInt64
    ) {
        var generator = SplitMix64(seed: seed)
        input = Linear(inputSize: featureCount, outputSize: hiddenSize, using: &generator)
        convolutions = (0..<layerCount).map {
            GCNIIConv(width: hiddenSize, alpha: alpha, lambda: lambda, layer: $0 + 1, using: &generator)
        }
        output = Linear(inputSize: hiddenSize, outputSize: classCount, using: &generator)
        self.dropout = Dropout(probability: dropout, seed: generator.next())
    }

    /// The logits `[N, classes]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ graphInput: GraphInput<Scalar>) -> Tensor<Scalar> {
        let initial = input(graphInput.features.dropped(by: dropout)).relu()
        // Every layer adds α · X₀ (one α for the whole stack).
        let scaledInitial = (convolutions.first?.alpha ?? 0) * initial
        let h = convolutions.reduce(initial) { h, convolution in
            convolution(dropout(h), scaledInitial: scaledInitial, on: graphInput.context).relu()
        }
        return output(dropout(h))
    }

    /// `weightDecay` on the convolutions, `denseWeightDecay` on the linear layers (the
    /// paper's 0.01 and 5e-4).
    public func parameterGroups(for hyperparameters: Hyperparameters) -> [ParameterGroup<Scalar>] {
        [
            ParameterGroup(parameters: convolutions.flatMap { $0.parameters }, weightDecay: hyperparameters.weightDecay),
            ParameterGroup(
                parameters: input.parameters + output.parameters, weightDecay: hyperparameters.denseWeightDecay),
        ]
    }
}
