/// A part of a graph with its nodes and edges renumbered, and the maps back to the original.
public struct Subgraph: Sendable, Equatable {
    /// The subgraph, on nodes `0..<nodeIDs.count`.
    public let graph: Graph
    /// Original id of each subgraph node (new → old).
    public let nodeIDs: [Int32]
    /// Original edge-list position of each subgraph edge (new → old), to gather per-edge values.
    public let edgeIDs: [Int32]
    /// Subgraph id of each original node, or −1 for nodes left out (old → new).
    public let newNodeIDs: [Int32]

    /// The subgraph id of original node `node`, or `nil` when it was left out.
    public func newID(of node: Int) -> Int? {
        let id = newNodeIDs[node]
        return id < 0 ? nil : Int(id)
    }
}
