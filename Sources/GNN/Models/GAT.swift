import Calculus
import NN
import Tensors

/// The graph attention network of Veličković et al. (2018), as PyG's example: dropout on
/// the input, hidden GATConv layers with concatenated heads and ELU, dropout, and an output
/// GATConv whose heads are averaged,
///
///     logits = GAT_mean(dropout(ELU(GAT_concat(dropout(X)))))   (two layers)
///
/// with attention dropout inside every layer.
public final class GAT<Scalar: TensorScalar>: NodeClassifier {
    /// The attention layers, first to last.
    public let convolutions: [GATConv<Scalar>]
    /// Dropout before every layer (sparse input: stored values only).
    public let dropout: Dropout<Scalar>
    /// Whether dropout is active.
    public var isTraining = true

    /// A network of `layerCount` layers: hidden ones of `heads` × `hiddenSize`, the last of
    /// `outputHeads` averaged heads of `classCount`; seeded by `seed`.
    ///
    /// - Precondition: `layerCount` ≥ 1.
    public init(
        featureCount: Int, hiddenSize: Int, classCount: Int, layerCount: Int = 2, heads: Int, outputHeads: Int,
        dropout: Double, attentionDropout: Double, seed: UInt64
    ) {
        require(layerCount >= 1, "GAT needs at least one layer, got \(layerCount)")
        var generator = SplitMix64(seed: seed)
        convolutions = (0..<layerCount).map { index in
            let isLast = index == layerCount - 1
            return GATConv(
                inputSize: index == 0 ? featureCount : heads * hiddenSize, outputSize: isLast ? classCount : hiddenSize,
                heads: isLast ? outputHeads : heads, concatenatesHeads: !isLast, attentionDropout: attentionDropout,
                using: &generator)
        }
        self.dropout = Dropout(probability: dropout, seed: generator.next())
    }

    /// The logits `[N, classes]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: GraphInput<Scalar>) -> Tensor<Scalar> {
        convolutions.last!(lastInput(input), on: input.context)
    }

    /// The logits of `rows`: the last layer attends only over the edges into them, and every
    /// layer before it computes only the rows that the layers above read (the same values
    /// there: the other rows get no gradient, and products with their zero gradients add
    /// nothing), with every dropout mask drawn whole, as in the full pass.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: GraphInput<Scalar>, rows: [Int]) -> Tensor<Scalar> {
        let context = input.context
        var needed = [rows]
        for convolution in convolutions.dropFirst().reversed() {
            needed.append(convolution.inputRows(of: needed.last!, on: context))
        }
        var h = input.features.dropped(by: dropout)
        for (convolution, computed) in zip(convolutions.dropLast(), needed.reversed()) {
            h = .dense(dropout(convolution(h, on: context, computing: computed).elu()))
        }
        return convolutions.last!(h, on: context, rows: rows)
    }

    /// The last layer's input: every layer before it, or the dropped-out features.
    private func lastInput(_ input: GraphInput<Scalar>) -> NodeFeatures<Scalar> {
        var h = input.features.dropped(by: dropout)
        for convolution in convolutions.dropLast() {
            h = .dense(dropout(convolution(h, on: input.context).elu()))
        }
        return h
    }
}
