import Tensors
import RealModule

/// A learning rate as a function of the epoch, applied to an optimizer with
/// ``Optimizer/applySchedule(_:epoch:)``.
public protocol LearningRateSchedule {
    /// The learning rate at `epoch` (counted from 0) for a group that started at `initial`.
    func learningRate(initial: Double, epoch: Int) -> Double
}

/// Multiplies the learning rate by `gamma` every `stepSize` epochs (PyTorch's `StepLR`).
public struct StepDecay: LearningRateSchedule, Sendable {
    /// Epochs between decays.
    public let stepSize: Int
    /// Factor of each decay.
    public let gamma: Double

    /// Creates the schedule.
    public init(stepSize: Int, gamma: Double = 0.1) {
        require(stepSize > 0, "StepDecay step size \(stepSize) must be positive")
        self.stepSize = stepSize
        self.gamma = gamma
    }

    /// initial · γ^⌊epoch / stepSize⌋.
    public func learningRate(initial: Double, epoch: Int) -> Double {
        initial * Double.pow(gamma, epoch / stepSize)
    }
}

/// Cosine annealing from the initial rate down to `minimum` over `period` epochs
/// (PyTorch's `CosineAnnealingLR`, closed form, which keeps following the cosine past the
/// period).
public struct CosineAnnealing: LearningRateSchedule, Sendable {
    /// Epochs from the initial rate to the minimum (PyTorch's `T_max`).
    public let period: Int
    /// The lowest rate (PyTorch's `eta_min`).
    public let minimum: Double

    /// Creates the schedule.
    public init(period: Int, minimum: Double = 0) {
        require(period > 0, "CosineAnnealing period \(period) must be positive")
        self.period = period
        self.minimum = minimum
    }

    /// minimum + (initial − minimum) · (1 + cos(π · epoch / period)) / 2.
    public func learningRate(initial: Double, epoch: Int) -> Double {
        minimum + (initial - minimum) * (1 + Double.cos(Double.pi * Double(epoch) / Double(period))) / 2
    }
}

/// Whether a monitored metric is better when smaller (a loss) or larger (an accuracy).
public enum MetricGoal: Sendable {
    /// Smaller is better.
    case minimize
    /// Larger is better.
    case maximize
}

/// Multiplies every group's learning rate by `factor` when a metric has not improved for
/// more than `patience` epochs (PyTorch's `ReduceLROnPlateau`, relative threshold).
public final class ReduceOnPlateau {
    /// Which direction is an improvement.
    public let goal: MetricGoal
    /// Factor applied at each reduction.
    public let factor: Double
    /// Epochs without improvement tolerated before a reduction.
    public let patience: Int
    /// Relative improvement needed to count: better than best·(1 ∓ threshold).
    public let threshold: Double
    /// Epochs after a reduction during which bad epochs are not counted.
    public let cooldown: Int
    /// No group's rate goes below this.
    public let minimumLearningRate: Double
    /// The best metric seen so far.
    public private(set) var best: Double
    /// Consecutive epochs without improvement.
    public private(set) var badEpochs = 0
    private var cooldownLeft = 0

    /// Creates the scheduler.
    public init(
        goal: MetricGoal = .minimize, factor: Double = 0.1, patience: Int = 10, threshold: Double = 1e-4,
        cooldown: Int = 0, minimumLearningRate: Double = 0
    ) {
        require(factor < 1, "ReduceOnPlateau factor \(factor) must be below 1")
        self.goal = goal
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.cooldown = cooldown
        self.minimumLearningRate = minimumLearningRate
        best = goal == .minimize ? .infinity : -.infinity
    }

    /// Records this epoch's `metric` and reduces `optimizer`'s learning rates when due.
    ///
    /// - Returns: whether the rates were reduced.
    @discardableResult
    public func step(metric: Double, optimizer: some Optimizer) -> Bool {
        let improved = goal == .minimize ? metric < best * (1 - threshold) : metric > best * (1 + threshold)
        if improved {
            best = metric
            badEpochs = 0
        } else {
            badEpochs += 1
        }
        if cooldownLeft > 0 {
            cooldownLeft -= 1
            badEpochs = 0
        }
        guard badEpochs > patience else { return false }
        for g in optimizer.groups.indices {
            let old = optimizer.groups[g].learningRate
            let new = Swift.max(old * factor, minimumLearningRate)
            // PyTorch ignores changes smaller than 1e-8.
            if old - new > 1e-8 { optimizer.groups[g].learningRate = new }
        }
        cooldownLeft = cooldown
        badEpochs = 0
        return true
    }
}
