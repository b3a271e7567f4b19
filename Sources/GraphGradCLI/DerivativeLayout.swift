/// Which derivatives `graphgrad diff` computes for the variables and order it was given.
///
/// - order 1: the gradient, one entry per variable;
/// - order 2 with several variables: the Hessian, n × n entries row by row;
/// - otherwise: the pure order-K derivative ∂ᴷf/∂xᴷ along each variable.
struct DerivativeLayout {
    /// The `--wrt` variables, in order.
    let variables: [String]
    /// The `--order`.
    let order: Int

    /// Whether the entries form the Hessian matrix (n × n, row-major) rather than a list.
    var isMatrix: Bool { order == 2 && variables.count > 1 }

    /// Each derivative as the variables differentiated by, outermost first.
    var entries: [[String]] {
        if isMatrix { return variables.flatMap { row in variables.map { column in [row, column] } } }
        return variables.map { Array(repeating: $0, count: order) }
    }

    /// The name of one entry: `∂f/∂x`, `∂²f/∂x∂y`, `∂³f/∂x³`.
    static func name(of entry: [String]) -> String {
        let superscript = entry.count == 1 ? "" : superscriptDigits(entry.count)
        var denominator = ""
        var index = entry.startIndex
        while index < entry.endIndex {
            let run = entry[index...].prefix { $0 == entry[index] }.count
            denominator += "∂\(entry[index])" + (run == 1 ? "" : superscriptDigits(run))
            index += run
        }
        return "∂\(superscript)f/\(denominator)"
    }

    private static func superscriptDigits(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }

    /// `values` (one per entry) as rows of the Hessian, or as one list.
    func shaped<T>(_ values: [T]) -> [[T]] {
        isMatrix ? stride(from: 0, to: values.count, by: variables.count).map { Array(values[$0..<$0 + variables.count]) } : [values]
    }
}
