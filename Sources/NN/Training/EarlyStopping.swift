import Tensors

/// Stops training when a validation metric has not improved for `patience` epochs, and
/// remembers the best epoch with a copy of the parameters at that epoch.
///
/// ```swift
/// for epoch in 0..<maxEpochs {
///     train(); let loss = validate()
///     stopper.record(metric: loss, epoch: epoch, parameters: params)
///     if stopper.shouldStop { break }
/// }
/// stopper.restoreBest(into: params)
/// ```
public final class EarlyStopping<Scalar: TensorScalar> {
    /// Epochs without improvement tolerated.
    public let patience: Int
    /// Which direction is an improvement.
    public let goal: MetricGoal
    /// The margin by which a metric must beat the best to count as an improvement.
    public let minimumDelta: Double
    /// The best metric recorded so far.
    public private(set) var bestMetric: Double?
    /// The epoch of ``bestMetric``.
    public private(set) var bestEpoch: Int?
    /// Epochs recorded since the last improvement.
    public private(set) var epochsWithoutImprovement = 0
    /// Copies of the parameter values at ``bestEpoch``.
    public private(set) var bestValues: [Tensor<Scalar>] = []

    /// Creates the helper: training should stop after `patience` (≥ 1) epochs in a row
    /// without an improvement larger than `minimumDelta`.
    public init(patience: Int, goal: MetricGoal = .minimize, minimumDelta: Double = 0) {
        require(patience >= 1, "early-stopping patience \(patience) must be at least 1")
        require(minimumDelta >= 0, "early-stopping minimum delta \(minimumDelta) is negative")
        self.patience = patience
        self.goal = goal
        self.minimumDelta = minimumDelta
    }

    /// Whether `patience` epochs in a row have passed without improvement.
    public var shouldStop: Bool { epochsWithoutImprovement >= patience }

    /// Records `metric` at `epoch`; on improvement keeps a copy of `parameters`' values.
    ///
    /// - Returns: whether the metric improved on the best so far (a NaN never does).
    @discardableResult
    public func record(metric: Double, epoch: Int, parameters: [Parameter<Scalar>]) -> Bool {
        let improved: Bool
        if let best = bestMetric {
            improved = goal == .minimize ? metric < best - minimumDelta : metric > best + minimumDelta
        } else {
            improved = !metric.isNaN
        }
        if improved {
            bestMetric = metric
            bestEpoch = epoch
            bestValues = parameters.map { $0.value.detached() }
            epochsWithoutImprovement = 0
        } else {
            epochsWithoutImprovement += 1
        }
        return improved
    }

    /// Writes the values kept at the best epoch back into `parameters` (the same list, in
    /// the same order, as was recorded); does nothing before any improvement.
    public func restoreBest(into parameters: [Parameter<Scalar>]) {
        guard !bestValues.isEmpty else { return }
        require(parameters.count == bestValues.count, "\(parameters.count) parameters for \(bestValues.count) kept values")
        for (p, v) in zip(parameters, bestValues) { p.assign(v) }
    }
}
