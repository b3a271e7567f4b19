/// How an edge-list text file is laid out: one edge per line, `source target [weight]`.
public struct EdgeListFormat: Sendable, Equatable {
    /// What separates the fields of a line.
    public enum Delimiter: Sendable, Equatable {
        /// A comma (CSV); spaces around fields are trimmed.
        case comma
        /// A tab (TSV); spaces around fields are trimmed.
        case tab
        /// Any run of spaces and tabs (SNAP and Matrix Market style).
        case whitespace
        /// Comma if the first data line has one, else tab if it has one, else whitespace.
        case automatic
    }

    /// Whether the first non-comment line names the columns.
    public enum Header: Sendable, Equatable {
        case present, absent
        /// A header when its node fields are both common column names (source/target, src/dst,
        /// from/to, u/v, node1/node2, …), when node ids are integers and a node field is not
        /// one, or when its weight field is not a number.
        case automatic
    }

    /// How node fields map to node indices.
    public enum NodeIDs: Sendable, Equatable {
        /// Any text; nodes are numbered in order of first appearance.
        case strings
        /// Non-negative integers that are the node indices themselves; the node count is the
        /// largest plus one.
        case integers
    }

    /// The field separator.
    public var delimiter: Delimiter
    /// Whether there is a header line.
    public var header: Header
    /// Whether lines carry a third, weight field; `nil` decides from the first data line.
    public var weighted: Bool?
    /// How node fields are read.
    public var nodeIDs: NodeIDs

    /// A format; the defaults detect delimiter, header and weights and read string ids.
    public init(
        delimiter: Delimiter = .automatic, header: Header = .automatic, weighted: Bool? = nil, nodeIDs: NodeIDs = .strings
    ) {
        self.delimiter = delimiter
        self.header = header
        self.weighted = weighted
        self.nodeIDs = nodeIDs
    }
}
