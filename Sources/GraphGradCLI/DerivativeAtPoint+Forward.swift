import GraphGrad
import RealModule

extension DerivativeAtPoint {
    /// The derivative along `variables` by dual numbers: one more level of `Dual` per variable,
    /// so ∂²f/∂x∂y evaluates the expression once on `Dual<Dual<Double>>`.
    func forward(_ variables: [String]) throws(MethodFailure) -> Double {
        let value: Double
        do { value = try forward(variables[...], at: point) } catch { throw .undefined(error) }
        return try Self.finite(value)
    }

    /// f differentiated along `variables` at `point`, whose values may themselves be duals.
    ///
    /// The outermost variable is seeded with a fresh perturbation one level up; the rest are
    /// differentiated inside, on the lifted point.
    private func forward<T: Real & DerivativeAlgebra>(
        _ variables: ArraySlice<String>, at point: [String: T]
    ) throws(ExpressionEvaluationError) -> T {
        guard let variable = variables.first else { return try expression.evaluate(point) }
        guard let x = point[variable] else {
            preconditionFailure("no value for the differentiation variable '\(variable)'")
        }
        var failure: ExpressionEvaluationError?
        let derivative = ForwardMode.derivative(of: { (seeded: Dual<T>) -> Dual<T> in
            var lifted = point.mapValues { Dual<T>($0) }
            lifted[variable] = seeded
            do throws(ExpressionEvaluationError) {
                return try forward(variables.dropFirst(), at: lifted)
            } catch {
                failure = error
                return Dual<T>(T.zero)
            }
        }, at: x)
        if let failure { throw failure }
        return derivative
    }
}
