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
            let h = AdamHyperparameters(
                learningRate: group.learningRate, weightDecay: group.weightDecay, decoupled: decoupledWeightDecay,
                beta1: betas.0, beta2: betas.1, epsilon: epsilon,
                correction1: 1 - Double.pow(betas.0, t), correction2: 1 - Double.pow(betas.1, t))
            var m = state.slots.removeValue(forKey: "exp_avg") ?? Array(repeating: 0, count: p.count)
            var v = state.slots.removeValue(forKey: "exp_avg_sq") ?? Array(repeating: 0, count: p.count)
            p.update { w in
                grad.withUnsafePointer { g in
                    m.withUnsafeMutableBufferPointer { m in
                        v.withUnsafeMutableBufferPointer { v in
                            guard let base = w.baseAddress, let m = m.baseAddress, let v = v.baseAddress else { return }
                            if ConcreteScalar.isFloat(Scalar.self) {
                                adamUpdate(
                                    ConcreteScalar.cast(base, to: Float.self), ConcreteScalar.cast(g, to: Float.self),
                                    ConcreteScalar.cast(m, to: Float.self), ConcreteScalar.cast(v, to: Float.self),
                                    count: w.count, h)
                            } else {
                                adamUpdate(
                                    ConcreteScalar.cast(base, to: Double.self), ConcreteScalar.cast(g, to: Double.self),
                                    ConcreteScalar.cast(m, to: Double.self), ConcreteScalar.cast(v, to: Double.self),
                                    count: w.count, h)
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

private struct AdamHyperparameters {
    let learningRate, weightDecay: Double
    let decoupled: Bool
    let beta1, beta2, epsilon, correction1, correction2: Double
}

/// A free function, not a member of the generic class: only so is it specialized for the
/// concrete element type at each call.
///
/// Eight elements at a time in SIMD registers (the scalar loop stayed scalar: its square root
/// and division cost more than the rest of the training step of a large layer), the last
/// partial group through a zero-padded copy; each lane computes exactly the scalar formula.
private func adamUpdate<T: BinaryFloatingPoint & Real & SIMDScalar>(
    _ w: UnsafeMutablePointer<T>, _ grad: UnsafePointer<T>, _ m: UnsafeMutablePointer<T>,
    _ v: UnsafeMutablePointer<T>, count: Int, _ h: AdamHyperparameters
) {
    typealias V = SIMD8<T>
    let (b1, b2, eps) = (T(h.beta1), T(h.beta2), T(h.epsilon))
    let wd = T(h.weightDecay)
    let shrink = T(1 - h.learningRate * h.weightDecay)
    let stepSize = T(h.learningRate / h.correction1)
    let rootCorrection2 = T(h.correction2.squareRoot())
    let coupledDecay = h.weightDecay != 0 && !h.decoupled
    let decoupledDecay = h.weightDecay != 0 && h.decoupled
    @inline(__always) func update(_ w: inout V, _ g: V, _ m: inout V, _ v: inout V) {
        var g = g
        if coupledDecay { g += wd * w }
        if decoupledDecay { w *= shrink }
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= stepSize * m / (v.squareRoot() / rootCorrection2 + eps)
    }
    @inline(__always) func load(_ p: UnsafePointer<T>, _ i: Int) -> V { UnsafeRawPointer(p + i).loadUnaligned(as: V.self) }
    @inline(__always) func store(_ x: V, _ p: UnsafeMutablePointer<T>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: x, as: V.self)
    }
    var i = 0
    while i + V.scalarCount <= count {
        var (wi, mi, vi) = (load(w, i), load(m, i), load(v, i))
        update(&wi, load(grad, i), &mi, &vi)
        (store(wi, w, i), store(mi, m, i), store(vi, v, i))
        i += V.scalarCount
    }
    guard i < count else { return }
    var (wi, gi, mi, vi) = (V(), V(), V(), V())
    for lane in 0..<(count - i) { (wi[lane], gi[lane], mi[lane], vi[lane]) = (w[i + lane], grad[i + lane], m[i + lane], v[i + lane]) }
    update(&wi, gi, &mi, &vi)
    for lane in 0..<(count - i) { (w[i + lane], m[i + lane], v[i + lane]) = (wi[lane], mi[lane], vi[lane]) }
}
