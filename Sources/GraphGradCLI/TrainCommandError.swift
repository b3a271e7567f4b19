import GraphGrad

/// Why `train`, `evaluate` or `predict` cannot go on with the input it was given.
enum TrainCommandError: Error, CustomStringConvertible {
    /// `--dataset` is neither a bundled name nor an `.npz` path.
    case unknownDataset(name: String, bundled: [String])
    /// `--model` names no model.
    case unknownModel(name: String)
    /// A numeric option is out of its range.
    case invalidOption(name: String, value: String, expected: String)
    /// The checkpoint file cannot be read or is corrupt.
    case checkpointUnreadable(path: String, error: CheckpointError)
    /// The checkpoint lacks a metadata entry, or holds one that cannot be read.
    case checkpointMetadata(path: String, key: String, problem: String)
    /// The checkpoint's model does not fit the dataset it is applied to.
    case checkpointMismatch(path: String, dataset: String, what: String, checkpointCount: Int, datasetCount: Int)
    /// The checkpoint's tensors do not fit the model its metadata describes.
    case checkpointContents(path: String, error: CheckpointError)
    /// `--out` has an extension other than those supported.
    case unsupportedOutput(path: String)

    var description: String {
        switch self {
        case .unknownDataset(let name, let bundled):
            return "unknown dataset '\(name)': use a bundled dataset (\(bundled.joined(separator: ", "))) "
                + "or the path of a dataset .npz file"
        case .unknownModel(let name):
            return "unknown model '\(name)'; valid models: \(ModelKind.allCases.map(\.rawValue).joined(separator: ", "))"
        case .invalidOption(let name, let value, let expected):
            return "--\(name) \(value): expected \(expected)"
        case .checkpointUnreadable(let path, let error):
            return "cannot use checkpoint \(path): \(error)"
        case .checkpointMetadata(let path, let key, let problem):
            return "\(path) is not a usable node-classification checkpoint: metadata '\(key)' \(problem)"
        case .checkpointMismatch(let path, let dataset, let what, let checkpoint, let datasetCount):
            return "\(path) was trained with \(checkpoint) \(what), but dataset '\(dataset)' has \(datasetCount)"
        case .checkpointContents(let path, let error):
            return "\(path) does not fit its model: \(error)"
        case .unsupportedOutput(let path):
            return "--out \(path): the file name must end in .npy, .npz or .csv"
        }
    }
}
