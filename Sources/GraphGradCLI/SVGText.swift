import Foundation

/// Text pieces of hand-written SVG documents.
enum SVGText {
    /// A coordinate with two decimals.
    static func coordinate(_ value: Double) -> String { String(format: "%.2f", value) }

    /// `text` with the characters XML gives meaning to replaced by entities.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
