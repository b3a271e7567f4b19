import Tensors
import Foundation

/// Writes graphs as edge-list text that `EdgeListReader` reads back.
public enum EdgeListWriter {
    /// One `source<delimiter>target[<delimiter>weight]` line per edge, in edge order, after an
    /// optional `source,target[,weight]` header. Weights print in the shortest form that reads
    /// back to the same `Float`.
    ///
    /// - Parameter nodeIDs: names for the nodes; indices are written when `nil`.
    /// - Throws: `EdgeListError.unwritable` when a node name contains the delimiter or a line
    ///   break, which would make the file unreadable.
    public static func text(
        of graph: Graph, nodeIDs: NodeIDMap? = nil, delimiter: Character = ",", header: Bool = true
    ) throws(EdgeListError) -> String {
        require(nodeIDs == nil || nodeIDs?.count == graph.nodeCount, "node id map does not cover the graph's nodes")
        let separator = String(delimiter)
        if let bad = nodeIDs?.ids.first(where: { $0.contains(delimiter) || $0.contains("\n") || $0.isEmpty }) {
            throw .unwritable(path: "<text>", reason: "node id '\(bad)' is empty or contains the delimiter or a line break")
        }
        func name(_ node: Int32) -> String { nodeIDs?.id(of: Int(node)) ?? String(node) }
        var lines: [String] = []
        if header {
            lines.append((["source", "target"] + (graph.edgeWeights == nil ? [] : ["weight"])).joined(separator: separator))
        }
        for e in 0..<graph.edgeCount {
            var fields = [name(graph.source[e]), name(graph.target[e])]
            if let weights = graph.edgeWeights { fields.append("\(weights[e])") }
            lines.append(fields.joined(separator: separator))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Writes `text(of:…)` to `url` atomically.
    public static func write(
        _ graph: Graph, nodeIDs: NodeIDMap? = nil, to url: URL, delimiter: Character = ",", header: Bool = true
    ) throws(EdgeListError) {
        let text = try text(of: graph, nodeIDs: nodeIDs, delimiter: delimiter, header: header)
        do {
            try AtomicFile.write(Array(text.utf8), to: url)
        } catch {
            throw .unwritable(path: error.path, reason: error.reason)
        }
    }
}
