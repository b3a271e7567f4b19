import Calculus
extension Tensor {
    /// log softmax along `axis`: x − log Σ exp x, stable for large inputs.
    @inlinable
    public func logSoftmax(along axis: Int = -1) -> Tensor {
        self - logSumExp(along: axis, keepingDims: true)
    }

    /// softmax along `axis`: exp x / Σ exp x, stable for large inputs.
    @inlinable
    public func softmax(along axis: Int = -1) -> Tensor {
        logSoftmax(along: axis).exp()
    }
}
