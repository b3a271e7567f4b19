import Tensors

/// A rule that updates parameters from their accumulated gradients.
///
/// Usage per training step, as in PyTorch: `optimizer.zeroGrad()`, forward, `loss.backward()`,
/// `optimizer.step()`. Updates are written in place into the parameters' storage, off the tape.
public protocol Optimizer<Scalar>: AnyObject {
    /// The element type of the parameters.
    associatedtype Scalar: TensorScalar

    /// The parameter groups with their hyperparameters.
    var groups: [OptimizerGroup<Scalar>] { get set }

    /// One state per parameter, in the order of ``parameters``.
    var states: [ParameterState<Scalar>] { get set }

    /// The names of the running buffers this optimizer keeps per parameter.
    var slotNames: [String] { get }

    /// Applies one update to every parameter that has a gradient (others are skipped).
    func step()
}

extension Optimizer {
    /// All parameters of all groups, in order.
    public var parameters: [Parameter<Scalar>] { groups.flatMap(\.parameters) }

    /// Clears the gradients of all parameters.
    public func zeroGrad() {
        for group in groups {
            for p in group.parameters { p.zeroGrad() }
        }
    }

    /// Sets every group's learning rate from `schedule` at `epoch`, starting from the group's
    /// initial learning rate.
    public func applySchedule(_ schedule: some LearningRateSchedule, epoch: Int) {
        for g in groups.indices {
            groups[g].learningRate = schedule.learningRate(initial: groups[g].initialLearningRate, epoch: epoch)
        }
    }

    /// Calls `body` with each group, parameter, its gradient and its state, for the
    /// parameters that have a gradient; then applies the group's L1 proximal step.
    func forEachParameterWithGradient(
        _ body: (OptimizerGroup<Scalar>, Parameter<Scalar>, Tensor<Scalar>, inout ParameterState<Scalar>) -> Void
    ) {
        var index = 0
        for group in groups {
            for p in group.parameters {
                defer { index += 1 }
                guard let grad = p.grad else { continue }
                states[index].step += 1
                body(group, p, grad, &states[index])
                if group.l1Strength > 0 { softThreshold(p, by: group.learningRate * group.l1Strength) }
            }
        }
    }
}

/// Resolves user groups against defaults; one empty state per parameter.
func resolveGroups<Scalar>(
    _ groups: [ParameterGroup<Scalar>], learningRate: Double, weightDecay: Double, l1Strength: Double
) -> (groups: [OptimizerGroup<Scalar>], states: [ParameterState<Scalar>]) {
    let resolved = groups.map { OptimizerGroup($0, learningRate: learningRate, weightDecay: weightDecay, l1Strength: l1Strength) }
    return (resolved, Array(repeating: ParameterState(), count: resolved.reduce(0) { $0 + $1.parameters.count }))
}
