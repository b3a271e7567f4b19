import GraphGrad
import Testing
import _TestSupport

/// The training loss of `model` in evaluation mode (no dropout) before and after `epochs`
/// full-batch Adam steps on the training nodes of `dataset`.
func trainingLosses(
    _ model: any NodeClassifier<Float>, on dataset: NodeDataset, hyperparameters: Hyperparameters, epochs: Int
) throws -> (before: Float, after: Float) {
    let input = try GraphInput<Float>(dataset: dataset, rowNormalizingFeatures: hyperparameters.rowNormalizeFeatures)
    let optimizer = Adam(groups: model.parameterGroups(for: hyperparameters), learningRate: hyperparameters.learningRate)
    let labels = dataset.labels.map(Int.init)
    let rows = dataset.trainIndex.map(Int.init)
    func evaluationLoss() -> Float {
        model.eval()
        return withoutGradients { crossEntropy(logits: model(input), labels: labels, rows: rows).scalar }
    }
    let before = evaluationLoss()
    model.train()
    for _ in 0..<epochs {
        optimizer.zeroGrad()
        crossEntropy(logits: model(input), labels: labels, rows: rows).backward()
        optimizer.step()
    }
    return (before, evaluationLoss())
}

/// GCN with the paper's settings fits the training nodes of karate and Cora.
@Test(arguments: ["karate", "cora"])
func gcnTrainingLossDecreases(datasetName: String) throws {
    let dataset = try NodeDataset.load(named: datasetName)
    let h = ModelKind.gcn.paperDefaults
    let model: any NodeClassifier<Float> = ModelKind.gcn.makeModel(
        hyperparameters: h, featureCount: dataset.features.columns, classCount: dataset.classCount, seed: 1)
    let losses = try trainingLosses(model, on: dataset, hyperparameters: h, epochs: 60)
    #expect(losses.after < 0.5 * losses.before, "losses \(losses.before) → \(losses.after)")
}

/// A small synthetic dataset: a seeded random graph with random sparse features.
private func smallInput(seed: UInt64) throws -> GraphInput<Double> {
    let graph = try testGraph(nodeCount: 12, edgeCount: 20, seed: seed)
    let features = try SparseMatrix<Double>(randomSparseFeatures(rows: graph.nodeCount, columns: 6, seed: seed + 1))
    return GraphInput(graph: graph, features: .sparse(features))
}

/// Small hyperparameters of `kind` for fast checks (few layers, narrow).
private func smallHyperparameters(_ kind: ModelKind) -> Hyperparameters {
    var h = kind.paperDefaults
    h.hidden = 3
    h.heads = min(h.heads, 2)
    h.layers = kind == .gcnii ? 3 : h.layers
    h.k = kind == .appnp ? 3 : h.k
    return h
}

/// The same seed gives the same initial weights and, in training mode, the same outputs
/// (dropout masks included); another seed gives other weights.
@Test(arguments: ModelKind.allCases)
func modelsAreSeeded(kind: ModelKind) throws {
    let input = try smallInput(seed: 100)
    let h = smallHyperparameters(kind)
    func make(_ seed: UInt64) -> any NodeClassifier<Double> {
        kind.makeModel(hyperparameters: h, featureCount: 6, classCount: 3, seed: seed)
    }
    let (a, b, c) = (make(5), make(5), make(6))
    #expect(a.parameters.map(\.value) == b.parameters.map(\.value))
    #expect(a.parameters.map(\.value) != c.parameters.map(\.value))
    let output = a(input)
    #expect(output.shape == [input.graph.nodeCount, 3])
    #expect(output == b(input))
}

/// Every parameter is in exactly one group, and the groups carry the paper's decays.
@Test(arguments: ModelKind.allCases)
func parameterGroupsPartitionTheParameters(kind: ModelKind) throws {
    let h = smallHyperparameters(kind)
    let model: any NodeClassifier<Double> = kind.makeModel(hyperparameters: h, featureCount: 6, classCount: 3, seed: 1)
    let groups = model.parameterGroups(for: h)
    let grouped = groups.flatMap(\.parameters).map(ObjectIdentifier.init)
    #expect(grouped.count == Set(grouped).count)
    #expect(Set(grouped) == Set(model.parameters.map(ObjectIdentifier.init)))
    let decays = Set(groups.compactMap(\.weightDecay))
    switch kind {
    case .gcn, .appnp, .cheb: #expect(decays == [h.weightDecay, 0])
    case .gcnii: #expect(decays == [0.01, 5e-4])
    default: #expect(decays == [h.weightDecay])
    }
}

/// A small input and a small model of `kind` on it with random parameters, in evaluation mode.
private func randomizedSmallModel(
    _ kind: ModelKind, seed: UInt64
) throws -> (GraphInput<Double>, any NodeClassifier<Double>) {
    let input = try smallInput(seed: seed)
    let model: any NodeClassifier<Double> = kind.makeModel(
        hyperparameters: smallHyperparameters(kind), featureCount: 6, classCount: 3, seed: seed + 1)
    randomizeParameters(model, seed: seed + 2)
    model.eval()
    return (input, model)
}

/// Gradients of every whole model with respect to all its parameters, in evaluation mode.
/// The parameters are randomized: with zero biases, nodes without features would sit exactly
/// on ReLU's kink, where finite differences do not measure a derivative.
@Test(arguments: ModelKind.allCases)
func modelsAreDifferentiable(kind: ModelKind) throws {
    let (input, model) = try randomizedSmallModel(kind, seed: 110)
    let parameters = model.parameters.map(\.value)
    expectDifferentiable(at: parameters, secondOrder: false) { xs in model.withParameters(xs) { model(input) } }
}

/// Every model with its paper's settings fits karate's training nodes.
@Test(arguments: ModelKind.allCases)
func everyModelTrainsOnKarate(kind: ModelKind) throws {
    let dataset = try NodeDataset.load(named: "karate")
    var h = kind.paperDefaults
    h.layers = kind == .gcnii ? 8 : h.layers
    let model: any NodeClassifier<Float> = kind.makeModel(
        hyperparameters: h, featureCount: dataset.features.columns, classCount: dataset.classCount, seed: 3)
    let losses = try trainingLosses(model, on: dataset, hyperparameters: h, epochs: 100)
    #expect(losses.after < 0.5 * losses.before, "\(kind): losses \(losses.before) → \(losses.after)")
}

/// The logits of selected rows, and the gradients of a loss on them, equal those of the full
/// pass's rows (SGC computes only the selected rows and GAT its last layer's; the others select
/// from the full pass).
@Test(arguments: ModelKind.allCases)
func selectedRowsMatchTheFullPass(kind: ModelKind) throws {
    let (input, model) = try randomizedSmallModel(kind, seed: 120)
    let rows = [7, 0, 3, 3, 11]
    let selected = model(input, rows: rows)
    #expect(selected.shape == [rows.count, 3])
    #expect(maxDifference(selected, model(input).gatheringRows(rows)) < 1e-12)
    let parameters = model.parameters.map(\.value)
    let weights = randomTensor([rows.count, 3], seed: 122)
    func gradients(_ logits: () -> Tensor<Double>) -> [Tensor<Double>] {
        let xs = parameters.map { $0.requiringGradient() }
        return model.withParameters(xs) { (logits() * weights).sum().gradients(wrt: xs) }
    }
    let restricted = gradients { model(input, rows: rows) }
    let full = gradients { model(input).gatheringRows(rows) }
    #expect(restricted.count == parameters.count)
    for (a, b) in zip(restricted, full) { #expect(maxDifference(a, b) < 1e-12) }
}
