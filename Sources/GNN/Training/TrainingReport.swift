/// What one epoch of training measured.
public struct EpochRecord: Sendable, Equatable {
    /// The epoch, from 0.
    public let epoch: Int
    /// The training loss of the step (train mode: dropout active).
    public let loss: Double
    /// Accuracies and validation loss after the step, in evaluation mode.
    public let metrics: NodeClassificationMetrics
    /// Wall time of the training step (forward, backward, optimizer update), in milliseconds.
    public let trainMilliseconds: Double
    /// Wall time of the evaluation pass, in milliseconds.
    public let evaluationMilliseconds: Double
}

/// Accuracies of a model on the three splits and its loss on the validation split.
public struct NodeClassificationMetrics: Sendable, Equatable {
    /// Accuracy on the training nodes.
    public let trainAccuracy: Double
    /// Accuracy on the labelled validation nodes.
    public let validationAccuracy: Double
    /// Accuracy on the labelled test nodes (0 when there are none).
    public let testAccuracy: Double
    /// Mean cross-entropy on the validation nodes.
    public let validationLoss: Double
}

/// The outcome of one training run.
public struct TrainingReport: Sendable, Equatable {
    /// Every epoch trained, in order.
    public let history: [EpochRecord]
    /// The epoch selected by the trainer's criterion (the model kept).
    public let bestEpoch: Int
    /// Number of trainable parameters.
    public let parameterCount: Int
    /// Wall time of the whole run, preprocessing excluded, in seconds.
    public let totalSeconds: Double

    /// The metrics at ``bestEpoch``.
    public var best: NodeClassificationMetrics { history[bestEpoch].metrics }
    /// Test accuracy of the selected model.
    public var testAccuracy: Double { best.testAccuracy }
    /// Validation accuracy of the selected model.
    public var validationAccuracy: Double { best.validationAccuracy }
    /// The median wall time of a training step, in milliseconds.
    public var medianTrainMilliseconds: Double { median(history.map(\.trainMilliseconds)) }
}

/// The median of `values` (0 when empty).
public func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
