import Tensors

/// Scales the gradients of `parameters` so that their global L2 norm is at most `maxNorm`
/// (PyTorch's `clip_grad_norm_`: factor maxNorm / (norm + 10⁻⁶) when below 1).
///
/// - Returns: the global norm before clipping.
@discardableResult
public func clipGradientNorm<Scalar>(_ parameters: [Parameter<Scalar>], maxNorm: Double) -> Double {
    require(maxNorm > 0, "maximum gradient norm \(maxNorm) must be positive")
    return withoutGradients {
        let squares = parameters.compactMap(\.grad).reduce(0.0) { $0 + Double($1.squared().sum().scalar) }
        let norm = squares.squareRoot()
        let factor = maxNorm / (norm + 1e-6)
        if factor < 1 {
            for p in parameters {
                if let g = p.grad { p.setGrad(g * Scalar(factor)) }
            }
        }
        return norm
    }
}

/// Clamps every gradient element of `parameters` to [−limit, limit] (PyTorch's
/// `clip_grad_value_`).
public func clipGradientValues<Scalar>(_ parameters: [Parameter<Scalar>], limit: Double) {
    require(limit > 0, "gradient clipping limit \(limit) must be positive")
    withoutGradients {
        for p in parameters {
            if let g = p.grad { p.setGrad(g.maximum(Tensor(Scalar(-limit))).minimum(Tensor(Scalar(limit)))) }
        }
    }
}
