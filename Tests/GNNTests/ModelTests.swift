import GraphGrad
import Testing
import _TestSupport

/// Trains `model` for `epochs` full-batch Adam steps on the training nodes of `dataset` and
/// returns the training losses.
func trainingLosses(
    _ model: any NodeClassifier<Float>, on dataset: NodeDataset, hyperparameters: Hyperparameters, epochs: Int
) throws -> [Float] {
    let input = try GraphInput<Float>(dataset: dataset, rowNormalizingFeatures: hyperparameters.rowNormalizeFeatures)
    let optimizer = Adam(groups: model.parameterGroups(for: hyperparameters), learningRate: hyperparameters.learningRate)
    let labels = dataset.labels.map(Int.init)
    let rows = dataset.trainIndex.map(Int.init)
    model.train()
    return (0..<epochs).map { _ in
        optimizer.zeroGrad()
        let loss = crossEntropy(logits: model(input), labels: labels, rows: rows)
        loss.backward()
        optimizer.step()
        return loss.scalar
    }
}

/// GCN with the paper's settings fits the training nodes of karate and Cora.
@Test(arguments: ["karate", "cora"])
func gcnTrainingLossDecreases(datasetName: String) throws {
    let dataset = try NodeDataset.load(named: datasetName)
    let h = ModelKind.gcn.paperDefaults
    let model: any NodeClassifier<Float> = ModelKind.gcn.makeModel(
        hyperparameters: h, featureCount: dataset.features.columns, classCount: dataset.classCount, seed: 1)
    let losses = try trainingLosses(model, on: dataset, hyperparameters: h, epochs: 60)
    #expect(losses.last! < 0.6 * losses.first!, "losses \(losses.first!) → \(losses.last!)")
}
