/// Which validation number picks the epoch whose model is kept (and whose test accuracy is
/// reported), and which early stopping waits on.
public enum SelectionCriterion: String, Sendable, CaseIterable {
    /// The lowest validation loss (GAT's and PyTorch Geometric's GAT example).
    case validationLoss = "loss"
    /// The highest validation accuracy, the earliest of equals (PyTorch Geometric's GCN and
    /// SGC examples).
    case validationAccuracy = "accuracy"
}
