/// How GraphSAGE combines a node's neighbours.
public enum SAGEAggregator: String, Sendable, CaseIterable, Codable {
    /// The mean of the neighbours' features.
    case mean
    /// The elementwise maximum of ReLU(W_pool · x_j + b) over the neighbours (the pooling
    /// aggregator of Hamilton et al.).
    case maxPool
}
