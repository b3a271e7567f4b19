import CKernels
import Calculus
import Tensors

/// Inverted dropout: in training, each element is zeroed with probability `probability` and
/// the survivors are scaled by 1 / (1 − probability), so the expected value is unchanged; in
/// evaluation mode the input passes through untouched.
///
/// The layer owns a seeded generator, so the same seed gives the same sequence of masks.
/// For a sparse input, apply it to the stored values only (``dropping(values:)``): zeros that
/// are not stored stay zero anyway, and the cost is proportional to the stored count.
public final class Dropout<Scalar: TensorScalar>: Layer {
    /// The probability of zeroing an element, in [0, 1].
    public let probability: Double
    /// Whether masks are applied (training) or the input passes through (evaluation).
    public var isTraining = true
    private var generator: SplitMix64

    /// Creates the layer; masks are drawn from a generator seeded with `seed`.
    ///
    /// - Precondition: 0 ≤ `probability` ≤ 1.
    public init(probability: Double, seed: UInt64) {
        require((0...1).contains(probability), "dropout probability \(probability) outside [0, 1]")
        self.probability = probability
        generator = SplitMix64(seed: seed)
    }

    /// `input` times a fresh mask in training mode (and when ``probability`` > 0); `input`
    /// itself otherwise.
    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        activeMask(shape: input.shape).map { input * $0 } ?? input
    }

    /// The mask ``callAsFunction(_:)`` would apply now to an input of `shape` (a fresh one,
    /// see ``mask(shape:)``), or nil when it would pass the input through: for a caller that
    /// fuses the multiplication into its own kernel.
    public func activeMask(shape: [Int]) -> Tensor<Scalar>? {
        guard isTraining, probability > 0 else { return nil }
        return mask(shape: shape)
    }

    /// Dropout of the stored values of a sparse matrix (a 1-D tensor of its nonzeros).
    public func dropping(values: Tensor<Scalar>) -> Tensor<Scalar> {
        require(values.rank == 1, "sparse values must be 1-D, got shape \(values.shape)")
        return self(values)
    }

    /// A fresh mask of `shape`: 1 / (1 − probability) with probability 1 − probability, else 0
    /// (all zeros when ``probability`` is 1).
    public func mask(shape: [Int]) -> Tensor<Scalar> {
        let keep = 1 - probability
        let scale = keep > 0 ? 1 / keep : 0
        // A uniform u = m·2⁻⁵³ (m < 2⁵³, exact) is below keep exactly when m < ⌈keep·2⁵³⌉.
        let threshold = UInt64((keep * 0x1p53).rounded(.up))
        return Tensor.build(shape: shape) { out in
            let n = shape.reduce(1, *)
            let state = generator.skip(n)
            // The draws are counter-based: a chunk starts where skipping to its first element
            // leaves the generator, so the threads together write the bits of one sequential draw.
            parallelChunks(count: n, grain: maskGrain) { elements in
                var chunk = SplitMix64(seed: state)
                _ = chunk.skip(elements.lowerBound)
                let start = chunk.skip(elements.count), count = Int64(elements.count)
                if ConcreteScalar.isFloat(Scalar.self) {
                    gg_dropout_mask_f32(
                        start, count, threshold, Float(scale), ConcreteScalar.cast(out, to: Float.self) + elements.lowerBound)
                } else {
                    gg_dropout_mask_f64(
                        start, count, threshold, scale, ConcreteScalar.cast(out, to: Double.self) + elements.lowerBound)
                }
            }
        }
    }

    /// The indices in 0..<count kept by a fresh draw, in increasing order (each kept with
    /// probability 1 − probability): for dropping entries structurally, such as edges.
    public func keptIndices(count: Int) -> [Int] {
        let keep = 1 - probability
        return (0..<count).filter { _ in generator.nextUniform() < keep }
    }
}

/// Mask elements below which a draw stays on one thread: at about half a nanosecond each, a
/// chunk of this many pays for a thread hand-off (GAT's masks, 10⁵ elements, are split).
let maskGrain = 1 << 15
