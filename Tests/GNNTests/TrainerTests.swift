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

/// After early stopping, the trainer holds the selected epoch's parameters and optimizer
/// state: the same bits as a run that ends at that epoch (an epoch is selected only when it
/// beats every earlier one, so that shorter run selects its last epoch).
@Test func trainingEndsWithTheSelectedEpochsOptimizerState() throws {
    let dataset = try NodeDataset.load(named: "karate")
    var h = ModelKind.gcn.paperDefaults
    (h.epochs, h.patience) = (300, 10)
    let data = try NodeClassificationData(dataset: dataset, normalizingFeatures: h.rowNormalizeFeatures)
    func trainer(epochs: Int) -> (Trainer, TrainingReport) {
        var hh = h
        hh.epochs = epochs
        let model: any NodeClassifier<Float> = ModelKind.gcn.makeModel(
            hyperparameters: hh, featureCount: data.featureCount, classCount: data.classCount, seed: 5)
        let trainer = Trainer(model: model, data: data, hyperparameters: hh)
        return (trainer, trainer.train())
    }
    let (stopped, report) = trainer(epochs: h.epochs)
    #expect(report.history.count > report.bestEpoch + 1, "the run should train past its selected epoch")
    let (short, shortReport) = trainer(epochs: report.bestEpoch + 1)
    #expect(shortReport.bestEpoch == report.bestEpoch)
    #expect(stopped.model.parameters.map(\.value.scalars) == short.model.parameters.map(\.value.scalars))
    #expect(stopped.optimizer.states.map(\.step) == short.optimizer.states.map(\.step))
    #expect(stopped.optimizer.states.map(\.step).allSatisfy { $0 == report.bestEpoch + 1 })
    #expect(stopped.optimizer.states.map(\.slots) == short.optimizer.states.map(\.slots))
}
