import Tensors

/// Parameters that share hyperparameters, for optimizers that treat parts of a model
/// differently (GCN decays only its first layer's weights, for example).
///
/// A nil hyperparameter takes the optimizer's default.
public struct ParameterGroup<Scalar: TensorScalar> {
    /// The parameters of the group.
    public var parameters: [Parameter<Scalar>]
    /// The learning rate, or nil for the optimizer's.
    public var learningRate: Double?
    /// The L2 weight decay, or nil for the optimizer's.
    public var weightDecay: Double?
    /// The strength λ of an L1 penalty λ‖w‖₁ applied by a proximal step after each update
    /// (soft-thresholding by learning rate × λ), or nil for the optimizer's.
    public var l1Strength: Double?

    /// Creates a group.
    public init(
        parameters: [Parameter<Scalar>], learningRate: Double? = nil, weightDecay: Double? = nil,
        l1Strength: Double? = nil
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.l1Strength = l1Strength
    }
}

/// A parameter group inside an optimizer, with every hyperparameter resolved.
public struct OptimizerGroup<Scalar: TensorScalar> {
    /// The parameters of the group.
    public let parameters: [Parameter<Scalar>]
    /// The current learning rate (learning-rate schedules change it).
    public var learningRate: Double
    /// The learning rate the optimizer was created with, which schedules start from.
    public let initialLearningRate: Double
    /// The weight decay.
    public var weightDecay: Double
    /// The L1 proximal strength (0: none).
    public var l1Strength: Double

    /// Resolves `group` against the optimizer's defaults.
    init(_ group: ParameterGroup<Scalar>, learningRate: Double, weightDecay: Double, l1Strength: Double) {
        parameters = group.parameters
        self.learningRate = group.learningRate ?? learningRate
        initialLearningRate = self.learningRate
        self.weightDecay = group.weightDecay ?? weightDecay
        self.l1Strength = group.l1Strength ?? l1Strength
    }
}

/// The per-parameter state of an optimizer: how many updates the parameter has had, and
/// named running buffers of its shape (momentum, moment estimates), created at its first
/// update as PyTorch does.
public struct ParameterState<Scalar: TensorScalar> {
    /// Updates applied so far.
    public var step = 0
    /// Running buffers by name, each with the parameter's element count.
    public var slots: [String: [Scalar]] = [:]

    /// Empty state (no update yet).
    public init() {}
}
