import GraphGrad

/// Every derivative of a ``DerivativeLayout`` computed by every ``DerivativeMethod`` at one
/// point, and where they fail or disagree.
struct DerivativeComparison {
    /// The derivatives, one per entry of the layout.
    let entries: [[String]]
    /// Per method, one result per entry.
    let results: [DerivativeMethod: [Result<Double, MethodFailure>]]
    /// The numeric method's error estimates, one per entry (nil where it failed).
    let numericErrors: [Double?]

    /// The relative tolerance between the exact methods (symbolic, forward, reverse): they
    /// differ only by rounding in differently ordered arithmetic.
    static let exactRelativeTolerance = 1e-10
    /// The absolute floor under that tolerance, for derivatives that are zero up to rounding.
    static let exactAbsoluteTolerance = 1e-12

    /// Computes every entry by every method.
    ///
    /// - Parameter derivatives: the symbolic derivative of each entry, already built.
    init(at evaluation: DerivativeAtPoint, entries: [[String]], derivatives: [Expression]) {
        self.entries = entries
        var results: [DerivativeMethod: [Result<Double, MethodFailure>]] = [:]
        results[.symbolic] = derivatives.map { d in Result { () throws(MethodFailure) in try evaluation.symbolic(d) } }
        results[.forward] = entries.map { e in Result { () throws(MethodFailure) in try evaluation.forward(e) } }
        results[.reverse] = entries.map { e in Result { () throws(MethodFailure) in try evaluation.reverse(e) } }
        let numeric = entries.map { e in Result { () throws(MethodFailure) in try evaluation.numeric(e) } }
        results[.numeric] = numeric.map { $0.map(\.value) }
        self.results = results
        numericErrors = numeric.map { try? $0.get().errorEstimate }
    }

    /// The value of `method` for entry `index`, nil where it failed.
    func value(_ method: DerivativeMethod, _ index: Int) -> Double? {
        try? results[method]?[index].get()
    }

    /// One line per method and distinct failure, e.g. `symbolic: log is undefined at -2.0`.
    var failureMessages: [String] {
        DerivativeMethod.allCases.flatMap { method -> [String] in
            var seen: [String] = []
            for case .failure(let failure) in results[method] ?? [] where !seen.contains(failure.description) {
                seen.append(failure.description)
            }
            return seen.map { "\(method.rawValue): \($0)" }
        }
    }

    /// One line per entry where the methods disagree: exact methods beyond
    /// ``exactRelativeTolerance`` of each other, or the numeric value farther from the exact one
    /// than its own error estimate (plus the exact tolerance).
    var disagreements: [String] {
        entries.indices.compactMap { i -> String? in
            let exact = [DerivativeMethod.symbolic, .forward, .reverse].compactMap { m in value(m, i).map { (m, $0) } }
            guard let reference = exact.first?.1 else { return nil }
            func tolerance(_ a: Double, _ b: Double) -> Double {
                Self.exactRelativeTolerance * max(abs(a), abs(b)) + Self.exactAbsoluteTolerance
            }
            var agree = exact.allSatisfy { abs($0.1 - reference) <= tolerance($0.1, reference) }
            if let numeric = value(.numeric, i), let error = numericErrors[i] {
                agree = agree && abs(numeric - reference) <= error + tolerance(numeric, reference)
            }
            guard !agree else { return nil }
            let listed = DerivativeMethod.allCases.compactMap { m in
                value(m, i).map { "\(m.rawValue) \($0)" + (m == .numeric ? " ± \(numericErrors[i] ?? .nan)" : "") }
            }
            return "\(DerivativeLayout.name(of: entries[i])): " + listed.joined(separator: ", ")
        }
    }
}
