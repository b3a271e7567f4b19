import Foundation
import GraphGrad
import Testing
import _TestSupport

@Suite("graphgrad train: bad input")
struct TrainBadInputTests {
    @Test("An unknown model is rejected with the list of models")
    func unknownModel() throws {
        let run = try graphgrad("train", ["--dataset", "karate", "--model", "transformer"])
        expectRejected(run, naming: ["transformer"] + ModelKind.allCases.map(\.rawValue))
    }

    @Test("An unknown dataset is rejected with the bundled names")
    func unknownDataset() throws {
        let run = try graphgrad("train", ["--dataset", "citeseer", "--model", "gcn"])
        expectRejected(run, naming: ["citeseer"] + NodeDataset.bundledNames)
    }

    @Test("A missing dataset file is rejected with its path")
    func missingFile() throws {
        let run = try graphgrad("train", ["--dataset", "/nonexistent/data.npz", "--model", "gcn"])
        expectRejected(run, naming: ["/nonexistent/data.npz"])
    }

    @Test("A dataset without training nodes, or with an unlabelled one, is rejected")
    func badSplits() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try karateVariant(in: folder, named: "empty.npz") { $0.arrays["train_index"] = NpyArray([Int64]()) }
        expectRejected(try graphgrad("train", ["--dataset", empty, "--model", "gcn"]), naming: ["training split is empty"])

        let labels = try NodeDataset.load(named: "karate").labels
        let trainNode = Int(try NodeDataset.load(named: "karate").trainIndex[0])
        let unlabelled = try karateVariant(in: folder, named: "unlabelled.npz") {
            var changed = labels.map(Int64.init)
            changed[trainNode] = -1
            $0.arrays["labels"] = NpyArray(changed)
        }
        expectRejected(
            try graphgrad("train", ["--dataset", unlabelled, "--model", "gcn"]),
            naming: ["training node \(trainNode)", "unlabelled"])

        let noValidation = try karateVariant(in: folder, named: "noval.npz") { $0.arrays["val_index"] = NpyArray([Int64]()) }
        expectRejected(try graphgrad("train", ["--dataset", noValidation, "--model", "gcn"]), naming: ["validation"])
    }

    @Test("Non-positive counts and out-of-range rates are rejected, naming the flag", arguments: [
        ("--epochs", "0"), ("--hidden", "0"), ("--layers", "-1"), ("--heads", "0"), ("--runs", "0"), ("--threads", "0"),
        ("--patience", "0"), ("--dropout", "1"), ("--dropout", "-0.1"), ("--lr", "0"), ("--lr", "nan"),
        ("--weight-decay", "-1"), ("--hidden", "100000000"),
    ])
    func badNumbers(flag: String, value: String) throws {
        // "--flag=value": a value starting with "-" would read as a flag otherwise.
        let run = try graphgrad("train", ["--dataset", "karate", "--model", "gcn", "\(flag)=\(value)"])
        expectRejected(run, naming: [flag, value])
    }

    @Test("A value that is not a number is rejected by the parser without a crash")
    func notANumber() throws {
        expectRejected(try graphgrad("train", ["--dataset", "karate", "--model", "gcn", "--epochs", "many"]), naming: ["many"])
    }
}
