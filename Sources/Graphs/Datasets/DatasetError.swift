/// Why a node-classification dataset could not be loaded or built; each case names the key,
/// node, position or split concerned and the offending value.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// A required array is absent; `present` lists the keys the file has.
    case missingKey(key: String, present: [String])
    /// An array has the wrong element type.
    case wrongDType(key: String, expected: String, got: NpyDType)
    /// An array has the wrong shape.
    case wrongShape(key: String, expected: String, got: [Int])
    /// The CSR feature arrays are inconsistent (row pointers not starting at 0, decreasing, or
    /// not ending at the number of stored values).
    case malformedFeatures(reason: String)
    /// A stored feature's column is negative or ≥ the column count.
    case featureColumnOutOfRange(row: Int, position: Int, value: Int, columns: Int)
    /// A feature value is NaN or infinite.
    case nonFiniteFeature(row: Int, column: Int, value: Float)
    /// An endpoint of edge `position` is negative or ≥ the node count.
    case edgeOutOfRange(endpoint: String, position: Int, value: Int, nodeCount: Int)
    /// A node's label is ≥ the number of classes.
    case labelOutOfRange(node: Int, label: Int, classCount: Int)
    /// Entry `position` of a split is not a node index.
    case splitIndexOutOfRange(split: String, position: Int, value: Int, nodeCount: Int)
    /// A node is listed twice in one split.
    case duplicateInSplit(split: String, node: Int)
    /// A node is in two splits.
    case overlappingSplits(node: Int, first: String, second: String)
    /// The training split is empty.
    case noTrainingNodes
    /// A training node has a negative (unlabelled) label.
    case unlabelledTrainingNode(node: Int, label: Int)
    /// `load(named:)` was given a name that is not bundled.
    case unknownDataset(name: String, available: [String])
    /// A bundled dataset's resource file is missing from the package.
    case missingResource(name: String)
    /// The values of array `key` do not fit the Swift type they load into.
    case unconvertible(key: String, error: NpyError)
    /// The file could not be read as `.npz`.
    case file(path: String, error: NpyError)

    /// A sentence naming the problem and where it is.
    public var description: String {
        switch self {
        case .missingKey(let key, let present):
            return "dataset has no '\(key)' array; present: \(present.joined(separator: ", "))"
        case .wrongDType(let key, let expected, let got):
            return "'\(key)' must hold \(expected) values, got \(got)"
        case .wrongShape(let key, let expected, let got):
            return "'\(key)' must have shape \(expected), got \(got)"
        case .malformedFeatures(let reason):
            return "malformed CSR features: \(reason)"
        case .featureColumnOutOfRange(let row, let position, let value, let columns):
            return "feature row \(row), stored entry \(position): column \(value) is outside 0..<\(columns)"
        case .nonFiniteFeature(let row, let column, let value):
            return "feature (\(row), \(column)) is \(value)"
        case .edgeOutOfRange(let endpoint, let position, let value, let nodeCount):
            return "edge \(position): \(endpoint) \(value) is outside 0..<\(nodeCount)"
        case .labelOutOfRange(let node, let label, let classCount):
            return "node \(node): label \(label) is outside 0..<\(classCount)"
        case .splitIndexOutOfRange(let split, let position, let value, let nodeCount):
            return "\(split) entry \(position): node \(value) is outside 0..<\(nodeCount)"
        case .duplicateInSplit(let split, let node):
            return "node \(node) appears twice in \(split)"
        case .overlappingSplits(let node, let first, let second):
            return "node \(node) is in both \(first) and \(second)"
        case .noTrainingNodes:
            return "the training split is empty"
        case .unlabelledTrainingNode(let node, let label):
            return "training node \(node) is unlabelled (label \(label))"
        case .unknownDataset(let name, let available):
            return "no bundled dataset '\(name)'; available: \(available.joined(separator: ", "))"
        case .missingResource(let name):
            return "the bundled file for dataset '\(name)' is missing from the package resources"
        case .unconvertible(let key, let error):
            return "'\(key)': \(error)"
        case .file(let path, let error):
            return "\(path): \(error)"
        }
    }
}
