extension ModelKind {
    /// The hyperparameters of the model's paper for the citation graphs (Cora, Citeseer,
    /// PubMed), or of PyG's example where the paper has none for them.
    public var paperDefaults: Hyperparameters {
        switch self {
        case .gcn:
            Hyperparameters(hidden: 16, dropout: 0.5, learningRate: 0.01, weightDecay: 5e-4, epochs: 200)
        case .gat:
            Hyperparameters(
                hidden: 8, heads: 8, outputHeads: 1, dropout: 0.6, attentionDropout: 0.6, learningRate: 0.005,
                weightDecay: 5e-4, epochs: 100_000, patience: 100)
        case .sage:
            Hyperparameters(hidden: 64, dropout: 0.5, learningRate: 0.01, weightDecay: 5e-4, epochs: 200)
        case .sgc:
            Hyperparameters(hidden: 0, layers: 1, dropout: 0, learningRate: 0.2, weightDecay: 5e-5, epochs: 100, k: 2)
        case .gin:
            Hyperparameters(hidden: 64, dropout: 0.5, learningRate: 0.01, weightDecay: 5e-4, epochs: 200)
        case .appnp:
            Hyperparameters(
                hidden: 64, dropout: 0.5, learningRate: 0.01, weightDecay: 5e-3, epochs: 10000, patience: 100, k: 10,
                alpha: 0.1)
        case .gcnii:
            Hyperparameters(
                hidden: 64, layers: 64, dropout: 0.6, learningRate: 0.01, weightDecay: 0.01, denseWeightDecay: 5e-4,
                epochs: 1500, patience: 100, alpha: 0.1, lambda: 0.5)
        case .cheb:
            Hyperparameters(hidden: 16, dropout: 0.5, learningRate: 0.01, weightDecay: 5e-4, epochs: 200, k: 3)
        }
    }
}
