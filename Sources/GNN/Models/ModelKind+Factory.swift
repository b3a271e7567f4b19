import NN
import Tensors

extension ModelKind {
    /// A freshly initialized model of this kind for `featureCount` input features and
    /// `classCount` classes; the same `seed` gives the same weights and dropout masks.
    public func makeModel<Scalar: TensorScalar>(
        hyperparameters h: Hyperparameters, featureCount: Int, classCount: Int, seed: UInt64,
        as _: Scalar.Type = Scalar.self
    ) -> any NodeClassifier<Scalar> {
        switch self {
        case .gcn:
            GCN(
                featureCount: featureCount, hiddenSize: h.hidden, classCount: classCount, layerCount: h.layers,
                dropout: h.dropout, seed: seed)
        default:
            GCN(
                featureCount: featureCount, hiddenSize: h.hidden, classCount: classCount, layerCount: h.layers,
                dropout: h.dropout, seed: seed)
        }
    }
}
