/// Proximal-gradient minimization of f + g: f smooth with gradient supplied as a closure (from
/// any differentiation mode), g a ``ProximalOperator``.
public enum ProximalGradient {
    /// The iteration.
    public enum Method: String, Sendable, CaseIterable {
        /// x ← prox(x − t∇f(x)): O(1/k) in the objective, monotone.
        case ista
        /// Beck–Teboulle momentum on top of ISTA: O(1/k²); with
        /// ``Options/adaptiveRestart`` also linear near a strongly convex optimum.
        case fista
    }

    /// Why the iteration ended.
    public enum Stop: String, Sendable {
        /// ``ProximalOperator/optimalityResidual(at:gradient:)`` fell to the tolerance.
        case optimal
        /// The iteration limit was reached first.
        case maxIterations
        /// Backtracking shrank the step below `minimumStep` (f's gradient is not Lipschitz at
        /// that scale, or the closures disagree).
        case stepUnderflow
    }

    /// Tuning of the iteration.
    public struct Options: Sendable {
        /// The iteration limit.
        public var maxIterations: Int
        /// The residual at which x counts as optimal.
        public var tolerance: Double
        /// The first step t tried (1/L for a known Lipschitz constant L of ∇f).
        public var initialStep: Double
        /// The factor a rejected step is multiplied by.
        public var backtrackingFactor: Double
        /// The step below which the iteration gives up.
        public var minimumStep: Double
        /// FISTA only: reset the momentum whenever the step just taken, p − x, points against
        /// the gradient-mapping direction y − p (O'Donoghue and Candès, 2015). Without it the
        /// momentum overshoots near a strongly convex optimum (a lasso once its support is
        /// found), and plain ISTA can then reach a tight tolerance in fewer iterations.
        public var adaptiveRestart: Bool

        /// Options with the given values; the defaults suit well-scaled problems.
        public init(
            maxIterations: Int = 10_000, tolerance: Double = 1e-8, initialStep: Double = 1,
            backtrackingFactor: Double = 0.5, minimumStep: Double = 1e-30, adaptiveRestart: Bool = true
        ) {
            precondition(maxIterations >= 0, "maxIterations \(maxIterations) must be non-negative")
            precondition(tolerance >= 0, "tolerance \(tolerance) must be non-negative")
            precondition(initialStep > 0, "initialStep \(initialStep) must be positive")
            precondition(
                backtrackingFactor > 0 && backtrackingFactor < 1,
                "backtrackingFactor \(backtrackingFactor) must lie in (0, 1)")
            self.maxIterations = maxIterations
            self.tolerance = tolerance
            self.initialStep = initialStep
            self.backtrackingFactor = backtrackingFactor
            self.minimumStep = minimumStep
            self.adaptiveRestart = adaptiveRestart
        }
    }

    /// The outcome of a minimization.
    public struct Result: Sendable {
        /// The final iterate.
        public var x: [Double]
        /// Iterations performed (gradient steps accepted).
        public var iterations: Int
        /// f(x) + g(x) at the start and after every iteration.
        public var objectiveHistory: [Double]
        /// Why the iteration ended.
        public var stop: Stop
        /// The optimality residual at `x`.
        public var residual: Double
        /// The last accepted step t.
        public var step: Double
    }

    /// Minimizes f + g from `start` by ISTA or FISTA with backtracking line search.
    ///
    /// A step t is accepted when f(p) ≤ f(y) + ⟨∇f(y), p − y⟩ + ‖p − y‖²/(2t) for
    /// p = prox_{tg}(y − t∇f(y)). Near the optimum both sides agree to rounding, so when their
    /// difference is below the rounding of f the test switches to the gradient form
    /// ⟨∇f(p) − ∇f(y), p − y⟩ ≤ ‖p − y‖²/t (as TFOCS does), which is equivalent for quadratics
    /// and free of cancellation. The step never grows again, as in Beck and Teboulle.
    public static func minimize<G: ProximalOperator>(
        _ f: ([Double]) -> Double, gradient: ([Double]) -> [Double], regularizer g: G,
        from start: [Double], method: Method = .fista, options: Options = Options()
    ) -> Result {
        var x = start
        var fx = f(x)
        var gradientX = gradient(x)
        precondition(gradientX.count == x.count, "gradient has \(gradientX.count) entries for \(x.count) inputs")
        var history = [fx + g.value(x)]
        var residual = g.optimalityResidual(at: x, gradient: gradientX)
        var step = options.initialStep
        var momentum = 1.0
        var y = x
        var fy = fx
        var gradientY = gradientX
        func result(_ iterations: Int, _ stop: Stop) -> Result {
            Result(x: x, iterations: iterations, objectiveHistory: history, stop: stop, residual: residual, step: step)
        }
        if residual <= options.tolerance { return result(0, .optimal) }
        var iteration = 0
        while iteration < options.maxIterations {
            iteration += 1
            while true {
                let p = g.prox(zip(y, gradientY).map { $0 - step * $1 }, step: step)
                let d = zip(p, y).map { $0 - $1 }
                let squaredLength = d.reduce(0) { $0 + $1 * $1 }
                let fp = f(p)
                let gradientP = gradient(p)
                let excess = fp - fy - zip(gradientY, d).reduce(0) { $0 + $1.0 * $1.1 }
                let roundingOfF = 16 * Double.ulpOfOne * Swift.max(Swift.abs(fp), Swift.abs(fy))
                let accepted = Swift.abs(excess) > roundingOfF
                    ? excess <= squaredLength / (2 * step)
                    : zip(zip(gradientP, gradientY), d).reduce(0) { $0 + ($1.0.0 - $1.0.1) * $1.1 }
                        <= squaredLength / step
                if accepted {
                    let previous = x
                    (x, fx, gradientX) = (p, fp, gradientP)
                    switch method {
                    case .ista:
                        (y, fy, gradientY) = (x, fx, gradientX)
                    case .fista:
                        if options.adaptiveRestart
                            && zip(zip(y, x), previous).reduce(0, { $0 + ($1.0.0 - $1.0.1) * ($1.0.1 - $1.1) }) > 0
                        {
                            momentum = 1
                        }
                        let next = (1 + (1 + 4 * momentum * momentum).squareRoot()) / 2
                        let weight = (momentum - 1) / next
                        momentum = next
                        y = zip(x, previous).map { $0 + weight * ($0 - $1) }
                        fy = f(y)
                        gradientY = gradient(y)
                    }
                    break
                }
                step *= options.backtrackingFactor
                if step < options.minimumStep { return result(iteration - 1, .stepUnderflow) }
            }
            history.append(fx + g.value(x))
            residual = g.optimalityResidual(at: x, gradient: gradientX)
            if residual <= options.tolerance { return result(iteration, .optimal) }
        }
        return result(options.maxIterations, .maxIterations)
    }
}
