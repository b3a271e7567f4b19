import GraphGrad
import Testing
import _TestSupport

/// Gradients for a few steps, as if from a loss (seeded).
private func gradientSequence(_ shape: [Int], steps: Int, seed: UInt64) -> [Tensor<Double>] {
    (0..<steps).map { randomTensor(shape, in: -2...2, seed: seed + UInt64($0)) }
}

/// Runs `optimizer` for the given gradients, returning the parameter after each step.
private func run(_ optimizer: some Optimizer<Double>, _ p: Parameter<Double>, _ grads: [Tensor<Double>]) -> [[Double]] {
    grads.map { g in
        p.setGrad(g)
        optimizer.step()
        return p.value.scalars
    }
}

private func expectClose(_ a: [[Double]], _ b: [[Double]], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, sourceLocation: sourceLocation)
    for (x, y) in zip(a.joined(), b.joined()) {
        #expect(Swift.abs(x - y) <= 1e-12 * Swift.max(1, Swift.abs(y)), "\(x) vs \(y)", sourceLocation: sourceLocation)
    }
}

@Suite("Optimizers: PyTorch formulas, convergence, groups, clipping, schedules")
struct OptimizerTests {
    /// torch.optim.SGD's algorithm, transcribed from its documentation.
    static func referenceSGD(
        _ w0: [Double], _ grads: [Tensor<Double>], lr: Double, momentum: Double, dampening: Double, nesterov: Bool,
        weightDecay: Double
    ) -> [[Double]] {
        var w = w0
        var b: [Double]? = nil
        var out: [[Double]] = []
        for (t, grad) in grads.enumerated() {
            var g = zip(grad.scalars, w).map { $0 + weightDecay * $1 }
            if momentum != 0 {
                b = t == 0 ? g : zip(b ?? [], g).map { momentum * $0 + (1 - dampening) * $1 }
                g = nesterov ? zip(g, b ?? []).map { $0 + momentum * $1 } : (b ?? [])
            }
            w = zip(w, g).map { $0 - lr * $1 }
            out.append(w)
        }
        return out
    }

    /// torch.optim.Adam / AdamW's algorithm, transcribed from their documentation.
    static func referenceAdam(
        _ w0: [Double], _ grads: [Tensor<Double>], lr: Double, betas: (Double, Double), eps: Double,
        weightDecay: Double, decoupled: Bool
    ) -> [[Double]] {
        var w = w0
        var m = [Double](repeating: 0, count: w.count)
        var v = m
        var out: [[Double]] = []
        for (k, grad) in grads.enumerated() {
            let t = Double(k + 1)
            for i in w.indices {
                var g = grad.scalars[i]
                if decoupled { w[i] -= lr * weightDecay * w[i] } else { g += weightDecay * w[i] }
                m[i] += (g - m[i]) * (1 - betas.0)
                v[i] = v[i] * betas.1 + (1 - betas.1) * g * g
                let mHat = m[i] / (1 - Double.pow(betas.0, t))
                let vHat = v[i] / (1 - Double.pow(betas.1, t))
                w[i] -= lr * mHat / (vHat.squareRoot() + eps * (1 - Double.pow(betas.1, t)).squareRoot() / (1 - Double.pow(betas.1, t)).squareRoot())
            }
            out.append(w)
        }
        return out
    }

    @Test(arguments: [(0.0, 0.0, false, 0.0), (0.9, 0.0, false, 0.0), (0.9, 0.3, false, 0.01), (0.8, 0.0, true, 0.05)])
    func sgdMatchesPyTorchFormulas(_ momentum: Double, _ dampening: Double, _ nesterov: Bool, _ weightDecay: Double) {
        let w0 = randomTensor([2, 3], seed: 1)
        let grads = gradientSequence([2, 3], steps: 6, seed: 10)
        let p = Parameter(w0)
        let sgd = SGD(parameters: [p], learningRate: 0.05, momentum: momentum, dampening: dampening, nesterov: nesterov, weightDecay: weightDecay)
        let expected = Self.referenceSGD(
            w0.scalars, grads, lr: 0.05, momentum: momentum, dampening: dampening, nesterov: nesterov, weightDecay: weightDecay)
        expectClose(run(sgd, p, grads), expected)
    }

    @Test(arguments: [(0.0, false), (0.1, false), (0.1, true)])
    func adamMatchesPyTorchFormulas(_ weightDecay: Double, _ decoupled: Bool) {
        let w0 = randomTensor([4], seed: 2)
        let grads = gradientSequence([4], steps: 8, seed: 20)
        let p = Parameter(w0)
        let adam = Adam(parameters: [p], learningRate: 0.01, betas: (0.8, 0.95), epsilon: 1e-6, weightDecay: weightDecay, decoupledWeightDecay: decoupled)
        let expected = Self.referenceAdam(
            w0.scalars, grads, lr: 0.01, betas: (0.8, 0.95), eps: 1e-6, weightDecay: weightDecay, decoupled: decoupled)
        expectClose(run(adam, p, grads), expected)
    }

    @Test func parametersWithoutGradientAreSkipped() {
        let (a, b) = (Parameter(randomTensor([3], seed: 3)), Parameter(randomTensor([3], seed: 4)))
        let adam = Adam(parameters: [a, b], learningRate: 0.1)
        let before = b.value
        a.setGrad(randomTensor([3], seed: 5))
        adam.step()
        #expect(b.value == before)
        #expect(adam.states[0].step == 1 && adam.states[1].step == 0)
    }

    @Test func quadraticConverges() {
        // f(w) = ½ Σ aᵢ (wᵢ − cᵢ)², minimum at c.
        let a = randomTensor([5], in: 0.5...2, seed: 6)
        let c = randomTensor([5], seed: 7)
        let optimizers: [(Parameter<Double>) -> any Optimizer<Double>] = [
            { SGD(parameters: [$0], learningRate: 0.1) },
            { SGD(parameters: [$0], learningRate: 0.05, momentum: 0.9) },
            { SGD(parameters: [$0], learningRate: 0.05, momentum: 0.9, nesterov: true) },
            { Adam(parameters: [$0], learningRate: 0.05) },
            { Adam.adamW(groups: [ParameterGroup(parameters: [$0])], learningRate: 0.05, weightDecay: 0) },
        ]
        for make in optimizers {
            let p = Parameter(randomTensor([5], in: -3...3, seed: 8))
            let optimizer = make(p)
            for _ in 0..<600 {
                optimizer.zeroGrad()
                (a * (p.value - c).squared()).sum().backward()
                optimizer.step()
            }
            let error = zip(p.value.scalars, c.scalars).map { Swift.abs($0 - $1) }.max() ?? .infinity
            #expect(error < 1e-4, "\(type(of: optimizer)) ended \(error) from the minimum")
        }
    }

    @Test func weightDecayAppliesOnlyToItsGroup() {
        let decayed = Parameter(randomTensor([4], seed: 9))
        let plain = Parameter(randomTensor([4], seed: 10))
        let (d0, p0) = (decayed.value.scalars, plain.value.scalars)
        let sgd = SGD(
            groups: [ParameterGroup(parameters: [decayed], weightDecay: 0.5), ParameterGroup(parameters: [plain])],
            learningRate: 0.1)
        for p in [decayed, plain] { p.setGrad(Tensor.zeros([4])) }
        sgd.step()
        // With a zero gradient, only decay moves a weight: w ← w − η·λ·w.
        for (after, before) in zip(decayed.value.scalars, d0) { #expect(Swift.abs(after - before * 0.95) < 1e-15) }
        #expect(plain.value.scalars == p0)
    }

    @Test func groupLearningRatesOverrideTheDefault() {
        let (a, b) = (Parameter(Tensor([1.0])), Parameter(Tensor([1.0])))
        let sgd = SGD(groups: [ParameterGroup(parameters: [a], learningRate: 0.5), ParameterGroup(parameters: [b])], learningRate: 0.1)
        a.setGrad(Tensor([1.0]))
        b.setGrad(Tensor([1.0]))
        sgd.step()
        #expect(a.value.scalars == [0.5] && b.value.scalars == [0.9])
    }

    @Test func l1ProximalStepSoftThresholds() {
        let w0 = randomTensor([8], in: -0.3...0.3, seed: 11)
        let g = randomTensor([8], seed: 12)
        let p = Parameter(w0)
        let sgd = SGD(parameters: [p], learningRate: 0.1, l1Strength: 1.5)
        p.setGrad(g)
        sgd.step()
        for i in 0..<8 {
            let z = w0.scalars[i] - 0.1 * g.scalars[i]
            let expected = z.sign == .minus ? -Swift.max(-z - 0.15, 0) : Swift.max(z - 0.15, 0)
            #expect(Swift.abs(p.value.scalars[i] - expected) < 1e-15)
        }
        #expect(p.value.scalars.contains(0))
    }

    @Test func clipByGlobalNorm() {
        let (a, b) = (Parameter(Tensor<Double>.zeros([3])), Parameter(Tensor<Double>.zeros([2, 2])))
        let (ga, gb) = (randomTensor([3], seed: 13), randomTensor([2, 2], seed: 14))
        a.setGrad(ga)
        b.setGrad(gb)
        let norm = (ga.scalars + gb.scalars).reduce(0) { $0 + $1 * $1 }.squareRoot()
        let reported = clipGradientNorm([a, b], maxNorm: norm / 2)
        #expect(Swift.abs(reported - norm) < 1e-14)
        let factor = (norm / 2) / (norm + 1e-6)
        for (clipped, original) in zip((a.grad?.scalars ?? []) + (b.grad?.scalars ?? []), ga.scalars + gb.scalars) {
            #expect(Swift.abs(clipped - original * factor) < 1e-15)
        }
        clipGradientNorm([a, b], maxNorm: norm * 10)
        for (kept, original) in zip(a.grad?.scalars ?? [], ga.scalars) { #expect(Swift.abs(kept - original * factor) < 1e-15) }
    }

    @Test func clipByValue() {
        let p = Parameter(Tensor<Double>.zeros([10]))
        let g = randomTensor([10], in: -3...3, seed: 15)
        p.setGrad(g)
        clipGradientValues([p], limit: 1)
        #expect(p.grad?.scalars == g.scalars.map { Swift.min(Swift.max($0, -1), 1) })
    }

    @Test func stepAndCosineSchedules() {
        let step = StepDecay(stepSize: 3, gamma: 0.5)
        for epoch in 0..<10 {
            #expect(step.learningRate(initial: 0.2, epoch: epoch) == 0.2 * Double.pow(0.5, Double(epoch / 3)))
        }
        let cosine = CosineAnnealing(period: 10, minimum: 0.01)
        #expect(Swift.abs(cosine.learningRate(initial: 0.1, epoch: 0) - 0.1) < 1e-15)
        #expect(Swift.abs(cosine.learningRate(initial: 0.1, epoch: 5) - 0.055) < 1e-15)
        #expect(Swift.abs(cosine.learningRate(initial: 0.1, epoch: 10) - 0.01) < 1e-15)
        // PyTorch's recursive form, η_t = η_min + (η_{t−1} − η_min)(1 + cos(πt/T)) / (1 + cos(π(t−1)/T)),
        // agrees with the closed form inside the period.
        var lr = 0.1
        for t in 1..<10 {
            lr = 0.01 + (lr - 0.01) * (1 + Double.cos(Double.pi * Double(t) / 10)) / (1 + Double.cos(Double.pi * Double(t - 1) / 10))
            #expect(Swift.abs(cosine.learningRate(initial: 0.1, epoch: t) - lr) < 1e-14)
        }
        let p = Parameter(Tensor([1.0]))
        let sgd = SGD(groups: [ParameterGroup(parameters: [p], learningRate: 0.4)], learningRate: 0.1)
        sgd.applySchedule(step, epoch: 7)
        #expect(sgd.groups[0].learningRate == 0.1 && sgd.groups[0].initialLearningRate == 0.4)
    }

    @Test func reduceOnPlateauWaitsForPatience() {
        let p = Parameter(Tensor([1.0]))
        let sgd = SGD(parameters: [p], learningRate: 1)
        let scheduler = ReduceOnPlateau(goal: .minimize, factor: 0.5, patience: 2, cooldown: 1, minimumLearningRate: 0.2)
        var reductions: [Int] = []
        // Improves for 3 epochs, then stalls.
        let metrics = [5.0, 4, 3] + Array(repeating: 3.0, count: 12)
        for (epoch, metric) in metrics.enumerated() where scheduler.step(metric: metric, optimizer: sgd) {
            reductions.append(epoch)
        }
        // Stalls start at epoch 3; the third bad epoch (5) exceeds patience 2. After a cooldown
        // epoch (6, not counted), three more bad epochs (7, 8, 9) reduce again, and so on.
        #expect(reductions.first == 5)
        #expect(zip(reductions, reductions.dropFirst()).allSatisfy { $1 - $0 == 4 })
        #expect(sgd.groups[0].learningRate == 0.2)
    }
}
