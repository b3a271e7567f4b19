import Tensors

/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2
/// weight decay, with PyTorch's formulas:
///
///     g ← ∇ + λ·w
///     b ← g at the first step, else μ·b + (1 − τ)·g
///     g ← g + μ·b (Nesterov) or b
///     w ← w − η·g
public final class SGD<Scalar: TensorScalar>: Optimizer {
    /// The parameter groups.
    public var groups: [OptimizerGroup<Scalar>]
    /// Per-parameter state (the momentum buffer).
    public var states: [ParameterState<Scalar>]
    /// μ.
    public let momentum: Double
    /// τ.
    public let dampening: Double
    /// Whether the update looks ahead along the momentum.
    public let nesterov: Bool
    /// `["momentum"]`.
    public let slotNames = ["momentum"]

    /// Creates the optimizer over `groups`, whose unset hyperparameters take these defaults.
    ///
    /// - Precondition: Nesterov momentum needs μ > 0 and τ = 0 (as in PyTorch).
    public init(
        groups: [ParameterGroup<Scalar>], learningRate: Double, momentum: Double = 0, dampening: Double = 0,
        nesterov: Bool = false, weightDecay: Double = 0, l1Strength: Double = 0
    ) {
        require(!nesterov || (momentum > 0 && dampening == 0), "Nesterov momentum needs momentum > 0 and dampening 0")
        (self.groups, states) = resolveGroups(groups, learningRate: learningRate, weightDecay: weightDecay, l1Strength: l1Strength)
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
    }

    /// Creates the optimizer over one group of `parameters`.
    public convenience init(
        parameters: [Parameter<Scalar>], learningRate: Double, momentum: Double = 0, dampening: Double = 0,
        nesterov: Bool = false, weightDecay: Double = 0, l1Strength: Double = 0
    ) {
        self.init(
            groups: [ParameterGroup(parameters: parameters)], learningRate: learningRate, momentum: momentum,
            dampening: dampening, nesterov: nesterov, weightDecay: weightDecay, l1Strength: l1Strength)
    }

    /// Applies one update.
    public func step() {
        forEachParameterWithGradient { group, p, grad, state in
            let h = SGDHyperparameters(
                learningRate: group.learningRate, weightDecay: group.weightDecay, momentum: momentum,
                dampening: dampening, nesterov: nesterov, firstStep: state.step == 1)
            var buffer = momentum == 0 ? [] : state.slots.removeValue(forKey: "momentum") ?? Array(repeating: 0, count: p.count)
            p.update { w in
                grad.withUnsafePointer { g in
                    buffer.withUnsafeMutableBufferPointer { b in
                        let n = w.count
                        // An empty array (no momentum) still has a base address: pass none.
                        let b = b.count == n ? b.baseAddress : nil
                        guard let w = w.baseAddress else { return }
                        if ConcreteScalar.isFloat(Scalar.self) {
                            sgdUpdate(
                                ConcreteScalar.cast(w, to: Float.self), ConcreteScalar.cast(g, to: Float.self),
                                b.map { ConcreteScalar.cast($0, to: Float.self) }, count: n, h)
                        } else {
                            sgdUpdate(
                                ConcreteScalar.cast(w, to: Double.self), ConcreteScalar.cast(g, to: Double.self),
                                b.map { ConcreteScalar.cast($0, to: Double.self) }, count: n, h)
                        }
                    }
                }
            }
            if momentum != 0 { state.slots["momentum"] = buffer }
        }
    }
}

private struct SGDHyperparameters {
    let learningRate, weightDecay, momentum, dampening: Double
    let nesterov, firstStep: Bool
}

/// A free function, not a member of the generic class: only so is it specialized for the
/// concrete element type at each call.
private func sgdUpdate<T: BinaryFloatingPoint>(
    _ w: UnsafeMutablePointer<T>, _ grad: UnsafePointer<T>, _ buffer: UnsafeMutablePointer<T>?, count: Int,
    _ h: SGDHyperparameters
) {
    let (lr, wd, mu, keep) = (T(h.learningRate), T(h.weightDecay), T(h.momentum), T(1 - h.dampening))
    for i in 0..<count {
        var g = grad[i]
        if h.weightDecay != 0 { g += wd * w[i] }
        if let buffer {
            buffer[i] = h.firstStep ? g : mu * buffer[i] + keep * g
            g = h.nesterov ? g + mu * buffer[i] : buffer[i]
        }
        w[i] -= lr * g
    }
}
