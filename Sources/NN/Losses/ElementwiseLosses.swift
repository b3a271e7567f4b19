import Tensors

/// Mean binary cross-entropy between sigmoid(`logits`) and `targets` in [0, 1], in the stable
/// form softplus(x) − x·y (no overflow for large |x|).
public func binaryCrossEntropy<Scalar>(logits: Tensor<Scalar>, targets: Tensor<Scalar>) -> Tensor<Scalar> {
    require(logits.shape == targets.shape, "logits \(logits.shape) and targets \(targets.shape) differ in shape")
    return (logits.softplus() - logits * targets).mean()
}

/// Mean squared error between `predictions` and `targets`.
public func meanSquaredError<Scalar>(_ predictions: Tensor<Scalar>, _ targets: Tensor<Scalar>) -> Tensor<Scalar> {
    require(predictions.shape == targets.shape, "predictions \(predictions.shape) and targets \(targets.shape) differ in shape")
    return (predictions - targets).squared().mean()
}
