import GraphGrad
import Testing

/// The trainer lists the model's modules once; its steps and evaluations must still switch every
/// one of them (dropout included) between training and evaluation mode.
@Test func trainerSwitchesEveryModuleBetweenModes() throws {
    let dataset = try NodeDataset.load(named: "karate")
    let h = ModelKind.gat.paperDefaults
    let data = try NodeClassificationData(dataset: dataset, normalizingFeatures: h.rowNormalizeFeatures)
    let model: any NodeClassifier<Float> = ModelKind.gat.makeModel(
        hyperparameters: h, featureCount: data.featureCount, classCount: data.classCount, seed: 4)
    let trainer = Trainer(model: model, data: data, hyperparameters: h)
    let modules = model.modules
    #expect(modules.count > 1)
    _ = trainer.evaluationLogits()
    #expect(modules.allSatisfy { !$0.isTraining })
    _ = trainer.step()
    #expect(modules.allSatisfy { $0.isTraining })
    _ = trainer.evaluate()
    #expect(modules.allSatisfy { !$0.isTraining })
}
