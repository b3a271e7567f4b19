/// How a model is built and trained; ``ModelKind/paperDefaults`` gives each model's published
/// values. A model reads the fields that concern it and ignores the others.
public struct Hyperparameters: Sendable, Equatable, Codable {
    /// Width of the hidden layers (per head for GAT).
    public var hidden: Int
    /// Number of graph layers (GCNII: convolutions between its two dense layers; APPNP: layers
    /// of its MLP).
    public var layers: Int
    /// Attention heads of GAT's hidden layers.
    public var heads: Int
    /// Attention heads of GAT's output layer (averaged).
    public var outputHeads: Int
    /// Dropout probability on features (input and hidden).
    public var dropout: Double
    /// Dropout probability on GAT's attention coefficients.
    public var attentionDropout: Double
    /// Adam's learning rate.
    public var learningRate: Double
    /// L2 weight decay, on the parameters the paper decays (see each model's
    /// `parameterGroups(for:)`; GCNII: its convolutions).
    public var weightDecay: Double
    /// L2 weight decay of GCNII's dense (input and output) layers.
    public var denseWeightDecay: Double
    /// Training epochs.
    public var epochs: Int
    /// Epochs without validation improvement before stopping early; nil trains all epochs.
    public var patience: Int?
    /// Whether each feature row is divided by its sum before training.
    public var rowNormalizeFeatures: Bool
    /// Propagation steps (SGC, APPNP) or Chebyshev order (ChebConv).
    public var k: Int
    /// Teleport probability (APPNP) or initial-residual weight (GCNII).
    public var alpha: Double
    /// GCNII's λ in the identity-mapping strength β_l = log(λ/l + 1).
    public var lambda: Double
    /// GraphSAGE's neighbourhood aggregator.
    public var sageAggregator: SAGEAggregator

    /// Hyperparameters with every field given; unspecified ones take neutral values.
    public init(
        hidden: Int, layers: Int = 2, heads: Int = 1, outputHeads: Int = 1, dropout: Double,
        attentionDropout: Double = 0, learningRate: Double, weightDecay: Double, denseWeightDecay: Double = 0,
        epochs: Int, patience: Int? = nil, rowNormalizeFeatures: Bool = true, k: Int = 1, alpha: Double = 0,
        lambda: Double = 0, sageAggregator: SAGEAggregator = .mean
    ) {
        self.hidden = hidden
        self.layers = layers
        self.heads = heads
        self.outputHeads = outputHeads
        self.dropout = dropout
        self.attentionDropout = attentionDropout
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.denseWeightDecay = denseWeightDecay
        self.epochs = epochs
        self.patience = patience
        self.rowNormalizeFeatures = rowNormalizeFeatures
        self.k = k
        self.alpha = alpha
        self.lambda = lambda
        self.sageAggregator = sageAggregator
    }
}
