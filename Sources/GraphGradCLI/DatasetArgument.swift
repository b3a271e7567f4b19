import Foundation
import GraphGrad

/// The `--dataset` value: a bundled dataset's name or the path of a dataset `.npz` file.
enum DatasetArgument {
    /// Loads the dataset `value` names.
    ///
    /// - Throws: `TrainCommandError.unknownDataset` listing the bundled names when `value` is
    ///   neither a bundled name nor an `.npz` path; the dataset's own error when the file is
    ///   unusable (no training nodes, unlabelled training nodes, bad arrays).
    static func load(_ value: String) throws -> NodeDataset {
        if NodeDataset.bundledNames.contains(value) { return try NodeDataset.load(named: value) }
        guard value.hasSuffix(".npz") else {
            throw TrainCommandError.unknownDataset(name: value, bundled: NodeDataset.bundledNames)
        }
        return try NodeDataset.load(path: value)
    }
}

extension DatasetArgument {
    /// `value` as a checkpoint records it: a bundled name as is, a path made absolute so that
    /// the checkpoint can be used from another folder.
    static func portable(_ value: String) -> String {
        NodeDataset.bundledNames.contains(value) ? value : URL(fileURLWithPath: value).standardizedFileURL.path
    }
}
