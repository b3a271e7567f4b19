import Foundation

/// A graph read from an edge list, with the names of its nodes.
public struct EdgeList: Sendable, Equatable {
    /// The directed graph, one edge per data line in file order.
    public let graph: Graph
    /// The file's name of each node.
    public let nodeIDs: NodeIDMap
}

/// Reads edge lists from CSV, TSV or whitespace-separated text; lines starting with `#` or `%`
/// are comments.
public enum EdgeListReader {
    /// Common names of the node columns, for header detection.
    static let headerNames: Set<String> = [
        "source", "target", "src", "dst", "from", "to", "u", "v", "node1", "node2", "head", "tail", "id1", "id2",
        "source_id", "target_id", "sender", "receiver",
    ]

    /// Reads an edge-list file.
    public static func read(contentsOf url: URL, format: EdgeListFormat = .init()) throws(EdgeListError) -> EdgeList {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try parse(text, format: format)
    }

    /// Parses edge-list text.
    ///
    /// - Throws: `EdgeListError` with the line number of a line with the wrong number of
    ///   fields, a weight that is not a finite number, or (integer ids) a bad node id.
    public static func parse(_ text: String, format: EdgeListFormat = .init()) throws(EdgeListError) -> EdgeList {
        var parser = Parser(format: format)
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            try parser.consume(line: line.hasSuffix("\r") ? line.dropLast() : line, number: offset + 1)
        }
        return parser.edgeList()
    }

    /// The state of one pass over the lines.
    private struct Parser {
        var format: EdgeListFormat
        var expectedFields: Int?
        var names = NodeIDMap()
        var largestIndex: Int32 = -1
        var source: [Int32] = []
        var target: [Int32] = []
        var weights: [Float] = []

        init(format: EdgeListFormat) {
            self.format = format
        }

        mutating func consume(line: Substring, number: Int) throws(EdgeListError) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("%") { return }
            if format.delimiter == .automatic {
                format.delimiter = trimmed.contains(",") ? .comma : trimmed.contains("\t") ? .tab : .whitespace
            }
            let fields = split(trimmed)
            let isFirstLine = expectedFields == nil
            if isFirstLine {
                let weighted = format.weighted ?? (fields.count >= 3)
                expectedFields = weighted ? 3 : 2
                if isHeader(fields) { return }
            }
            let expected = expectedFields ?? 2
            guard fields.count == expected else { throw .wrongFieldCount(line: number, expected: expected, got: fields.count) }
            let from = try index(of: fields[0], line: number)
            let to = try index(of: fields[1], line: number)
            if expected == 3 {
                guard let weight = Float(fields[2]), weight.isFinite else { throw .badWeight(line: number, field: fields[2]) }
                weights.append(weight)
            }
            source.append(from)
            target.append(to)
        }

        private func split(_ line: String) -> [String] {
            switch format.delimiter {
            case .comma, .tab:
                let separator: Character = format.delimiter == .comma ? "," : "\t"
                return line.split(separator: separator, omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            case .whitespace, .automatic:
                return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            }
        }

        private func isHeader(_ fields: [String]) -> Bool {
            switch format.header {
            case .present: return true
            case .absent: return false
            case .automatic:
                guard fields.count >= 2 else { return false }
                let named = fields.prefix(2).allSatisfy { EdgeListReader.headerNames.contains($0.lowercased()) }
                let nonIntegerID = format.nodeIDs == .integers && fields.prefix(2).contains { Int32($0) == nil }
                let nonNumericWeight = expectedFields == 3 && fields.count >= 3 && Float(fields[2]) == nil
                return named || nonIntegerID || nonNumericWeight
            }
        }

        private mutating func index(of field: String, line: Int) throws(EdgeListError) -> Int32 {
            switch format.nodeIDs {
            case .integers:
                guard let index = Int32(field), index >= 0 else { throw .badNodeID(line: line, field: field) }
                largestIndex = max(largestIndex, index)
                return index
            case .strings:
                let index = names.index(inserting: field)
                guard index < Int(Int32.max) else { throw .tooManyNodes(line: line) }
                return Int32(index)
            }
        }

        func edgeList() -> EdgeList {
            let nodeIDs = format.nodeIDs == .integers ? NodeIDMap(identity: Int(largestIndex) + 1) : names
            // Every index was assigned or range-checked while parsing.
            let graph = Graph(
                unchecked: nodeIDs.count, source: source, target: target,
                edgeWeights: expectedFields == 3 ? weights : nil, edgeTypes: nil)
            return EdgeList(graph: graph, nodeIDs: nodeIDs)
        }
    }
}
