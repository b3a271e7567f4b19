import NN
import Tensors

/// Widths of a stack of `layerCount` layers: `featureCount` → `hiddenSize` (× `layerCount` − 1)
/// → `classCount`.
func stackWidths(featureCount: Int, hiddenSize: Int, classCount: Int, layerCount: Int) -> [Int] {
    [featureCount] + [Int](repeating: hiddenSize, count: layerCount - 1) + [classCount]
}

/// Runs graph layers as the classic node classifiers do: dropout before every layer (on sparse
/// input, stored values only) and ReLU between layers; the last layer's output is the logits.
@inline(__always)
func runStack<Scalar: TensorScalar, Layer: GraphLayer<Scalar>>(
    _ layers: [Layer], on input: GraphInput<Scalar>, dropout: Dropout<Scalar>
) -> Tensor<Scalar> {
    var h = layers[0](input.features.dropped(by: dropout), on: input.context)
    for layer in layers.dropFirst() {
        h = layer(dropout(h.relu()), on: input.context)
    }
    return h
}
