import GraphGrad

extension Hyperparameters {
    /// The first field outside the range a model of `kind` can be built and trained with, as
    /// (flag or field name, value, expected range); nil when all fit.
    ///
    /// The upper bounds keep a mistyped value from asking for more memory than any machine
    /// has, which would end the program instead of reporting the value.
    func problem(for kind: ModelKind) -> (name: String, value: String, expected: String)? {
        // SGC has no hidden layer; its default width is 0.
        let minimumHidden = kind == .sgc ? 0 : 1
        let counts: [(String, Int, ClosedRange<Int>)] = [
            ("hidden", hidden, minimumHidden...65_536), ("layers", layers, 1...1_024), ("heads", heads, 1...256),
            ("output-heads", outputHeads, 1...256), ("epochs", epochs, 1...10_000_000), ("k", k, 0...10_000),
        ]
        for (name, value, range) in counts where !range.contains(value) {
            return (name, "\(value)", "an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        if let patience, patience < 1 { return ("patience", "\(patience)", "an integer ≥ 1") }
        let probabilities: [(String, Double)] = [("dropout", dropout), ("attention-dropout", attentionDropout)]
        for (name, value) in probabilities where !(value >= 0 && value < 1) {
            return (name, "\(value)", "a probability in [0, 1)")
        }
        if !(learningRate > 0 && learningRate.isFinite) { return ("lr", "\(learningRate)", "a positive number") }
        let nonNegative: [(String, Double)] = [
            ("weight-decay", weightDecay), ("dense-weight-decay", denseWeightDecay), ("alpha", alpha), ("lambda", lambda),
        ]
        for (name, value) in nonNegative where !(value >= 0 && value.isFinite) {
            return (name, "\(value)", "a finite number ≥ 0")
        }
        return nil
    }
}
