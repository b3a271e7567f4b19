import Foundation
import GraphGrad
import Testing
import _TestSupport

@Suite("graphgrad train")
struct TrainCommandTests {
    @Test("GCN on Cora reaches the paper's accuracy (short version: 2 seeds, 200 epochs)")
    func gcnOnCora() throws {
        let run = try graphgrad("train", ["--dataset", "cora", "--model", "gcn", "--epochs", "200", "--runs", "2", "--json"])
        expectSuccess(run)
        let report = try jsonReport(run)
        #expect(report["dataset"] as? String == "cora")
        #expect(report["model"] as? String == "gcn")
        #expect(try number(report, "runs") == 2)
        let accuracies = try numbers(report, "test_accuracies")
        #expect(accuracies.count == 2)
        let mean = try number(report, "test_accuracy_mean")
        #expect(abs(mean - accuracies.reduce(0, +) / 2) < 1e-12)
        let spread = abs(accuracies[0] - accuracies[1]) / 2.0.squareRoot()
        #expect(abs(try number(report, "test_accuracy_std") - spread) < 1e-12)
        #expect(mean >= 0.79, "\(run)")
        // Cora's public split has 1000 test nodes: accuracies are multiples of 1/1000.
        for accuracy in accuracies { #expect(abs(accuracy * 1000 - (accuracy * 1000).rounded()) < 1e-9) }
        // 1433 → 16 → 7 with biases.
        #expect(try number(report, "parameters") == Double(1433 * 16 + 16 + 16 * 7 + 7))
        #expect(try number(report, "epoch_ms_median") > 0)
        #expect(try number(report, "total_seconds") > 0)
        #expect(try number(report, "val_accuracy_mean") > 0.7)
    }

    @Test("GCN on the karate club classifies the held-out members")
    func karate() throws {
        let run = try graphgrad("train", ["--dataset", "karate", "--model", "gcn", "--runs", "3", "--json"])
        expectSuccess(run)
        let report = try jsonReport(run)
        #expect(try number(report, "test_accuracy_mean") >= 0.9, "\(run)")
        #expect(try number(report, "val_accuracy_mean") >= 0.9, "\(run)")
    }

    @Test(
        "The same seed gives the same numbers, run twice and on 1 or 2 threads, for every model",
        arguments: ["gcn", "gat", "sage", "sgc", "gin", "appnp", "gcnii", "cheb"])
    func determinism(model: String) throws {
        let arguments = ["--dataset", "cora", "--model", model, "--epochs", "15", "--patience", "5", "--seed", "7",
                         "--runs", "2", "--json"]
        let keys = ["test_accuracies", "val_accuracies", "val_losses", "best_epochs", "epochs_trained"]
        var results: [[[Double]]] = []
        for threads in ["1", "2", "2"] {
            let run = try graphgrad("train", arguments + ["--threads", threads])
            expectSuccess(run)
            let report = try jsonReport(run)
            #expect(try number(report, "threads") == Double(threads))
            results.append(try keys.map { try numbers(report, $0) })
        }
        #expect(results[0] == results[1])
        #expect(results[1] == results[2])
        // Different seeds differ: the comparison above can fail.
        let other = try jsonReport(try graphgrad("train", arguments.map { $0 == "7" ? "8" : $0 }))
        #expect(try numbers(other, "val_losses") != results[0][2])
    }

    @Test("Early stopping ends a run `patience` epochs after its selected epoch")
    func earlyStopping() throws {
        let report = try jsonReport(try graphgrad("train", [
            "--dataset", "cora", "--model", "gcn", "--epochs", "500", "--patience", "3", "--lr", "0.05", "--json",
        ]))
        let best = try numbers(report, "best_epochs")[0]
        let trained = try numbers(report, "epochs_trained")[0]
        #expect(trained < 500)
        #expect(trained == best + 1 + 3)
    }

    @Test("Text output: one line per run, then the mean and spread")
    func textOutput() throws {
        let run = try graphgrad("train", ["--dataset", "karate", "--model", "gcn", "--runs", "2", "--seed", "5"])
        expectSuccess(run)
        #expect(run.standardOutput.contains("run 1/2 seed 5:"))
        #expect(run.standardOutput.contains("run 2/2 seed 6:"))
        #expect(run.lastLine.contains("over 2 runs") && run.lastLine.contains("±"), "\(run)")
        // stderr is a file, not a terminal: no progress line.
        #expect(!run.standardError.contains("\r"))
    }

    @Test("Selection by validation accuracy keeps the epoch of highest accuracy on the same trajectory")
    func selectByAccuracy() throws {
        // Without early stopping both criteria see the same epochs: each one's pick is the best
        // of all epochs by its own number.
        let arguments = ["--dataset", "cora", "--model", "gcn", "--epochs", "60", "--seed", "4", "--json"]
        let byLoss = try jsonReport(try graphgrad("train", arguments))
        let byAccuracy = try jsonReport(try graphgrad("train", arguments + ["--select-by", "accuracy"]))
        #expect(try numbers(byAccuracy, "val_accuracies")[0] >= numbers(byLoss, "val_accuracies")[0])
        #expect(try numbers(byLoss, "val_losses")[0] <= numbers(byAccuracy, "val_losses")[0])
        #expect(try numbers(byAccuracy, "epochs_trained") == numbers(byLoss, "epochs_trained"))
        expectRejected(try graphgrad("train", arguments + ["--select-by", "f1"]), naming: ["--select-by", "f1"])
    }
}
