import Graphs
import NN
import Tensors

/// Full-batch node classification: each epoch runs the model on the whole graph, takes the
/// mean cross-entropy over the training nodes, and updates the parameters with Adam.
///
/// Model selection and early stopping: after every step the model is evaluated without
/// dropout; the epoch with the best validation number (``SelectionCriterion``: lowest loss by
/// default, as GAT) is the selected one (its test accuracy is the one reported, its
/// parameters are restored at the end), and training stops after `patience` epochs in a row
/// without a better one.
///
/// Every random choice comes from the model's seeded generators, and the kernels give the
/// same results on any `Threading.threadCount`, so a run is reproducible bit for bit.
public final class Trainer {
    /// The model being trained.
    public let model: any NodeClassifier<Float>
    /// The data it trains on.
    public let data: NodeClassificationData
    /// Learning rate, weight decay, epochs and patience (the model's other fields were used
    /// to build it).
    public let hyperparameters: Hyperparameters
    /// Adam over the model's parameter groups (each with the weight decay its paper uses).
    public let optimizer: Adam<Float>
    /// Which validation number selects the kept epoch.
    public let criterion: SelectionCriterion
    /// The labels of `data.trainRows`, in order.
    private let trainLabels: [Int]
    /// The model's modules, found once: finding them by reflection at every mode switch cost
    /// a seventh of an SGC training step.
    private let modules: [any Module]

    /// Prepares training of `model` on `data` with `hyperparameters`. The model's modules are
    /// listed here, once: the model must not replace them while the trainer uses it.
    ///
    /// - Precondition: at least one epoch; a patience, when given, of at least one epoch; a
    ///   positive learning rate.
    public init(
        model: any NodeClassifier<Float>, data: NodeClassificationData, hyperparameters: Hyperparameters,
        criterion: SelectionCriterion = .validationLoss
    ) {
        let h = hyperparameters
        require(h.epochs >= 1, "training needs at least one epoch, got \(h.epochs)")
        require(h.patience.map { $0 >= 1 } ?? true, "early-stopping patience \(h.patience ?? 0) must be at least 1")
        require(h.learningRate > 0 && h.learningRate.isFinite, "learning rate \(h.learningRate) must be positive")
        self.model = model
        self.data = data
        self.hyperparameters = h
        self.criterion = criterion
        trainLabels = data.trainRows.map { data.labels[$0] }
        modules = model.modules
        optimizer = Adam(groups: model.parameterGroups(for: h), learningRate: h.learningRate)
    }

    /// Trains until the epoch limit or early stop, restores the parameters and the optimizer's
    /// state of the selected epoch (so that a checkpoint saved afterwards resumes from that
    /// epoch, as after a PyTorch loop that saves model and optimizer at its best epoch), and
    /// reports the history; `onEpoch` sees each epoch as it ends.
    public func train(onEpoch: (EpochRecord) -> Void = { _ in }) -> TrainingReport {
        let clock = ContinuousClock()
        let start = clock.now
        let parameters = model.parameters
        let stopper = EarlyStopping<Float>(
            patience: hyperparameters.patience ?? hyperparameters.epochs,
            goal: criterion == .validationLoss ? .minimize : .maximize)
        var history: [EpochRecord] = []
        // Copy-on-write: the kept state costs a copy of Adam's buffers per improvement only.
        var bestOptimizerStates = optimizer.states
        for epoch in 0..<hyperparameters.epochs {
            let stepStart = clock.now
            let loss = step()
            let evaluationStart = clock.now
            let metrics = evaluate()
            let end = clock.now
            let record = EpochRecord(
                epoch: epoch, loss: loss, metrics: metrics,
                trainMilliseconds: Self.milliseconds(evaluationStart - stepStart),
                evaluationMilliseconds: Self.milliseconds(end - evaluationStart))
            history.append(record)
            onEpoch(record)
            let metric = criterion == .validationLoss ? metrics.validationLoss : metrics.validationAccuracy
            if stopper.record(metric: metric, epoch: epoch, parameters: parameters) {
                bestOptimizerStates = optimizer.states
            }
            if hyperparameters.patience != nil && stopper.shouldStop { break }
        }
        stopper.restoreBest(into: parameters)
        if stopper.bestEpoch != nil { optimizer.states = bestOptimizerStates }
        return TrainingReport(
            history: history,
            // A NaN metric at every epoch never improves: keep the last epoch then.
            bestEpoch: stopper.bestEpoch ?? history.count - 1,
            parameterCount: model.parameterCount, totalSeconds: Self.seconds(clock.now - start))
    }

    /// One optimizer step on the training nodes, in training mode; returns the loss.
    public func step() -> Double {
        setTraining(true)
        optimizer.zeroGrad()
        // The tape goes out of scope before the update: while it lives it holds the parameters'
        // storage, and every in-place update would copy it first.
        let loss = { () -> Double in
            let loss = crossEntropy(logits: model(data.input, rows: data.trainRows), labels: trainLabels)
            loss.backward()
            return Double(loss.scalars[0])
        }()
        optimizer.step()
        return loss
    }

    /// The model's accuracies and validation loss, in evaluation mode and off the tape.
    public func evaluate() -> NodeClassificationMetrics {
        let scores = evaluationLogits()
        return withoutGradients {
            NodeClassificationMetrics(
                trainAccuracy: accuracy(logits: scores, labels: data.labels, rows: data.trainRows),
                validationAccuracy: accuracy(logits: scores, labels: data.labels, rows: data.validationRows),
                testAccuracy: accuracy(logits: scores, labels: data.labels, rows: data.testRows),
                validationLoss: Double(
                    crossEntropy(logits: scores, labels: data.labels, rows: data.validationRows).scalars[0]))
        }
    }

    /// The class scores of every node in evaluation mode, off the tape.
    public func evaluationLogits() -> Tensor<Float> {
        setTraining(false)
        return withoutGradients { model(data.input) }
    }

    private func setTraining(_ mode: Bool) {
        for module in modules { module.isTraining = mode }
    }

    private static func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1000 }

    private static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
