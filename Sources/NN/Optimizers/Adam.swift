import CKernels
import Tensors
import RealModule

/// Adam, and AdamW with ``decoupledWeightDecay``, with PyTorch's formulas (t counts this
/// parameter's updates):
///
///     g ← ∇ + λ·w                      (Adam: L2 decay enters the gradient)
///     w ← w·(1 − η·λ)                  (AdamW: decay applied to the weights directly)
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     w ← w − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
public final class Adam<Scalar: TensorScalar>: Optimizer {
    /// The parameter groups.
    public var groups: [OptimizerGroup<Scalar>]
    /// Per-parameter state (first and second moment estimates).
    public var states: [ParameterState<Scalar>]
    /// β₁, β₂.
    public let betas: (Double, Double)
    /// ε.
    public let epsilon: Double
    /// Whether weight decay shrinks the weights directly (AdamW) instead of entering the
    /// gradient (Adam).
    public let decoupledWeightDecay: Bool
    /// `["exp_avg", "exp_avg_sq"]`, PyTorch's names for m and v.
    public let slotNames = ["exp_avg", "exp_avg_sq"]

    /// Creates the optimizer over `groups`, whose unset hyperparameters take these defaults.
    public init(
        groups: [ParameterGroup<Scalar>], learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
        epsilon: Double = 1e-8, weightDecay: Double = 0, decoupledWeightDecay: Bool = false, l1Strength: Double = 0
    ) {
        require((0..<1).contains(betas.0) && (0..<1).contains(betas.1), "Adam betas \(betas) outside [0, 1)")
        (self.groups, states) = resolveGroups(groups, learningRate: learningRate, weightDecay: weightDecay, l1Strength: l1Strength)
        self.betas = betas
        self.epsilon = epsilon
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// Creates the optimizer over one group of `parameters`.
    public convenience init(
        parameters: [Parameter<Scalar>], learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
        epsilon: Double = 1e-8, weightDecay: Double = 0, decoupledWeightDecay: Bool = false, l1Strength: Double = 0
    ) {
        self.init(
            groups: [ParameterGroup(parameters: parameters)], learningRate: learningRate, betas: betas,
            epsilon: epsilon, weightDecay: weightDecay, decoupledWeightDecay: decoupledWeightDecay,
            l1Strength: l1Strength)
    }

    /// AdamW: Adam with decoupled weight decay (PyTorch's default decay 0.01).
    public static func adamW(
        groups: [ParameterGroup<Scalar>], learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
        epsilon: Double = 1e-8, weightDecay: Double = 1e-2, l1Strength: Double = 0
    ) -> Adam {
        Adam(
            groups: groups, learningRate: learningRate, betas: betas, epsilon: epsilon, weightDecay: weightDecay,
            decoupledWeightDecay: true, l1Strength: l1Strength)
    }

    /// Applies one update.
    public func step() {
        forEachParameterWithGradient { group, p, grad, state in
            let t = Double(state.step)
            let (correction1, correction2) = (1 - Double.pow(betas.0, t), 1 - Double.pow(betas.1, t))
            var m = state.slots.removeValue(forKey: "exp_avg") ?? Array(repeating: 0, count: p.count)
            var v = state.slots.removeValue(forKey: "exp_avg_sq") ?? Array(repeating: 0, count: p.count)
            var constants = gg_adam_constants(
                beta1: betas.0, beta2: betas.1, epsilon: epsilon, weight_decay: group.weightDecay,
                shrink: 1 - group.learningRate * group.weightDecay, step_size: group.learningRate / correction1,
                root_correction2: correction2.squareRoot(), coupled_decay: group.weightDecay != 0 && !decoupledWeightDecay,
                decoupled_decay: group.weightDecay != 0 && decoupledWeightDecay)
            p.update { w in
                grad.withUnsafePointer { g in
                    m.withUnsafeMutableBufferPointer { m in
                        v.withUnsafeMutableBufferPointer { v in
                            guard let base = w.baseAddress, let m = m.baseAddress, let v = v.baseAddress else { return }
                            if ConcreteScalar.isFloat(Scalar.self) {
                                gg_adam_f32(
                                    ConcreteScalar.cast(base, to: Float.self), ConcreteScalar.cast(g, to: Float.self),
                                    ConcreteScalar.cast(m, to: Float.self), ConcreteScalar.cast(v, to: Float.self),
                                    Int64(w.count), &constants)
                            } else {
                                gg_adam_f64(
                                    ConcreteScalar.cast(base, to: Double.self), ConcreteScalar.cast(g, to: Double.self),
                                    ConcreteScalar.cast(m, to: Double.self), ConcreteScalar.cast(v, to: Double.self),
                                    Int64(w.count), &constants)
                            }
                        }
                    }
                }
            }
            state.slots["exp_avg"] = m
            state.slots["exp_avg_sq"] = v
        }
    }
}
