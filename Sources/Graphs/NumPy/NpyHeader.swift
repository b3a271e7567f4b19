import Foundation

/// The dictionary at the start of a `.npy` file: `{'descr': '<f4', 'fortran_order': False,
/// 'shape': (2, 3), }`, a Python literal.
struct NpyHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// The header text numpy writes, without padding.
    var literal: String {
        let axes = shape.map(String.init)
        let tuple = axes.count == 1 ? "(\(axes[0]),)" : "(" + axes.joined(separator: ", ") + ")"
        return "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(tuple), }"
    }

    /// Parses the header dictionary; errors quote it without its padding.
    init(parsing padded: String) throws(NpyError) {
        let text = padded.trimmingCharacters(in: .whitespacesAndNewlines)
        var parser = PythonLiteralParser(text: text)
        let value: PythonLiteral
        do {
            value = try parser.parseDocument()
        } catch {
            throw .unparsableHeader(header: text, reason: error.reason)
        }
        guard case .dictionary(let entries) = value else {
            throw .unparsableHeader(header: text, reason: "not a dictionary")
        }
        func entry(_ key: String) throws(NpyError) -> PythonLiteral {
            guard let value = entries.first(where: { $0.key == key })?.value else {
                throw .unparsableHeader(header: text, reason: "no '\(key)' key")
            }
            return value
        }
        switch try entry("descr") {
        case .string(let descr): self.descr = descr
        case let other: throw .unsupportedDType(other.text)
        }
        guard case .bool(let fortranOrder) = try entry("fortran_order") else {
            throw .unparsableHeader(header: text, reason: "'fortran_order' is not True or False")
        }
        self.fortranOrder = fortranOrder
        guard case .tuple(let axes) = try entry("shape") else {
            throw .unparsableHeader(header: text, reason: "'shape' is not a tuple")
        }
        var shape: [Int] = []
        for axis in axes {
            guard case .integer(let extent) = axis, extent >= 0 else {
                throw .unparsableHeader(header: text, reason: "shape entry \(axis.text) is not a length")
            }
            shape.append(extent)
        }
        self.shape = shape
    }

    init(descr: String, fortranOrder: Bool, shape: [Int]) {
        self.descr = descr
        self.fortranOrder = fortranOrder
        self.shape = shape
    }
}

/// The few Python literal forms a `.npy` header uses.
indirect enum PythonLiteral: Equatable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dictionary([(key: String, value: PythonLiteral)])

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool { lhs.text == rhs.text }

    /// The literal written back as Python source.
    var text: String {
        switch self {
        case .string(let value): return "'\(value)'"
        case .integer(let value): return String(value)
        case .bool(let value): return value ? "True" : "False"
        case .none: return "None"
        case .tuple(let items): return "(" + items.map(\.text).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case .list(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .dictionary(let entries):
            return "{" + entries.map { "'\($0.key)': \($0.value.text)" }.joined(separator: ", ") + "}"
        }
    }
}

struct PythonLiteralError: Error {
    var reason: String
}

/// A recursive-descent parser over the header's characters.
struct PythonLiteralParser {
    private let characters: [Character]
    private var position = 0

    init(text: String) {
        characters = Array(text)
    }

    /// One literal followed only by whitespace (numpy pads the header with spaces and a newline).
    mutating func parseDocument() throws(PythonLiteralError) -> PythonLiteral {
        let value = try parseValue()
        skipWhitespace()
        guard position == characters.count else { throw failure("unexpected text after the literal") }
        return value
    }

    private mutating func parseValue() throws(PythonLiteralError) -> PythonLiteral {
        skipWhitespace()
        guard let character = peek() else { throw failure("unexpected end") }
        switch character {
        case "{":
            position += 1
            var entries: [(key: String, value: PythonLiteral)] = []
            while !consume("}") {
                guard case .string(let key) = try parseValue() else { throw failure("dictionary key is not a string") }
                try expect(":")
                entries.append((key, try parseValue()))
                try separator(closing: "}")
            }
            return .dictionary(entries)
        case "(":
            position += 1
            return .tuple(try parseSequence(closing: ")"))
        case "[":
            position += 1
            return .list(try parseSequence(closing: "]"))
        case "'", "\"":
            return .string(try parseString(quote: character))
        default:
            return try parseWord()
        }
    }

    /// Comma-separated values up to `closing`, allowing a trailing comma.
    private mutating func parseSequence(closing: Character) throws(PythonLiteralError) -> [PythonLiteral] {
        var items: [PythonLiteral] = []
        while !consume(closing) {
            items.append(try parseValue())
            try separator(closing: closing)
        }
        return items
    }

    /// After an element: a comma, or the closing bracket (left for `consume`).
    private mutating func separator(closing: Character) throws(PythonLiteralError) {
        skipWhitespace()
        if peek() == "," {
            position += 1
        } else if peek() != closing {
            throw failure("expected ',' or '\(closing)'")
        }
    }

    /// Skips whitespace, then consumes `character` if it comes next.
    private mutating func consume(_ character: Character) -> Bool {
        skipWhitespace()
        guard peek() == character else { return false }
        position += 1
        return true
    }

    private mutating func parseString(quote: Character) throws(PythonLiteralError) -> String {
        position += 1
        var value = ""
        while let character = peek() {
            position += 1
            if character == quote { return value }
            value.append(character)
        }
        throw failure("unterminated string")
    }

    /// An integer (Python 2 files may add an `L` suffix) or True/False/None.
    private mutating func parseWord() throws(PythonLiteralError) -> PythonLiteral {
        let start = position
        while let character = peek(), character.isLetter || character.isNumber || character == "-" || character == "_" {
            position += 1
        }
        let word = String(characters[start..<position])
        switch word {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .none
        default:
            let digits = word.hasSuffix("L") ? String(word.dropLast()) : word
            guard let value = Int(digits) else {
                throw failure(word.isEmpty ? "unexpected character" : "'\(word)' is not a literal")
            }
            return .integer(value)
        }
    }

    private mutating func expect(_ character: Character) throws(PythonLiteralError) {
        skipWhitespace()
        guard peek() == character else { throw failure("expected '\(character)'") }
        position += 1
    }

    private mutating func skipWhitespace() {
        while let character = peek(), character.isWhitespace { position += 1 }
    }

    private func peek() -> Character? {
        position < characters.count ? characters[position] : nil
    }

    private func failure(_ reason: String) -> PythonLiteralError {
        PythonLiteralError(reason: "\(reason) at character \(position)")
    }
}
