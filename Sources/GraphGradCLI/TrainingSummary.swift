import Foundation
import GraphGrad

/// The report of one run and the seed it was trained with.
struct SeededReport {
    /// The run's seed.
    let seed: UInt64
    /// What the run measured.
    let report: TrainingReport

    /// One line: seed, selected epoch, accuracies, time.
    func line(run: Int, of runs: Int) -> String {
        let best = report.best
        return "run \(run)/\(runs) seed \(seed): selected epoch \(report.bestEpoch + 1) of \(report.history.count), "
            + "val loss \(fixed(best.validationLoss, 4)), val accuracy \(percent(best.validationAccuracy)), "
            + "test accuracy \(percent(best.testAccuracy)), \(fixed(report.medianTrainMilliseconds, 2)) ms/epoch, "
            + "\(fixed(report.totalSeconds, 2)) s"
    }
}

/// The outcome of `train` over all its runs, as text and as JSON.
struct TrainingSummary {
    /// The dataset's name.
    let dataset: String
    /// The model.
    let kind: ModelKind
    /// The hyperparameters every run used.
    let hyperparameters: Hyperparameters
    /// What selected each run's kept epoch.
    let criterion: SelectionCriterion
    /// One report per run, in seed order.
    let runs: [SeededReport]

    private var test: RunStatistics { RunStatistics(runs.map(\.report.testAccuracy)) }
    private var validation: RunStatistics { RunStatistics(runs.map(\.report.validationAccuracy)) }
    private var epochMilliseconds: Double { median(runs.flatMap { $0.report.history.map(\.trainMilliseconds) }) }
    private var totalSeconds: Double { runs.reduce(0) { $0 + $1.report.totalSeconds } }

    /// The closing lines of the text output.
    var text: String {
        let parameters = runs.first?.report.parameterCount ?? 0
        let head = "\(kind.rawValue) on \(dataset): \(parameters) parameters, "
            + "\(fixed(epochMilliseconds, 2)) ms per epoch (median), \(fixed(totalSeconds, 2)) s in all"
        if runs.count == 1 {
            return head + "\ntest accuracy at the best-validation epoch: \(percent(test.mean))"
        }
        return head + "\ntest accuracy at the best-validation epoch over \(runs.count) runs: "
            + "\(percent(test.mean)) ± \(percent(test.standardDeviation)) "
            + "(validation \(percent(validation.mean)) ± \(percent(validation.standardDeviation)))"
    }

    /// The JSON object (see `train --help` for the keys).
    var json: JSONValue {
        let h = hyperparameters
        return .object([
            ("dataset", .string(dataset)),
            ("model", .string(kind.rawValue)),
            ("runs", .integer(runs.count)),
            ("seeds", .array(runs.map { .string("\($0.seed)") })),
            ("test_accuracy_mean", .finite(test.mean)),
            ("test_accuracy_std", .finite(test.standardDeviation)),
            ("val_accuracy_mean", .finite(validation.mean)),
            ("test_accuracies", .array(test.values.map(JSONValue.finite))),
            ("val_accuracies", .array(validation.values.map(JSONValue.finite))),
            ("val_losses", .array(runs.map { .finite($0.report.best.validationLoss) })),
            ("best_epochs", .array(runs.map { .integer($0.report.bestEpoch) })),
            ("epochs_trained", .array(runs.map { .integer($0.report.history.count) })),
            ("epoch_ms_median", .finite(epochMilliseconds)),
            ("total_seconds", .finite(totalSeconds)),
            ("parameters", .integer(runs.first?.report.parameterCount ?? 0)),
            ("threads", .integer(Threading.threadCount)),
            ("select_by", .string(criterion.rawValue)),
            ("hyperparameters", .object([
                ("hidden", .integer(h.hidden)), ("layers", .integer(h.layers)), ("heads", .integer(h.heads)),
                ("dropout", .finite(h.dropout)), ("lr", .finite(h.learningRate)),
                ("weight_decay", .finite(h.weightDecay)), ("epochs", .integer(h.epochs)),
                ("patience", h.patience.map { .integer($0) } ?? .null),
                ("row_normalize_features", .string("\(h.rowNormalizeFeatures)")),
            ])),
        ])
    }
}

/// `fraction` as a percentage with two decimals.
func percent(_ fraction: Double) -> String { fixed(100 * fraction, 2) + "%" }
