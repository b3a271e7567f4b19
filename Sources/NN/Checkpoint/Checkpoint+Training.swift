import Tensors

extension Checkpoint {
    /// A checkpoint of `model`'s parameters and buffers (as `model.<path>`), of `optimizer`'s
    /// state when given (as `optimizer.…`), and of `metadata`.
    public init<M: Module>(model: M, optimizer: (any Optimizer<M.Scalar>)? = nil, metadata: [String: String] = [:]) {
        var tensors: [String: StoredTensor] = [:]
        for (name, p) in model.namedParameters { tensors["model.\(name)"] = StoredTensor(p.value) }
        for (name, b) in model.namedBuffers { tensors["model.\(name)"] = StoredTensor(b.value) }
        if let optimizer {
            tensors[Self.stepsName] = StoredTensor(Tensor<Double>(optimizer.states.map { Double($0.step) }))
            tensors[Self.learningRatesName] = StoredTensor(Tensor<Double>(optimizer.groups.map(\.learningRate)))
            let parameters = optimizer.parameters
            for (i, state) in optimizer.states.enumerated() {
                for (slot, values) in state.slots {
                    tensors[Self.slotName(i, slot)] = StoredTensor(Tensor(shape: parameters[i].shape, scalars: values))
                }
            }
        }
        self.init(metadata: metadata, tensors: tensors)
    }

    /// Puts the saved values back into `model` (and `optimizer` when given).
    ///
    /// Everything is validated before anything changes: each model parameter and buffer must
    /// be present with its shape, no saved `model.…` tensor may be unknown to the model, and
    /// the optimizer state must fit the optimizer's parameters and groups.
    public func restore<M: Module>(into model: M, optimizer: (any Optimizer<M.Scalar>)? = nil) throws(CheckpointError) {
        let parameters = model.namedParameters
        let buffers = model.namedBuffers
        var expected = Set<String>()
        for (name, shape) in parameters.map({ ($0.name, $0.parameter.shape) }) + buffers.map({ ($0.name, $0.buffer.value.shape) }) {
            let key = "model.\(name)"
            expected.insert(key)
            _ = try stored(key, shape: shape)
        }
        if let extra = tensors.keys.sorted().first(where: { $0.hasPrefix("model.") && !expected.contains($0) }) {
            throw .unexpectedTensor(name: extra)
        }
        let optimizerState = try optimizer.map { o throws(CheckpointError) in try savedState(for: o) }

        for (name, p) in parameters { p.assign(tensors["model.\(name)"]?.tensor() ?? p.value) }
        for (name, b) in buffers { b.assign(tensors["model.\(name)"]?.tensor() ?? b.value) }
        if let optimizer, let (states, rates) = optimizerState {
            optimizer.states = states
            for g in optimizer.groups.indices { optimizer.groups[g].learningRate = rates[g] }
        }
    }

    static let stepsName = "optimizer.steps"
    static let learningRatesName = "optimizer.learningRates"
    static func slotName(_ index: Int, _ slot: String) -> String { "optimizer.state.\(index).\(slot)" }

    /// The tensor called `name`, checked to have `shape`.
    private func stored(_ name: String, shape: [Int]) throws(CheckpointError) -> StoredTensor {
        guard let t = tensors[name] else { throw .missingTensor(name: name) }
        guard t.shape == shape else { throw .shapeMismatch(name: name, expected: shape, found: t.shape) }
        return t
    }

    /// The optimizer state saved for `optimizer`, validated against its parameters.
    private func savedState<O: Optimizer>(for optimizer: O) throws(CheckpointError)
        -> (states: [ParameterState<O.Scalar>], learningRates: [Double])
    {
        let parameters = optimizer.parameters
        let steps = try stored(Self.stepsName, shape: [parameters.count]).tensor(of: Double.self).scalars
        let rates = try stored(Self.learningRatesName, shape: [optimizer.groups.count]).tensor(of: Double.self).scalars
        var states: [ParameterState<O.Scalar>] = []
        for (i, p) in parameters.enumerated() {
            guard let step = Int(exactly: steps[i]), step >= 0 else {
                throw .invalidValue(name: Self.stepsName, reason: "step count \(steps[i]) of parameter \(i) is not a count")
            }
            var state = ParameterState<O.Scalar>()
            state.step = step
            for slot in optimizer.slotNames where tensors[Self.slotName(i, slot)] != nil {
                state.slots[slot] = try stored(Self.slotName(i, slot), shape: p.shape).tensor(of: O.Scalar.self).scalars
            }
            states.append(state)
        }
        return (states, rates)
    }
}
