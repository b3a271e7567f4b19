import Foundation
import GraphGrad

/// What a `train --save` checkpoint records beside the tensors, so that `evaluate` and
/// `predict` can rebuild the model: its kind and hyperparameters, the seed, and the shape of
/// the data it was trained on.
struct ModelCheckpoint {
    /// The model.
    let kind: ModelKind
    /// The hyperparameters it was built and trained with.
    let hyperparameters: Hyperparameters
    /// The `--dataset` value it was trained on (a bundled name or an absolute path).
    let dataset: String
    /// The seed of the saved run.
    let seed: UInt64
    /// Input features per node.
    let featureCount: Int
    /// Number of classes.
    let classCount: Int

    private enum Key {
        static let format = "format", kind = "model", hyperparameters = "hyperparameters", dataset = "dataset"
        static let seed = "seed", featureCount = "feature_count", classCount = "class_count"
    }
    private static let formatName = "graphgrad-node-classifier-1"

    /// The checkpoint of `trainer`'s model and optimizer with this metadata.
    func checkpoint(of trainer: Trainer) -> Checkpoint {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let hyperparametersJSON = String(decoding: (try? encoder.encode(hyperparameters)) ?? Data(), as: UTF8.self)
        return Checkpoint(
            model: trainer.model, optimizer: trainer.optimizer,
            metadata: [
                Key.format: Self.formatName, Key.kind: kind.rawValue, Key.hyperparameters: hyperparametersJSON,
                Key.dataset: dataset, Key.seed: "\(seed)", Key.featureCount: "\(featureCount)",
                Key.classCount: "\(classCount)",
            ])
    }

    /// The metadata of `checkpoint`, read from `path`.
    init(metadataOf checkpoint: Checkpoint, path: String) throws(TrainCommandError) {
        let metadata = checkpoint.metadata
        func value(_ key: String) throws(TrainCommandError) -> String {
            guard let value = metadata[key] else { throw .checkpointMetadata(path: path, key: key, problem: "is missing") }
            return value
        }
        func count(_ key: String) throws(TrainCommandError) -> Int {
            guard let n = Int(try value(key)), n >= 1 else {
                throw .checkpointMetadata(path: path, key: key, problem: "is not a positive count")
            }
            return n
        }
        guard try value(Key.format) == Self.formatName else {
            throw .checkpointMetadata(path: path, key: Key.format, problem: "is not '\(Self.formatName)'")
        }
        let kindName = try value(Key.kind)
        guard let kind = ModelKind(rawValue: kindName) else {
            throw .checkpointMetadata(path: path, key: Key.kind, problem: "names no model ('\(kindName)')")
        }
        do {
            hyperparameters = try JSONDecoder().decode(Hyperparameters.self, from: Data(try value(Key.hyperparameters).utf8))
        } catch let error as TrainCommandError {
            throw error
        } catch {
            throw .checkpointMetadata(path: path, key: Key.hyperparameters, problem: "cannot be read: \(error)")
        }
        guard let seed = UInt64(try value(Key.seed)) else {
            throw .checkpointMetadata(path: path, key: Key.seed, problem: "is not a seed")
        }
        if let (name, value, expected) = hyperparameters.problem(for: kind) {
            throw .checkpointMetadata(path: path, key: Key.hyperparameters, problem: "has \(name) \(value), expected \(expected)")
        }
        self.kind = kind
        self.seed = seed
        dataset = try value(Key.dataset)
        featureCount = try count(Key.featureCount)
        classCount = try count(Key.classCount)
    }

    /// Metadata for a model trained on `data`.
    init(kind: ModelKind, hyperparameters: Hyperparameters, dataset: String, seed: UInt64, data: NodeClassificationData) {
        self.kind = kind
        self.hyperparameters = hyperparameters
        self.dataset = dataset
        self.seed = seed
        featureCount = data.featureCount
        classCount = data.classCount
    }

    /// Reads the checkpoint at `path` and rebuilds its model for `data`, with the saved values.
    ///
    /// - Throws: `TrainCommandError` when the file is unreadable or corrupt, when its metadata
    ///   is missing or unreadable, when `data` has other feature or class counts than the model
    ///   was trained for, or when the saved tensors do not fit the model the metadata describes;
    ///   the dataset's error when it cannot be loaded.
    static func load(path: String, datasetOverride: String?) throws -> (ModelCheckpoint, NodeClassificationData, any NodeClassifier<Float>) {
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TrainCommandError.checkpointUnreadable(path: path, error: error)
        }
        let saved = try ModelCheckpoint(metadataOf: checkpoint, path: path)
        let dataset = try DatasetArgument.load(datasetOverride ?? saved.dataset)
        let data = try NodeClassificationData(dataset: dataset, normalizingFeatures: saved.hyperparameters.rowNormalizeFeatures)
        guard data.featureCount == saved.featureCount else {
            throw TrainCommandError.checkpointMismatch(
                path: path, dataset: data.name, what: "input features", checkpointCount: saved.featureCount, datasetCount: data.featureCount)
        }
        // A dataset with fewer classes could still be scored, but its logits would name
        // classes it does not have: refuse any difference.
        guard data.classCount == saved.classCount else {
            throw TrainCommandError.checkpointMismatch(
                path: path, dataset: data.name, what: "classes", checkpointCount: saved.classCount, datasetCount: data.classCount)
        }
        let model: any NodeClassifier<Float> = saved.kind.makeModel(
            hyperparameters: saved.hyperparameters, featureCount: saved.featureCount, classCount: saved.classCount,
            seed: saved.seed)
        do {
            try checkpoint.restore(into: model)
        } catch {
            throw TrainCommandError.checkpointContents(path: path, error: error)
        }
        return (saved, data, model)
    }
}
