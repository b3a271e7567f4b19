/// The names of a graph's nodes: node `i` is called `ids[i]`, and each name maps back to its
/// index.
public struct NodeIDMap: Sendable, Equatable {
    /// The name of each node, by index.
    public private(set) var ids: [String]
    private var indexOfID: [String: Int]

    /// An empty map.
    public init() {
        ids = []
        indexOfID = [:]
    }

    /// Nodes named by their own indices, `"0"` to `"count - 1"`.
    public init(identity count: Int) {
        self.init()
        for node in 0..<count { _ = index(inserting: String(node)) }
    }

    /// Number of named nodes.
    public var count: Int { ids.count }

    /// The index of the node called `id`, or `nil`.
    public func index(of id: String) -> Int? { indexOfID[id] }

    /// The name of node `index`.
    public func id(of index: Int) -> String { ids[index] }

    /// The index of `id`, giving it the next free index if it is new.
    public mutating func index(inserting id: String) -> Int {
        if let index = indexOfID[id] { return index }
        ids.append(id)
        indexOfID[id] = ids.count - 1
        return ids.count - 1
    }
}
