import Calculus
import Testing
import Tensors
import _TestSupport

/// Products with a ``PackedMatrix`` keep its packed panels between calls; they must give the
/// bits the plain product gives, on the first call (packing into the cache) and after (reading
/// it), in both orientations, on any thread count, and in the gradient.
@Suite("PackedMatrix products", .serialized)
struct PackedMatrixTests {
    /// (rows, columns of the constant, columns of the other operand): SGC's shape (few output
    /// columns, so the product runs transposed and packs the constant whole, over several k
    /// slices and a partial one), one large enough to be split between threads, a square one
    /// that packs the other operand instead, and a product small enough to skip packing.
    static let shapes = [(140, 1433, 7), (1200, 600, 7), (70, 300, 64), (3, 5, 2)]

    func expectSameProducts<T: TensorScalar>(_: T.Type) {
        for (index, (rows, columns, outputs)) in Self.shapes.enumerated() {
            var generator = SplitMix64(seed: 500 + UInt64(index))
            let constant = Tensor<T>.normal([rows, columns], using: &generator)
            let other = Tensor<T>.normal([columns, outputs], using: &generator)
            let otherTransposed = Tensor<T>.normal([rows, outputs], using: &generator)
            let packed = PackedMatrix(constant)
            let plain = Tensor.matmul(constant, other)
            let plainTransposed = Tensor.matmul(constant, otherTransposed, transposingA: true)
            for threads in [1, 2, 1] {
                Threading.threadCount = threads
                let product = Tensor.matmul(packed, other)
                let transposed = Tensor.matmul(packed, otherTransposed, transposingA: true)
                #expect(product.shape == plain.shape && transposed.shape == plainTransposed.shape)
                #expect(product.scalars.map(\.bitPatternWords) == plain.scalars.map(\.bitPatternWords),
                        "\(T.self) \(rows)×\(columns) · \(columns)×\(outputs), \(threads) threads")
                #expect(transposed.scalars.map(\.bitPatternWords) == plainTransposed.scalars.map(\.bitPatternWords),
                        "\(T.self) (\(rows)×\(columns))ᵀ · \(rows)×\(outputs), \(threads) threads")
            }
        }
    }

    @Test("products give the plain product's bits, before and after the panels are kept")
    func productsMatchThePlainProduct() {
        let original = Threading.threadCount
        defer { Threading.threadCount = original }
        expectSameProducts(Float.self)
        expectSameProducts(Double.self)
    }

    @Test("the gradient and the tangent through a product match the plain product's bits")
    func derivativesMatchThePlainProduct() {
        var generator = SplitMix64(seed: 510)
        let constant = Tensor<Float>.normal([140, 1433], using: &generator)
        let weight = Tensor<Float>.normal([1433, 7], using: &generator)
        let direction = Tensor<Float>.normal([1433, 7], using: &generator)
        let seed = Tensor<Float>.normal([140, 7], using: &generator)
        let packed = PackedMatrix(constant)
        func gradient(_ product: (Tensor<Float>) -> Tensor<Float>) -> [Float] {
            let w = weight.requiringGradient()
            return (product(w) * seed).sum().gradients(wrt: [w])[0].scalars
        }
        for _ in 0..<2 {
            #expect(gradient { Tensor.matmul(packed, $0) }.map(\.bitPattern)
                    == gradient { Tensor.matmul(constant, $0) }.map(\.bitPattern))
            #expect(Tensor.matmul(packed, weight.withTangent(direction)).tangent?.scalars.map(\.bitPattern)
                    == Tensor.matmul(constant, weight.withTangent(direction)).tangent?.scalars.map(\.bitPattern))
        }
    }
}

extension BinaryFloatingPoint {
    /// The exact bits, as integers that compare for Float and Double alike.
    fileprivate var bitPatternWords: [UInt64] {
        [UInt64(exponentBitPattern), UInt64(significandBitPattern), sign == .minus ? 1 : 0]
    }
}
