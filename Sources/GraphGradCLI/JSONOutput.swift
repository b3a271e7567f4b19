/// A JSON value that keeps its object keys in the order they were given, rendered on one line.
enum JSONValue {
    case null
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A number, or `null` where it is not finite (JSON has no NaN or infinity).
    static func finite(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// The compact JSON text.
    var rendered: String {
        switch self {
        case .null: return "null"
        // Swift prints the shortest text that reads back as the same Double ("1.5", "1e-05"),
        // which is valid JSON for every finite value.
        case .number(let value): return "\(value)"
        case .integer(let value): return "\(value)"
        case .string(let text): return Self.quoted(text)
        case .array(let items): return "[" + items.map(\.rendered).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { Self.quoted($0.0) + ":" + $0.1.rendered }.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
