import Tensors

/// A fully connected layer: y = x·W + b, with W of shape [inputs, outputs].
///
/// W starts Glorot-uniform and b at zero, as PyTorch Geometric's `Linear` and `GCNConv`.
public final class Linear<Scalar: TensorScalar>: Layer {
    /// The weight, [inputs, outputs].
    public let weight: Parameter<Scalar>
    /// The bias, [outputs], when the layer has one.
    public let bias: Parameter<Scalar>?
    /// Unused by this layer; kept for the ``Module`` protocol.
    public var isTraining = true

    /// Creates a layer mapping `inputSize` features to `outputSize`, initialized from `generator`.
    public init(
        inputSize: Int, outputSize: Int, bias: Bool = true, using generator: inout some RandomNumberGenerator
    ) {
        weight = Parameter(Tensor.glorotUniform([inputSize, outputSize], using: &generator))
        self.bias = bias ? Parameter(Tensor.zeros([outputSize])) : nil
    }

    /// Creates a layer with the given weight [inputs, outputs] and optional bias [outputs].
    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>?) {
        require(weight.rank == 2, "Linear weight must be [inputs, outputs], got shape \(weight.shape)")
        if let bias {
            require(bias.shape == [weight.shape[1]], "Linear bias of shape \(bias.shape) for weight \(weight.shape)")
        }
        self.weight = Parameter(weight)
        self.bias = bias.map { Parameter($0) }
    }

    /// The number of input features.
    public var inputSize: Int { weight.shape[0] }
    /// The number of output features.
    public var outputSize: Int { weight.shape[1] }

    /// x·W + b for `input` of shape [..., inputs].
    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        require(input.shape.last == inputSize, "Linear expects [..., \(inputSize)], got \(input.shape)")
        let product: Tensor<Scalar>
        if input.rank == 2 {
            product = input.matmul(weight.value)
        } else {
            let rows = input.count / inputSize
            product = input.reshaped([rows, inputSize]).matmul(weight.value)
                .reshaped(Array(input.shape.dropLast()) + [outputSize])
        }
        return addingBias(product)
    }

    /// x·W + b for a constant `input` of shape [rows, inputs] whose packed panels are kept, so
    /// that a layer applied to the same input every step does not pack it again; the same bits
    /// as the layer applied to `input.value`.
    public func callAsFunction(_ input: PackedMatrix<Scalar>) -> Tensor<Scalar> {
        require(input.value.shape[1] == inputSize, "Linear expects [rows, \(inputSize)], got \(input.value.shape)")
        return addingBias(Tensor.matmul(input, weight.value))
    }

    private func addingBias(_ product: Tensor<Scalar>) -> Tensor<Scalar> {
        guard let bias else { return product }
        return product + bias.value
    }
}
