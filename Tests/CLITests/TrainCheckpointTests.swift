import Foundation
import GraphGrad
import Testing
import _TestSupport

@Suite("graphgrad train --save, evaluate, predict")
struct TrainCheckpointTests {
    @Test("evaluate and predict reproduce the accuracies of the saved run")
    func roundTrip() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = folder.appendingPathComponent("gcn.ckpt").path
        let trained = try jsonReport(try graphgrad("train", [
            "--dataset", "cora", "--model", "gcn", "--epochs", "60", "--seed", "3", "--save", checkpoint, "--json",
        ]))
        let evaluation = try graphgrad("evaluate", ["--checkpoint", checkpoint, "--json"])
        expectSuccess(evaluation)
        let evaluated = try jsonReport(evaluation)
        #expect(try number(evaluated, "test_accuracy") == numbers(trained, "test_accuracies")[0])
        #expect(try number(evaluated, "val_accuracy") == numbers(trained, "val_accuracies")[0])
        #expect(try number(evaluated, "val_loss") == numbers(trained, "val_losses")[0])

        let dataset = try NodeDataset.load(named: "cora")
        let npy = folder.appendingPathComponent("predictions.npy")
        expectSuccess(try graphgrad("predict", ["--checkpoint", checkpoint, "--out", npy.path]))
        let classes = try NpyArray(contentsOf: npy).ints()
        #expect(classes.count == dataset.nodeCount)
        let correct = dataset.testIndex.count { classes[Int($0)] == Int(dataset.labels[Int($0)]) }
        #expect(Double(correct) / Double(dataset.testIndex.count) == (try number(evaluated, "test_accuracy")))

        let csv = folder.appendingPathComponent("predictions.csv")
        expectSuccess(try graphgrad("predict", ["--checkpoint", checkpoint, "--out", csv.path]))
        let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "node,prediction," + (0..<dataset.classCount).map { "p\($0)" }.joined(separator: ","))
        #expect(lines.count == dataset.nodeCount + 1)
        for (node, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",")
            #expect(fields.count == 2 + dataset.classCount)
            #expect(Int(fields[0]) == node && Int(fields[1]) == classes[node])
            let p = fields.dropFirst(2).compactMap { Double($0) }
            #expect(abs(p.reduce(0, +) - 1) < 1e-5)
            #expect(p.indices.max { p[$0] < p[$1] } == classes[node])
        }

        let npz = folder.appendingPathComponent("predictions.npz")
        expectSuccess(try graphgrad("predict", ["--checkpoint", checkpoint, "--out", npz.path]))
        let archive = try NpzFile(contentsOf: npz)
        #expect(try archive["predictions"]?.ints() == classes)
        #expect(archive["probabilities"]?.shape == [dataset.nodeCount, dataset.classCount])
    }

    @Test("A corrupt, truncated or foreign checkpoint is rejected with its path")
    func corrupt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = folder.appendingPathComponent("m.ckpt")
        expectSuccess(try graphgrad("train", ["--dataset", "karate", "--model", "gcn", "--epochs", "5", "--save", checkpoint.path]))
        var bytes = try Data(contentsOf: checkpoint)

        let truncated = folder.appendingPathComponent("truncated.ckpt")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        expectRejected(try graphgrad("evaluate", ["--checkpoint", truncated.path]), naming: [truncated.path, "truncated"])

        let flipped = folder.appendingPathComponent("flipped.ckpt")
        bytes[bytes.count - 9] ^= 0x40
        try bytes.write(to: flipped)
        expectRejected(try graphgrad("evaluate", ["--checkpoint", flipped.path]), naming: [flipped.path, "corrupt"])

        let text = folder.appendingPathComponent("text.ckpt")
        try Data("not a checkpoint".utf8).write(to: text)
        expectRejected(try graphgrad("predict", ["--checkpoint", text.path, "--out", folder.appendingPathComponent("p.npy").path]),
                       naming: [text.path])

        // A valid checkpoint of something else: no model metadata.
        let foreign = folder.appendingPathComponent("foreign.ckpt")
        try Checkpoint(metadata: ["note": "x"], tensors: [:]).write(to: foreign)
        expectRejected(try graphgrad("evaluate", ["--checkpoint", foreign.path]), naming: [foreign.path, "format"])
    }

    @Test("A checkpoint that does not fit the dataset or its own metadata is rejected")
    func mismatched() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = folder.appendingPathComponent("cora.ckpt")
        expectSuccess(try graphgrad("train", ["--dataset", "cora", "--model", "gcn", "--epochs", "2", "--save", checkpoint.path]))
        expectRejected(try graphgrad("evaluate", ["--checkpoint", checkpoint.path, "--dataset", "karate"]),
                       naming: ["1433 input features", "karate", "34"])

        // Metadata claiming a wider hidden layer than the saved tensors have.
        var saved = try Checkpoint(contentsOf: checkpoint)
        let hyperparameters = try #require(saved.metadata["hyperparameters"])
        saved.metadata["hyperparameters"] = hyperparameters.replacingOccurrences(of: "\"hidden\":16", with: "\"hidden\":32")
        #expect(saved.metadata["hyperparameters"] != hyperparameters)
        let widened = folder.appendingPathComponent("widened.ckpt")
        try saved.write(to: widened)
        expectRejected(try graphgrad("evaluate", ["--checkpoint", widened.path]), naming: [widened.path, "shape", "[1433, 16]"])

        saved.metadata["model"] = "mlp"
        try saved.write(to: widened)
        expectRejected(try graphgrad("evaluate", ["--checkpoint", widened.path]), naming: ["mlp"])

        expectRejected(try graphgrad("predict", ["--checkpoint", checkpoint.path, "--out", folder.appendingPathComponent("p.txt").path]),
                       naming: ["p.txt", ".npy"])
    }

    @Test("A run killed while writing its checkpoint leaves the previous checkpoint intact")
    func interruptedSave() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = folder.appendingPathComponent("m.ckpt")
        expectSuccess(try graphgrad("train", ["--dataset", "cora", "--model", "gcn", "--epochs", "20", "--save", checkpoint.path]))
        let before = try Data(contentsOf: checkpoint)
        let evaluatedBefore = try graphgrad("evaluate", ["--checkpoint", checkpoint.path, "--json"]).lastLine
        // The checkpoint is about 280 KB: a 64 KiB file-size limit kills the writer midway.
        #expect(before.count > 128 * 1024)
        let killed = try graphgradWithFileSizeLimit(kibibytes: 64, [
            "train", "--dataset", "cora", "--model", "gcn", "--epochs", "20", "--seed", "9", "--save", checkpoint.path,
        ])
        #expect(killed.signalled && killed.status == SIGXFSZ, "exit status or signal \(killed.status), signalled: \(killed.signalled)")
        #expect(try Data(contentsOf: checkpoint) == before)
        let partial = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".partial") }
        #expect(partial.count == 1, "the killed writer's temporary file: \(partial)")
        let evaluatedAfter = try graphgrad("evaluate", ["--checkpoint", checkpoint.path, "--json"])
        expectSuccess(evaluatedAfter)
        #expect(evaluatedAfter.lastLine == evaluatedBefore)
    }
}
