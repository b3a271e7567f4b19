import GraphGrad

extension DerivativeAtPoint {
    /// The value of an already simplified derivative expression.
    func symbolic(_ derivative: Expression) throws(MethodFailure) -> Double {
        try checkDefined()
        let value: Double
        do { value = try derivative.evaluate(point) } catch { throw .undefined(error) }
        return try Self.finite(value)
    }
}
