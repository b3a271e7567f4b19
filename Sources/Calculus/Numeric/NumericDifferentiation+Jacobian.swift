extension NumericDifferentiation {
    /// ∇f(x) by a finite-difference formula in each coordinate, each entry with its own error
    /// estimate and step (chosen from that coordinate's scale).
    public static func gradient(
        of f: ([Double]) -> Double, at x: [Double], scheme: DifferenceScheme = .central,
        step: Double? = nil
    ) -> [NumericDerivative] {
        x.indices.map { j in
            scheme.differentiate({ [f(replacing(j, of: x, with: $0))] }, at: x[j], step: step)[0]
        }
    }

    /// The Jacobian ∂fᵢ/∂xⱼ of a vector function by finite differences, one column per input
    /// coordinate: `result[i][j]` is the derivative of output i with respect to input j.
    public static func jacobian(
        of f: ([Double]) -> [Double], at x: [Double], scheme: DifferenceScheme = .central,
        step: Double? = nil
    ) -> [[NumericDerivative]] {
        let columns = x.indices.map { j in
            scheme.differentiate({ f(replacing(j, of: x, with: $0)) }, at: x[j], step: step)
        }
        let outputs = columns.first?.count ?? f(x).count
        return (0..<outputs).map { i in columns.map { $0[i] } }
    }

    /// `x` with coordinate `j` set to `value`: the curve along which one partial is taken.
    private static func replacing(_ j: Int, of x: [Double], with value: Double) -> [Double] {
        var moved = x
        moved[j] = value
        return moved
    }
}
