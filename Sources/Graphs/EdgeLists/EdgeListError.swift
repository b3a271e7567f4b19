/// Why an edge-list file could not be read or written; line numbers count from 1 and include
/// comment and header lines.
public enum EdgeListError: Error, Equatable, CustomStringConvertible {
    /// A line has a number of fields other than the expected 2 (or 3 with weights).
    case wrongFieldCount(line: Int, expected: Int, got: Int)
    /// The weight field is not a finite number.
    case badWeight(line: Int, field: String)
    /// With integer node ids, a node field is not a non-negative integer below 2³¹.
    case badNodeID(line: Int, field: String)
    /// The edges reference more distinct nodes than an `Int32` can index.
    case tooManyNodes(line: Int)
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file could not be written.
    case unwritable(path: String, reason: String)

    /// A sentence naming the line and the offending text.
    public var description: String {
        switch self {
        case .wrongFieldCount(let line, let expected, let got):
            return "line \(line): expected \(expected) fields, got \(got)"
        case .badWeight(let line, let field):
            return "line \(line): weight '\(field)' is not a finite number"
        case .badNodeID(let line, let field):
            return "line \(line): node id '\(field)' is not a non-negative integer"
        case .tooManyNodes(let line):
            return "line \(line): more than \(Int32.max) distinct nodes"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
