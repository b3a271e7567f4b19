import GraphGrad

extension DerivativeAtPoint {
    /// The derivative along `variables` on the tensor tape: the expression is evaluated on 0-d
    /// tensors that are tape leaves, then differentiated once per variable, each gradient
    /// recorded (`createGraph`) so that the next one can differentiate it again.
    func reverse(_ variables: [String]) throws(MethodFailure) -> Double {
        let leaves = point.mapValues { Tensor<Double>($0).requiringGradient() }
        var y: Tensor<Double>
        do {
            y = try expression.evaluate(leaves, constant: { Tensor<Double>($0) }, scalarValue: { $0.scalar })
        } catch {
            throw .undefined(error)
        }
        for (k, variable) in variables.enumerated() {
            guard let leaf = leaves[variable] else {
                preconditionFailure("no value for the differentiation variable '\(variable)'")
            }
            y = y.gradients(wrt: [leaf], createGraph: k < variables.count - 1)[0]
        }
        return try Self.finite(y.scalar)
    }
}
