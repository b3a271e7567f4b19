/// Why a graph could not be built or an operation on it could not run; each case names the
/// offending edge position or node and its value.
public enum GraphError: Error, Equatable, CustomStringConvertible {
    /// `nodeCount` was negative.
    case negativeNodeCount(Int)
    /// `source` and `target` have different lengths.
    case endpointCountMismatch(sources: Int, targets: Int)
    /// More edges than an `Int32` edge id can address.
    case tooManyEdges(Int)
    /// The endpoint (`"source"` or `"target"`) of edge `position` is negative or ≥ `nodeCount`.
    case nodeOutOfRange(endpoint: String, position: Int, value: Int32, nodeCount: Int)
    /// `edgeWeights` or `edgeTypes` (named by `array`) does not have one entry per edge.
    case perEdgeCountMismatch(array: String, expected: Int, got: Int)
    /// The weight of edge `position` is NaN.
    case nanWeight(position: Int)
    /// A node passed to an operation (subgraph, k-hop) is negative or ≥ `nodeCount`.
    case nodeIndexOutOfRange(position: Int, value: Int, nodeCount: Int)
    /// A node appears twice in a node set that must be duplicate-free.
    case duplicateNode(position: Int, value: Int)

    /// A sentence naming the problem and where it is.
    public var description: String {
        switch self {
        case .negativeNodeCount(let count):
            return "node count must be ≥ 0, got \(count)"
        case .endpointCountMismatch(let sources, let targets):
            return "edge index has \(sources) sources but \(targets) targets"
        case .tooManyEdges(let count):
            return "\(count) edges exceed the limit of \(Int32.max) edges"
        case .nodeOutOfRange(let endpoint, let position, let value, let nodeCount):
            return "edge \(position): \(endpoint) node \(value) is outside 0..<\(nodeCount)"
        case .perEdgeCountMismatch(let array, let expected, let got):
            return "\(array) has \(got) entries, expected one per edge (\(expected))"
        case .nanWeight(let position):
            return "edge \(position): weight is NaN"
        case .nodeIndexOutOfRange(let position, let value, let nodeCount):
            return "node set entry \(position): node \(value) is outside 0..<\(nodeCount)"
        case .duplicateNode(let position, let value):
            return "node set entry \(position): node \(value) appears more than once"
        }
    }
}
