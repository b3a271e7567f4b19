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
        case .gat:
            GAT(
                featureCount: featureCount, hiddenSize: h.hidden, classCount: classCount, layerCount: h.layers,
                heads: h.heads, outputHeads: h.outputHeads, dropout: h.dropout, attentionDropout: h.attentionDropout,
                seed: seed)
        case .sage:
            GraphSAGE(
                featureCount: featureCount, hiddenSize: h.hidden, classCount: classCount, layerCount: h.layers,
                aggregator: h.sageAggregator, dropout: h.dropout, seed: seed)
        case .sgc:
            SGC(featureCount: featureCount, classCount: classCount, k: h.k, seed: seed)
        case .appnp:
            APPNP(
                featureCount: featureCount, hiddenSize: h.hidden, classCount: classCount, layerCount: h.layers, k: h.k,
                alpha: h.alpha, dropout: h.dropout, seed: seed)
        case .gin:
            GIN(
                featureCount: featureCount, hiddenSize: h.hidden, classCount: classCount, layerCount: h.layers,
                dropout: h.dropout, seed: seed)
        case .gcnii:
            GCNII(
                featureCount: featureCount, hiddenSize: h.hidden, classCount: classCount, layerCount: h.layers,
                alpha: h.alpha, lambda: h.lambda, dropout: h.dropout, seed: seed)
        case .cheb:
            ChebNet(
                featureCount: featureCount, hiddenSize: h.hidden, classCount: classCount, layerCount: h.layers, k: h.k,
                dropout: h.dropout, seed: seed)
        }
    }
}
