import GraphGrad

extension DerivativeAtPoint {
    /// The derivative along `variables` from function values alone: Richardson extrapolation of
    /// central differences, nested once per variable (the inner derivative is the function the
    /// outer one differentiates).
    func numeric(_ variables: [String]) throws(MethodFailure) -> NumericDerivative {
        try checkDefined()
        let names = point.keys.sorted()
        let values = names.map { point[$0] ?? 0 }
        let indices = variables.compactMap { names.firstIndex(of: $0) }
        // The compiled program gives NaN outside the domain, which Richardson skips; the checked
        // evaluation above has already reported an undefined centre.
        guard let program = try? CompiledExpression(expression, variables: names) else {
            preconditionFailure("the point \(names) does not bind every variable of \(expression)")
        }
        let result = numeric(indices[...], at: values, program: program)
        _ = try Self.finite(result.value)
        return result
    }

    /// The outer Richardson table sees each inner derivative's error as noise in the function
    /// it differences, which a difference over step h amplifies to about error / h; its own
    /// estimate only models rounding noise, so the largest inner error it met, over its step, is
    /// added. That bound is pessimistic (it compounds over the levels) but never claims more
    /// accuracy than the nested differences have.
    private func numeric(
        _ indices: ArraySlice<Int>, at values: [Double], program: CompiledExpression
    ) -> NumericDerivative {
        guard let index = indices.first else {
            preconditionFailure("a numeric derivative needs at least one variable")
        }
        let inner = indices.dropFirst()
        var moved = values
        var innerError = 0.0
        var result = NumericDifferentiation.richardson(of: { t in
            moved[index] = t
            guard !inner.isEmpty else { return program(moved)[0] }
            let derivative = numeric(inner, at: moved, program: program)
            if derivative.errorEstimate.isFinite { innerError = max(innerError, derivative.errorEstimate) }
            return derivative.value
        }, at: values[index])
        result.errorEstimate += innerError / result.step
        return result
    }
}
